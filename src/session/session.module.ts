import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { createSessionStorage, SessionStorage } from './session-storage';

@Global()
@Module({
  providers: [
    {
      provide: SessionStorage,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createSessionStorage(config.session.store),
    },
  ],
  exports: [SessionStorage],
})
export class SessionModule {}
