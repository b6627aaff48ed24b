import {
  Inject,
  MiddlewareConsumer,
  Module,
  NestModule,
  OnApplicationBootstrap,
  OnModuleDestroy,
  RequestMethod,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, HttpAdapterHost, ModuleRef } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Express } from 'express';
import type passport from 'passport';
import { AuthenticatedGuard } from './access/authenticated.guard';
import { GlobalAuthGuard } from './access/global-auth.guard';
import { GroupsGuard } from './access/groups.guard';
import { AUTH_MODULE_OPTIONS, ConfigurableAuthModule } from './auth.module-definition';
import { AuthExceptionFilter } from './errors/auth-exception.filter';
import { ProblemResponse } from './errors/problem-response';
import { OidcClient } from './oidc/oidc-client';
import type {
  AuthModuleOptions,
  MultiTenantAuthModuleOptions,
} from './options/auth-module-options';
import { AUTH_SETTINGS, type AuthSettings } from './options/auth-settings';
import { resolveAuthSettings } from './options/resolve-auth-settings';
import { oktaPassport } from './redirect/okta-passport';
import { RedirectSignInRoutes } from './redirect/redirect-sign-in.routes';
import { serveAuthRoutes } from './routes/auth-route';
import { authMiddleware, moduleRoutes } from './routes/auth-middleware';
import { CsrfTokens } from './session/csrf';
import { SessionIndex } from './session-index/session-index';
import { resolveTenantSettings, type TenantsSettings } from './tenants/resolve-tenant-settings';
import { TenantRegistry } from './tenants/tenant-registry';
import { tenantRevocationOrgs } from './tenants/tenant-revocation-orgs';
import { stripTenantPath } from './tenants/tenant-path.middleware';
import { resolveTenant, tenantRoutes, tenantSession } from './tenants/tenants.middleware';
import { authSessionMiddleware } from './session/auth-session.middleware';
import { hasSessionMiddleware } from './session/session-middleware-check';
import { SignInRateLimit } from './sign-in/sign-in-rate-limit';
import { SignInTransactions } from './sign-in/sign-in-transactions';
import { SignOutRoutes } from './sign-out/sign-out.routes';
import { AccessTokenService } from './tokens/access-token.service';
import { TokenVault } from './tokens/token-vault';
import { GlobalTokenRevocationRoutes } from './universal-logout/global-token-revocation.routes';
import { globalTokenRevocationRoute } from './universal-logout/revocation-endpoint';
import { RevocationRateLimit } from './universal-logout/revocation-rate-limit';
import { SignOutEverywhereRoutes } from './universal-logout/sign-out-everywhere.routes';
import { UserSessionRevoker } from './universal-logout/user-session-revoker';
import { AUTH_PASSPORT } from './user/auth-passport';
import { InteractionCodeSignIn } from './widget/interaction-code-sign-in';
import { WidgetSignInRoutes } from './widget/widget-sign-in.routes';

const EVERY_ROUTE = { path: '{*path}', method: RequestMethod.ALL };

/** The tenants' settings, or `null` when the module serves one org. */
const TENANTS_SETTINGS = Symbol('TENANTS_SETTINGS');

type GivenOptions = AuthModuleOptions | MultiTenantAuthModuleOptions;

/**
 * With tenants, the module-wide settings are the first tenant's: only what every tenant shares
 * (routes, guard, lifetimes, limits, views) is read from them. Everything that talks to an org
 * reads the request's tenant's scope instead (see `tenants/`).
 */
function moduleSettings(options: GivenOptions, tenants: TenantsSettings | null): AuthSettings {
  if (!tenants) return resolveAuthSettings(options as AuthModuleOptions);
  return tenants.byId.values().next().value!;
}

/**
 * Okta sign-in for a Nest app on Express: both of Okta's models for server-side web apps, the
 * guards and decorators for the three access modes, sign-out, and the session rules (absolute
 * lifetime, idle extension). The app brings express-session with its store; everything else
 * comes from the options given to `forRoot` or `forRootAsync`.
 */
