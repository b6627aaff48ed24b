import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import type { DestinationStream } from 'pino';
import { HealthModule } from './health/health.module';
import { LoggingModule } from './logging/logging.module';
import { SessionModule } from './session/session.module';
import { HomeModule } from './home/home.module';
import { ProfileModule } from './profile/profile.module';
import { ShopModule } from './shop/shop.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Deny by default: every route needs a signed-in user unless marked `@Public()`. */
  globalAuthGuard?: boolean;
  /** Where JSON logs go; standard output unless a test collects them. */
  logDestination?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot({
    config,
    globalAuthGuard = true,
    logDestination,
  }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggingModule.forRoot({ level: config.logLevel, destination: logDestination }),
        SessionModule,
        AuthModule.forRoot({
          globalGuard: globalAuthGuard,
          signInMode: config.okta.signInMode,
        }),
        HomeModule,
        ProfileModule,
        ShopModule,
        AdminModule,
        HealthModule,
      ],
    };
  }
}
