import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RequestHandler } from 'express';
import { OidcClient } from '../oidc/oidc-client';
import type { AuthSettings } from '../options/auth-settings';
import type { SessionIndexStore } from '../options/session-index-store';
import { oktaPassport } from '../redirect/okta-passport';
import { RedirectSignIn } from '../redirect/redirect-sign-in';
import { authSessionMiddleware } from '../session/auth-session.middleware';
import { CsrfTokens } from '../session/csrf';
import { passportRequestHelpers } from '../session/passport-request-helpers';
import { SessionIndex } from '../session-index/session-index';
import { admittedSignIn, type SignInFlow } from '../sign-in/admitted-sign-in';
import { SignInCompletion } from '../sign-in/sign-in-completion';
import { SignInRateLimit } from '../sign-in/sign-in-rate-limit';
import { SignInTransactions } from '../sign-in/sign-in-transactions';
import { SignOut } from '../sign-out/sign-out';
import type { TokenVault } from '../tokens/token-vault';
import type { RevocationSessions } from '../universal-logout/revocation-endpoint';
import { RevocationRequestAuthenticator } from '../universal-logout/revocation-request-authenticator';
import { SignOutEverywhere } from '../universal-logout/sign-out-everywhere';
import { UserSessionRevoker } from '../universal-logout/user-session-revoker';
import { InteractionCodeSignIn } from '../widget/interaction-code-sign-in';
import { WidgetSignIn } from '../widget/widget-sign-in';

/** What every org's scope shares: the tokens' vault, the index's store and the rate limits' counts. */
export interface SharedScopeParts {
  vault: TokenVault;
  sessionIndexStore?: SessionIndexStore;
  throttlerStorage: ThrottlerStorage;
}

/** This org's part in Universal Logout: how its org's requests are proven, and its sessions. */
export interface OrgRevocation {
  authenticator: RevocationRequestAuthenticator;
  sessions: RevocationSessions;
}

/**
 * Everything one org signs in with, built from its settings: its OidcClient (discovery, JWKS),
 * its own Passport with the Okta strategy, sign-in transactions and users stamped with its
 * tenant id, its session index, its sign-in model (the hosted page's or the embedded widget's),
 * sign-out, sign-out everywhere and its part in Universal Logout. The only place these are built:
 * a module serving one org has one scope (`tenant` undefined), a module serving tenants one per
 * tenant. Nothing here reaches another org.
 */
export class OrgScope {
  readonly oidc: OidcClient;
  /** Passport, the sign-in lifetime and the page locals, on every request for this org. */
  readonly session: RequestHandler;
  /** This org's Passport session manager: what `req.logIn` and `req.logOut` use. */
  readonly sessionManager: object;
  readonly signIn: SignInFlow;
  readonly signOut: SignOut;
  readonly signOutEverywhere: SignOutEverywhere;
  /** `undefined` unless the `universalLogout` option is given. */
  readonly revocation?: OrgRevocation;
  private readonly sessionIndex: SessionIndex;
  private readonly revoker: UserSessionRevoker;

  constructor(
    readonly tenant: string | undefined,
    readonly settings: AuthSettings,
    shared: SharedScopeParts,
  ) {
    const { issuer, maxSignInAgeMs, signInTransactionTtlMs } = settings;
    this.oidc = OidcClient.forApp(settings);
    const transactions = new SignInTransactions(signInTransactionTtlMs, tenant);
    this.sessionIndex = new SessionIndex(issuer, maxSignInAgeMs, shared.sessionIndexStore, tenant);
    const authenticator = oktaPassport(
      settings,
      this.oidc,
      transactions,
      this.sessionIndex,
      tenant,
    );
    // Each org's forms are keyed by its own client secret (or key): shared by every instance, and
    // never sent to a browser.
    const csrf = new CsrfTokens(settings.instanceSecret);
    const completion = new SignInCompletion(settings, shared.vault);
    const model =
      settings.signInMode === 'widget'
        ? new WidgetSignIn(
            settings,
            transactions,
            new InteractionCodeSignIn(settings, this.oidc),
            completion,
          )
        : new RedirectSignIn(authenticator, completion);
    this.signIn = admittedSignIn(new SignInRateLimit(settings, shared.throttlerStorage), model);
    this.signOut = new SignOut(settings, this.oidc, shared.vault, csrf, this.sessionIndex);
    this.revoker = new UserSessionRevoker(this.oidc, this.sessionIndex, shared.vault, settings);
    this.signOutEverywhere = new SignOutEverywhere(this.signOut, this.revoker, this.sessionIndex);
    const passportHelpers = passportRequestHelpers(authenticator);
    this.sessionManager = passportHelpers.sessionManager;
    this.session = authSessionMiddleware(authenticator, passportHelpers, settings, csrf, tenant);
    if (settings.universalLogout) {
      this.revocation = {
        authenticator: RevocationRequestAuthenticator.for(
          settings.universalLogout,
          settings,
          this.sessionIndex,
        ),
        sessions: { issuer, revoker: this.revoker, tenant },
      };
    }
  }

  /** Stops the index's sweeper when the index lives in memory, and the revoker's timers. */
  close(): void {
    this.sessionIndex.close();
    this.revoker.close();
  }
}
