import {
  type DynamicModule,
  Inject,
  Logger,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
  RequestMethod,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { Express } from 'express';
import { AccessTokenService } from './access/access-token.service';
import { AuthenticatedGuard } from './access/authenticated.guard';
import { GlobalAuthGuard } from './access/global-auth.guard';
import { GroupsGuard } from './access/groups.guard';
import { SignInService } from './access/sign-in.service';
import { StepUpGuard } from './access/step-up.guard';
import {
  AUTH_MODULE_ASYNC_OPTIONS_TYPE,
  AUTH_MODULE_OPTIONS,
  AUTH_MODULE_OPTIONS_TYPE,
  ConfigurableAuthModule,
} from './auth.module-definition';
import type {
  AuthModuleOptions,
  MultiTenantAuthModuleOptions,
} from './options/auth-module-options';
import { AUTH_SETTINGS } from './options/auth-settings';
import { RATE_LIMIT_STORAGE } from './options/rate-limit-storage';
import { emailSubjectWarnings } from './options/email-subjects';
import { type OrgSettings, resolveOrgSettings } from './options/org-settings';
import { AuthExceptionFilter } from './routes/auth-exception.filter';
import { authRoutePaths, mapAuthRoutes } from './routes/auth-route-paths';
import { AuthRoutes } from './routes/auth-routes';
import { createAuthController } from './routes/auth.controller';
import { moduleMiddleware } from './routes/module.middleware';
import { routePrefixOf } from './routes/nest-route-prefix';
import { requiresPar, warnOfMissingPar } from './redirect/par-availability';
import { ProblemResponse } from './routes/problem-response';
import { revocationOrgs } from './scopes/revocation-orgs';
import { ScopeRegistry } from './scopes/scope-registry';
import { hasSessionMiddleware } from './session/session-middleware-check';
import { TokenVault } from './tokens/token-vault';
import { revocationEndpointPaths } from './universal-logout/revocation-endpoint-paths';
import { RevocationGate } from './universal-logout/revocation-gate';
import { RevocationRateLimit } from './universal-logout/revocation-rate-limit';

const universalLogoutLog = new Logger('UniversalLogout');
const EVERY_ROUTE = { path: '{*path}', method: RequestMethod.ALL };

/** Every org's settings, validated once. */
const ORG_SETTINGS = Symbol('ORG_SETTINGS');
/** This module's own controller class (see `createAuthController`). */
const AUTH_CONTROLLER = Symbol('AUTH_CONTROLLER');

/**
 * Okta sign-in for a Nest app on Express: both of Okta's models for server-side web apps, the
 * guards and decorators for the three access modes, sign-out, and the session rules (absolute
 * lifetime, idle extension). The app brings express-session with its store; everything else
 * comes from the options given to `forRoot` or `forRootAsync`. Every org's scope is built in
 * one place (`ScopeRegistry`), so the providers here only hand it around.
 */
@Module({
  providers: [
    {
      provide: ORG_SETTINGS,
      inject: [AUTH_MODULE_OPTIONS],
      useFactory: (options: AuthModuleOptions | MultiTenantAuthModuleOptions) => {
        const orgs = resolveOrgSettings(options);
        // Said as the module starts: what the options leave unable to work.
        for (const warning of emailSubjectWarnings(orgs.byTenant)) universalLogoutLog.warn(warning);
        return orgs;
      },
    },
    {
      provide: AUTH_SETTINGS,
      inject: [ORG_SETTINGS],
      useFactory: (orgs: OrgSettings) => orgs.shared,
    },
    {
      provide: TokenVault,
      inject: [ORG_SETTINGS],
      useFactory: (orgs: OrgSettings) => new TokenVault(orgs.shared.maxSignInAgeMs),
    },
    // Started on its first count: unused when the app gives a storage of its own.
    ThrottlerStorageService,
    {
      provide: RATE_LIMIT_STORAGE,
      inject: [AUTH_MODULE_OPTIONS, ThrottlerStorageService],
      useFactory: (
        options: AuthModuleOptions | MultiTenantAuthModuleOptions,
        inThisInstance: ThrottlerStorageService,
      ): ThrottlerStorage => options.rateLimitStorage ?? inThisInstance,
    },
    {
      provide: ScopeRegistry,
      inject: [ORG_SETTINGS, AUTH_MODULE_OPTIONS, TokenVault, RATE_LIMIT_STORAGE],
      useFactory: (
        orgs: OrgSettings,
        options: AuthModuleOptions | MultiTenantAuthModuleOptions,
        vault: TokenVault,
        throttlerStorage: ThrottlerStorage,
      ) =>
        new ScopeRegistry(orgs, {
          vault,
          sessionIndexStore: options.sessionIndex,
          throttlerStorage,
        }),
    },
    {
      provide: RevocationGate,
      inject: [ScopeRegistry, RATE_LIMIT_STORAGE],
      useFactory: (registry: ScopeRegistry, throttlerStorage: ThrottlerStorage) =>
        new RevocationGate(
          new RevocationRateLimit(registry.orgs.shared, throttlerStorage),
          revocationOrgs(registry),
        ),
    },
    AuthRoutes,
    ProblemResponse,
    AuthenticatedGuard,
    GroupsGuard,
    StepUpGuard,
    AccessTokenService,
    SignInService,
    { provide: APP_GUARD, useClass: GlobalAuthGuard },
    { provide: APP_FILTER, useClass: AuthExceptionFilter },
  ],
  exports: [AuthenticatedGuard, GroupsGuard, StepUpGuard, AccessTokenService, SignInService],
})
export class AuthModule
  extends ConfigurableAuthModule
  implements NestModule, OnApplicationBootstrap, OnModuleDestroy
{
  static override forRoot(options: typeof AUTH_MODULE_OPTIONS_TYPE): DynamicModule {
    return withController(super.forRoot(options));
  }

  static override forRootAsync(options: typeof AUTH_MODULE_ASYNC_OPTIONS_TYPE): DynamicModule {
    return withController(super.forRootAsync(options));
  }

  constructor(
    @Inject(ScopeRegistry) private readonly registry: ScopeRegistry,
    @Inject(AUTH_CONTROLLER) private readonly controller: Type,
    private readonly appConfig: ApplicationConfig,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(RevocationGate) revocationGate: RevocationGate,
  ) {
    super();
    this.mountRevocationGate(revocationGate);
  }

  /** Runs as the app starts, once `main.ts` has set the global prefix and before routes map. */
  configure(consumer: MiddlewareConsumer): void {
    const routePrefix = routePrefixOf(this.appConfig);
    mapAuthRoutes(this.controller, authRoutePaths(this.registry.orgs, routePrefix));
    consumer.apply(moduleMiddleware(this.registry, routePrefix)).forRoutes(EVERY_ROUTE);
  }

  /**
   * Mounted as the module is built, before the app starts: Nest mounts its body parser as the app
   * starts, so the gate checks an endpoint request's token before any body is read.
   */
  private mountRevocationGate(gate: RevocationGate): void {
    const { universalLogout } = this.registry.orgs.shared;
    const app = this.adapterHost.httpAdapter?.getInstance<Express | undefined>();
    if (!universalLogout || typeof app?.use !== 'function') return;
    const isEndpoint = revocationEndpointPaths(
      universalLogout.path,
      () => routePrefixOf(this.appConfig),
      this.registry.orgs.tenants?.resolve === 'path',
    );
    app.use(gate.beforeBody(isEndpoint));
  }

  onModuleDestroy(): void {
    this.registry.close();
  }

  onApplicationBootstrap(): void {
    for (const [tenant, settings] of this.registry.orgs.byTenant) {
      const oidc = requiresPar(settings) ? this.registry.scopeOf(tenant)?.oidc : undefined;
      if (oidc) void warnOfMissingPar(tenant, oidc);
    }
    if (!this.registry.orgs.shared.verifySessionMiddleware) return;
    const app = this.adapterHost.httpAdapter?.getInstance<Express>();
    if (app && !hasSessionMiddleware(app)) {
      throw new Error(
        'AuthModule needs express-session mounted before the app starts: app.use(session({ secret, store, resave: false, saveUninitialized: false, cookie: { sameSite: "lax" } })). If your session middleware is mounted another way, set verifySessionMiddleware: false.',
      );
    }
  }
}

/** The module with a controller class of its own for its routes. */
function withController(module: DynamicModule): DynamicModule {
  const controller = createAuthController();
  return {
    ...module,
    controllers: [...(module.controllers ?? []), controller],
    providers: [...(module.providers ?? []), { provide: AUTH_CONTROLLER, useValue: controller }],
  };
}
