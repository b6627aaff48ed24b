import type { ThrottlerStorageService } from '@nestjs/throttler';
import type { RequestHandler } from 'express';
import { OidcClient } from '../oidc/oidc-client';
import type { SessionIndexStore } from '../session-index/session-index-store';
import type { AuthSettings } from '../options/auth-settings';
import { oktaPassport } from '../redirect/okta-passport';
import { RedirectSignInRoutes } from '../redirect/redirect-sign-in.routes';
import { moduleRoutes } from '../routes/auth-middleware';
import { SessionIndex } from '../session-index/session-index';
import { authSessionMiddleware } from '../session/auth-session.middleware';
import { SignInRateLimit } from '../sign-in/sign-in-rate-limit';
import { SignInTransactions } from '../sign-in/sign-in-transactions';
import { CsrfTokens } from '../session/csrf';
import { SignOutRoutes } from '../sign-out/sign-out.routes';
import type { TokenVault } from '../tokens/token-vault';
import type { RevocationSessions } from '../universal-logout/revocation-endpoint';
import { RevocationRequestAuthenticator } from '../universal-logout/revocation-request-authenticator';
import { SignOutEverywhereRoutes } from '../universal-logout/sign-out-everywhere.routes';
import { UserSessionRevoker } from '../universal-logout/user-session-revoker';
import { InteractionCodeSignIn } from '../widget/interaction-code-sign-in';
import { WidgetSignInRoutes } from '../widget/widget-sign-in.routes';

/** What every tenant shares: the tokens' vault, the index's store and the rate limit's counts. */
export interface SharedTenantParts {
  vault: TokenVault;
  sessionIndexStore?: SessionIndexStore;
  throttlerStorage: ThrottlerStorageService;
}

/** This tenant's part in Universal Logout: its org's check, and its sessions. */
export interface TenantRevocation {
  authenticator: RevocationRequestAuthenticator;
  sessions: RevocationSessions;
}

/**
 * Everything one tenant signs in with, built from its own settings as a single-org module builds
 * its providers: its OidcClient (discovery, JWKS), its Passport with its strategy, sign-in
 * transactions and users stamped with its id, its session index, and its routes (the hosted
 * page's or the embedded widget's, sign-out, sign-out everywhere) behind the same session
 * middleware. Nothing here reaches another tenant's org.
 */
export class TenantScope {
  readonly oidc: OidcClient;
  /** Passport, the sign-in lifetime and the page locals, as for a single org. */
  readonly session: RequestHandler;
  /** The widget's files when this tenant signs in with it, and its login, callback and sign-out routes. */
  readonly routes: ReturnType<typeof moduleRoutes>;
  /** `undefined` unless the `universalLogout` option is given. */
  readonly revocation?: TenantRevocation;
  private readonly sessionIndex: SessionIndex;
  private readonly revoker: UserSessionRevoker;

  constructor(
    readonly id: string,
    readonly settings: AuthSettings,
    shared: SharedTenantParts,
  ) {
    const { issuer, clientSecret } = settings;
    this.oidc = OidcClient.forApp(settings);
    const transactions = new SignInTransactions(settings.signInTransactionTtlMs, id);
    const sessionIndex = new SessionIndex(
      issuer,
      settings.maxSignInAgeMs,
      shared.sessionIndexStore,
      id,
    );
    this.sessionIndex = sessionIndex;
    const authenticator = oktaPassport(settings, this.oidc, transactions, sessionIndex, id);
    const rateLimit = new SignInRateLimit(settings, shared.throttlerStorage);
    // Each tenant's forms are keyed by its own client secret.
    const csrf = new CsrfTokens(clientSecret);
    const signIn =
      settings.signInMode === 'widget'
        ? new WidgetSignInRoutes(
            settings,
            transactions,
            new InteractionCodeSignIn(settings, this.oidc),
            rateLimit,
            shared.vault,
          )
        : new RedirectSignInRoutes(settings, authenticator, rateLimit, shared.vault);
    const signOut = new SignOutRoutes(settings, this.oidc, shared.vault, csrf, sessionIndex);
    this.revoker = new UserSessionRevoker(this.oidc, sessionIndex, shared.vault, settings);
    const routes = [
      ...signIn.routes(),
      ...signOut.routes(),
      ...new SignOutEverywhereRoutes(settings, signOut, this.revoker, sessionIndex).routes(),
    ];
    this.session = authSessionMiddleware(authenticator, settings, csrf, id);
    this.routes = moduleRoutes(settings, routes);
    if (settings.universalLogout) {
      this.revocation = {
        authenticator: RevocationRequestAuthenticator.for(
          settings.universalLogout,
          settings,
          sessionIndex,
        ),
        sessions: { issuer, revoker: this.revoker, tenant: id },
      };
    }
  }

  /** Stops the index's sweeper when the index lives in memory, and the revoker's timers. */
  close(): void {
    this.sessionIndex.onModuleDestroy();
    this.revoker.onModuleDestroy();
  }
}
