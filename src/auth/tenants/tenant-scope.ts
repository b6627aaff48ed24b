import type { ThrottlerStorageService } from '@nestjs/throttler';
import type { RequestHandler } from 'express';
import type passport from 'passport';
import { OidcClient } from '../oidc/oidc-client';
import type { SessionIndexStore } from '../session-index/session-index-store';
import type { AuthSettings } from '../options/auth-settings';
import { OktaStrategy } from '../redirect/okta.strategy';
import { RedirectSignInRoutes } from '../redirect/redirect-sign-in.routes';
import { serveAuthRoutes } from '../routes/auth-route';
import { SessionIndex } from '../session-index/session-index';
import { authSessionMiddleware } from '../session/auth-session.middleware';
import { SignInRateLimit } from '../sign-in/sign-in-rate-limit';
import { SignInTransactions } from '../sign-in/sign-in-transactions';
import { CsrfTokens } from '../session/csrf';
import { SignOutRoutes } from '../sign-out/sign-out.routes';
import type { TokenVault } from '../tokens/token-vault';
import { createAuthPassport, OKTA_STRATEGY } from '../user/auth-passport';

/** What every tenant shares: the tokens' vault, the index's store and the rate limit's counts. */
export interface SharedTenantParts {
  vault: TokenVault;
  sessionIndexStore?: SessionIndexStore;
  throttlerStorage: ThrottlerStorageService;
}

/**
 * Everything one tenant signs in with, built from its own settings as a single-org module builds
 * its providers: its OidcClient (discovery, JWKS), its Passport with its strategy, sign-in
 * transactions and users stamped with its id, its session index, and its routes behind the
 * same session middleware. Nothing here reaches another tenant's org.
 */
export class TenantScope {
  readonly oidc: OidcClient;
  /** Passport, the sign-in lifetime and the page locals, as for a single org. */
  readonly session: RequestHandler;
  /** This tenant's login, callback and sign-out routes. */
  readonly routes: ReturnType<typeof serveAuthRoutes>;
  private readonly sessionIndex: SessionIndex;

  constructor(
    readonly id: string,
    readonly settings: AuthSettings,
    shared: SharedTenantParts,
  ) {
    const { issuer, clientId, clientSecret, providerTimeoutMs } = settings;
    this.oidc = new OidcClient({ issuer, clientId, clientSecret, timeoutMs: providerTimeoutMs });
    const transactions = new SignInTransactions(settings.signInTransactionTtlMs, id);
    const sessionIndex = new SessionIndex(
      issuer,
      settings.maxSignInAgeMs,
      shared.sessionIndexStore,
    );
    this.sessionIndex = sessionIndex;
    const authenticator: passport.Authenticator = createAuthPassport(
      settings.groupsClaim,
      sessionIndex,
      id,
    );
    authenticator.use(OKTA_STRATEGY, new OktaStrategy(settings, this.oidc, transactions));
    const rateLimit = new SignInRateLimit(settings, shared.throttlerStorage);
    // Each tenant's forms are keyed by its own client secret.
    const csrf = new CsrfTokens(clientSecret);
    const routes = [
      ...new RedirectSignInRoutes(settings, authenticator, rateLimit, shared.vault).routes(),
      ...new SignOutRoutes(settings, this.oidc, shared.vault, csrf, sessionIndex).routes(),
    ];
    this.session = authSessionMiddleware(authenticator, settings, csrf, {
      signOutEverywhere: false,
    });
    this.routes = serveAuthRoutes(routes);
  }

  /** Stops the index's sweeper when the index lives in memory. */
  close(): void {
    this.sessionIndex.onModuleDestroy();
  }
}
