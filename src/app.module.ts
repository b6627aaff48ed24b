import {
  DynamicModule,
  Inject,
  MiddlewareConsumer,
  Module,
  NestModule,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Request, RequestHandler } from 'express';
import type { DestinationStream } from 'pino';
import { AdminModule } from './admin/admin.module';
import { AuthModule, tenantOf } from 'nest-okta';
import type { AppConfig } from './config/app-config';
import { demoUsersHint } from 'okta-dev-idp';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { AppExceptionFilter } from './http/app-exception.filter';
import { tenantContentSecurityPolicy } from './http/content-security-policy';
import { isSessionlessPath } from './http/sessionless-paths';
import { logTransport } from './logging/log-format';
import { LoggingModule } from './logging/logging.module';
import { authModuleOptions } from './okta-auth-options';
import { ProfileModule } from './profile/profile.module';
import { SessionStorage } from './session/session-storage';
import { SessionModule } from './session/session.module';
import { ShopModule } from './shop/shop.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Deny by default: every route needs a signed-in user unless marked `@Public()`. */
  globalAuthGuard?: boolean;
  /** Where JSON logs go; standard output unless a test collects them. */
  logDestination?: DestinationStream;
}

const TENANT_CSP = Symbol('TENANT_CSP');

@Module({})
export class AppModule implements NestModule {
  constructor(@Inject(TENANT_CSP) private readonly tenantCsp: RequestHandler | null) {}

  static forRoot({
    config,
    globalAuthGuard = true,
    logDestination,
  }: AppModuleOptions): DynamicModule {
    const signInHint = config.usesDevIdentityProvider ? demoUsersHint() : undefined;
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot({
          level: config.logLevel,
          destination: logDestination,
          transport: logTransport({
            nodeEnv: config.nodeEnv,
            stdoutIsTerminal: process.stdout.isTTY === true,
          }),
          unlogged: isSessionlessPath,
          tenantOf: config.tenants && ((req) => tenantOf(req as Request)),
        }),
        SessionModule.forRoot(config.session.store),
        AuthModule.forRootAsync({
          // The session store's lock, index and rate-limit counts: instances sharing sessions
          // refresh each one only once, Universal Logout finds every session of a user, and
          // each rate limit is one budget for all of them.
          inject: [SessionStorage],
          useFactory: (storage: SessionStorage) => ({
            ...authModuleOptions(config, { globalGuard: globalAuthGuard, signInHint }),
            sessionIndex: storage.sessionIndex,
            refreshLock: storage.refreshLock,
            rateLimitStorage: storage.rateLimitStorage,
          }),
        }),
        HomeModule,
        ProfileModule,
        ShopModule,
        AdminModule,
        HealthModule,
      ],
      // Registered in the root module, so AuthModule's filter answers its own errors first.
      providers: [
        { provide: APP_FILTER, useClass: AppExceptionFilter },
        {
          provide: TENANT_CSP,
          useValue: config.tenants
            ? tenantContentSecurityPolicy(
                new Map([...config.tenants.tenants].map(([id, { issuer }]) => [id, issuer])),
              )
            : null,
        },
      ],
    };
  }

  /** After AuthModule's middleware (a global module's runs first), so the tenant is known. */
  configure(consumer: MiddlewareConsumer): void {
    if (!this.tenantCsp) return;
    consumer.apply(this.tenantCsp).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
