import type { ClientCredentials } from './client-credentials';
import type { RefreshLock } from './refresh-lock';
import type { WidgetCspSources } from './widget-csp-sources';
import type { AfterSignIn } from './after-sign-in';
import type { SignInMode } from './auth-module-options';

/** The module's routes an option may turn off. */
export type OwnRoute = 'login' | 'logout' | 'logoutEverywhere';

/** AuthModule's options after validation, with every default filled in and routes derived. */
export interface AuthSettings {
  issuer: string;
  clientId: string;
  /** How every call to the provider's token, revocation and PAR endpoints authenticates. */
  clientCredentials: ClientCredentials;
  /** A secret every instance shares, never sent to a browser: keys the sign-out forms' CSRF tokens. */
  instanceSecret: string;
  pushedAuthorizationRequests: boolean | 'auto';
  redirectUri: string;
  postLogoutRedirectUri: string;
  signInMode: SignInMode;
  scopes: string[];
  globalGuard: boolean;
  /** Every route option's path (the default for a route turned off), and the callback's. */
  routes: Record<OwnRoute, string> & {
    /** The redirect URI's path: where the provider (or the widget) sends the browser back. */
    callback: string;
  };
  /** The routes an option set to `false`: the module mounts none of them. */
  routesOff: ReadonlySet<OwnRoute>;
  afterSignIn?: AfterSignIn;
  groupsClaim: string;
  maxSignInAgeMs: number;
  signInTransactionTtlMs: number;
  signInRateLimit: { limit: number; windowMs: number } | false;
  providerTimeoutMs: number;
  refreshLock?: RefreshLock;
  errorView?: string;
  widget: {
    view?: string;
    assetsPath: string;
    signInHint?: string;
    /** Sources the widget's page allows beyond its own, per directive, defaults filled in. */
    contentSecurityPolicy: WidgetCspSources;
    /** Unset: the widget follows the browser's language. */
    language?: string;
  };
  verifySessionMiddleware: boolean;
  universalLogout: UniversalLogoutSettings | false;
}

/** The Global Token Revocation endpoint, with every default filled in. */
export interface UniversalLogoutSettings {
  path: string;
  /** The `iss` of Okta's requests, and where its keys are discovered. */
  orgIssuer: string;
  /** The `aud` of Okta's requests: the endpoint's public URL. */
  audience: string;
  rateLimit: { limit: number; windowMs: number } | false;
  /**
   * Whether a request naming a user by email can find their sessions: some app integration at
   * the org (with tenants, any tenant's at the same `orgIssuer`) asks for the `email` scope, so
   * its sessions record emails. Without, such a request is answered 422, never 204.
   */
  emailSubjects: boolean;
}

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');