@Module({
  providers: [
    {
      provide: TENANTS_SETTINGS,
      inject: [AUTH_MODULE_OPTIONS],
      useFactory: (options: GivenOptions) =>
        options.tenants ? resolveTenantSettings(options) : null,
    },
    {
      provide: AUTH_SETTINGS,
      inject: [AUTH_MODULE_OPTIONS, TENANTS_SETTINGS],
      useFactory: moduleSettings,
    },
    {
      provide: TenantRegistry,
      inject: [TENANTS_SETTINGS, AUTH_MODULE_OPTIONS, TokenVault, ThrottlerStorageService],
      useFactory: (
        tenants: TenantsSettings | null,
        options: GivenOptions,
        vault: TokenVault,
        throttlerStorage: ThrottlerStorageService,
      ) =>
        tenants &&
        new TenantRegistry(tenants, {
          vault,
          sessionIndexStore: options.sessionIndex,
          throttlerStorage,
        }),
    },
    {
      provide: OidcClient,
      inject: [AUTH_SETTINGS],
      useFactory: (settings: AuthSettings) => OidcClient.forApp(settings),
    },
    {
      provide: SignInTransactions,
      inject: [AUTH_SETTINGS],
      useFactory: (settings: AuthSettings) =>
        new SignInTransactions(settings.signInTransactionTtlMs),
    },
    {
      provide: SessionIndex,
      inject: [AUTH_SETTINGS, AUTH_MODULE_OPTIONS],
      useFactory: (settings: AuthSettings, options: GivenOptions) =>
        new SessionIndex(settings.issuer, settings.maxSignInAgeMs, options.sessionIndex),
    },
    {
      provide: AUTH_PASSPORT,
      inject: [AUTH_SETTINGS, OidcClient, SignInTransactions, SessionIndex],
      useFactory: oktaPassport,
    },
    {
      provide: TokenVault,
      inject: [AUTH_SETTINGS],
      useFactory: (settings: AuthSettings) => new TokenVault(settings.maxSignInAgeMs),
    },
    {
      provide: CsrfTokens,
      inject: [AUTH_SETTINGS],
      // The client secret: shared by every instance, and never sent to a browser.
      useFactory: (settings: AuthSettings) => new CsrfTokens(settings.clientSecret),
    },
    ThrottlerStorageService,
    SignInRateLimit,
    ProblemResponse,
    AuthenticatedGuard,
    GroupsGuard,
    AccessTokenService,
    InteractionCodeSignIn,
    RedirectSignInRoutes,
    WidgetSignInRoutes,
    SignOutRoutes,
    UserSessionRevoker,
    RevocationRateLimit,
    GlobalTokenRevocationRoutes,
    SignOutEverywhereRoutes,
    { provide: APP_GUARD, useClass: GlobalAuthGuard },
    { provide: APP_FILTER, useClass: AuthExceptionFilter },
  ],
  exports: [OidcClient, AuthenticatedGuard, GroupsGuard, AccessTokenService, AUTH_SETTINGS],
})
export class AuthModule
  extends ConfigurableAuthModule
  implements NestModule, OnApplicationBootstrap, OnModuleDestroy
{
  constructor(
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(TENANTS_SETTINGS) private readonly tenants: TenantsSettings | null,
    @Inject(TenantRegistry) private readonly registry: TenantRegistry | null,
    @Inject(AUTH_PASSPORT) private readonly authenticator: passport.Authenticator,
    private readonly moduleRef: ModuleRef,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    super();
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.tenants && this.registry) {
      const byPath = this.tenants.byPath ? [stripTenantPath] : [];
      consumer
        .apply(
          authMiddleware(
            [
              ...this.tenantsGlobalTokenRevocation(this.tenants, this.registry),
              ...byPath,
              resolveTenant(this.tenants, this.registry),
              tenantSession,
            ],
            tenantRoutes,
          ),
        )
        .forRoutes(EVERY_ROUTE);
      return;
    }
    const { settings } = this;
    const signIn =
      settings.signInMode === 'widget'
        ? this.moduleRef.get(WidgetSignInRoutes)
        : this.moduleRef.get(RedirectSignInRoutes);
    const routes = [
      ...signIn.routes(),
      ...this.moduleRef.get(SignOutRoutes).routes(),
      ...this.moduleRef.get(SignOutEverywhereRoutes).routes(),
      ...this.moduleRef.get(GlobalTokenRevocationRoutes).routes(),
    ];
    consumer
      .apply(
        authMiddleware(
          [authSessionMiddleware(this.authenticator, settings, this.moduleRef.get(CsrfTokens))],
          moduleRoutes(settings, routes),
        ),
      )
      .forRoutes(EVERY_ROUTE);
  }

  /**
   * With tenants, the one endpoint every tenant's org calls, whatever the host: it is not a
   * tenant's route, since the request's token, not its address, says which org sent it.
   */
  private tenantsGlobalTokenRevocation(tenants: TenantsSettings, registry: TenantRegistry) {
    const { universalLogout } = this.settings;
    if (!universalLogout) return [];
    const route = globalTokenRevocationRoute(
      universalLogout.path,
      this.moduleRef.get(RevocationRateLimit),
      tenantRevocationOrgs(tenants, registry),
    );
    return [serveAuthRoutes([route])];
  }

  onModuleDestroy(): void {
    this.registry?.close();
  }

  onApplicationBootstrap(): void {
    if (!this.settings.verifySessionMiddleware) return;
    const app = this.adapterHost.httpAdapter?.getInstance<Express>();
    if (app && !hasSessionMiddleware(app)) {
      throw new Error(
        'AuthModule needs express-session mounted before the app starts: app.use(session({ secret, store, resave: false, saveUninitialized: false, cookie: { sameSite: "lax" } })). If your session middleware is mounted another way, set verifySessionMiddleware: false.',
      );
    }
  }
}
