import { DynamicModule, Module } from '@nestjs/common';
import type { SessionStoreSettings } from '../config/app-config';
import { createSessionStorage, SessionStorage } from './session-storage';

/** The session store (memory or Redis), for the session middleware, readiness and shutdown. */
@Module({})
export class SessionModule {
  static forRoot(settings: SessionStoreSettings): DynamicModule {
    return {
      module: SessionModule,
      global: true,
      providers: [{ provide: SessionStorage, useFactory: () => createSessionStorage(settings) }],
      exports: [SessionStorage],
    };
  }
}
