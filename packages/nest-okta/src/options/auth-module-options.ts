import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AfterSignIn } from './after-sign-in';
import type { RefreshLock } from './refresh-lock';
import type { PrivateKeyInput } from './private-key';
import type { WidgetCspDirective } from './widget-csp-sources';
import type { SessionIndexStore } from './session-index-store';

/** How the app authenticates itself to the provider's endpoints. */
export type ClientAuthentication = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

/** Okta's two models for server-side web apps: its hosted page, or the embedded Sign-In Widget. */
export type SignInMode = 'redirect' | 'widget';

/** One Okta app integration: the org (or authorization server), the client and its URLs. */
export interface TenantAuthOptions {
  /** The authorization server: `https://{yourOktaDomain}/oauth2/default`, or the org server. */
  issuer: string;
  clientId: string;
  /** Required unless `clientAuthentication` is `private_key_jwt`. */
  clientSecret?: string;
  /**
   * How the app authenticates to Okta's token, revocation and PAR endpoints, as the app
   * integration's "Client authentication" says: `client_secret_basic` (the default),
   * `client_secret_post`, or `private_key_jwt` (Okta's "Public key / Private key").
   */
  clientAuthentication?: ClientAuthentication;
  /**
   * With `private_key_jwt`: the private key that signs client assertions, as PEM text, a JWK, or
   * a JWKS holding several (during a rotation). RSA (RS256, 2048 bits or more) or EC P-256 (ES256).
   */
  privateKey?: PrivateKeyInput;
  /** The `kid` of the key that signs; needed when the key has none, or the JWKS holds several. */
  privateKeyId?: string;
  /**
   * Pushed authorization requests (RFC 9126), hosted page only: `true` sends every sign-in's
   * parameters to Okta's `/v1/par` first; `'auto'` does when discovery advertises the endpoint.
   * Default `false`.
   */
  pushedAuthorizationRequests?: boolean | 'auto';
  /** The sign-in redirect URI registered in Okta; its path becomes the callback route. */
  redirectUri: string;
  /** Where Okta sends the browser after sign-out; registered in Okta too. */
  postLogoutRedirectUri: string;
  /** Default `redirect`. */
  signInMode?: SignInMode;
  /** Default `openid profile email`; must include `openid`. */
  scopes?: string[];
  /** The claim that lists the user's Okta groups. Default `groups`. */
  groupsClaim?: string;
}

/** A tenant: its Okta app integration, and what of the widget's page is its own. */
export interface TenantOptions extends TenantAuthOptions {
  /** Replace the shared `widget` settings one by one for this tenant (its `signInHint`, say). */
  widget?: WidgetOptions;
}

/** Names the request's tenant, or `undefined` when it names none (answered with 404). */
export type TenantResolver = (req: Request) => string | undefined;

/**
 * Several tenants, each signing in at its own Okta org or authorization server. A request's
 * tenant comes from its host (`acme.example.com` under `baseDomain`), its path prefix
 * (`/t/acme/...`) or a function.
 */
export interface AuthTenantsOptions {
  /**
   * `path`: the module strips `/t/{tenant}` before any route matches, so the app's routes and
   * the module's (`/t/acme/login`) answer under every tenant's prefix unchanged, and keeps its
   * redirects and views' paths within it. Each tenant's redirect URI lies under its prefix
   * (`https://app.example.com/t/acme/authorization-code/callback`).
   */
  resolve: 'host' | 'path' | TenantResolver;
  /** Host resolution: tenants live at `{tenant}.{baseDomain}`, port included when not 80/443. */
  baseDomain?: string;
  /** By tenant id. Every tenant's client and URLs are its own. */
  byId: Record<string, TenantOptions>;
}

/**
 * What an app tells `AuthModule`: its Okta app integration, the URLs it registered there, and
 * how strict it wants to be. Everything but the first five has a default.
 */
export interface AuthModuleOptions extends TenantAuthOptions, SharedAuthOptions {
  tenants?: undefined;
}

/** The options for several tenants: each tenant's Okta settings, and the rest shared by all. */
export interface MultiTenantAuthModuleOptions extends SharedAuthOptions {
  tenants: AuthTenantsOptions;
}

/** Everything that is not one Okta app integration's: the same for every tenant. */
export interface SharedAuthOptions {
  /** Deny by default: every route needs a signed-in user unless `@Public()`. Default `true`. */
  globalGuard?: boolean;
  /**
   * Default `/login`, `/logout` and `/logout/everywhere` (sign-out on every device). `false`
   * mounts no such route, for an app that mounts its own controller there (calling
   * `SignInService.signIn()`, say); views still link to the default path.
   */
  routes?: { login?: string | false; logout?: string | false; logoutEverywhere?: string | false };
  /** A sign-in ends this long after it happened, however active the user is. Default 8 hours. */
  maxSignInAgeSeconds?: number;
  /**
   * How long a started sign-in may take to complete. Default 10 minutes with Okta's hosted page;
   * 30 minutes with the widget, where enrolling Okta Verify, following an email magic link or a
   * social sign-in's round trip all happen inside the one transaction.
   */
  signInTransactionTtlSeconds?: number;
  /**
   * Requests per client address per window to the sign-in routes (start and callback share one
   * budget). Default 60 per 60 seconds; `false` turns it off.
   */
  signInRateLimit?: { limit: number; windowSeconds?: number } | false;
  /**
   * Where the sign-in and Universal Logout rate limits count requests: any @nestjs/throttler
   * storage. Default: this instance's memory, so each instance has budgets of its own; with
   * several instances, give them one they share, such as `RedisThrottlerStorage` from
   * `nest-okta/redis`.
   */
  rateLimitStorage?: ThrottlerStorage;
  /** How long any one request to the identity provider may take. Default 5000 ms. */
  providerTimeoutMs?: number;
  /**
   * A lock shared by every instance of the app (in the session store, say), so that one of them
   * refreshes a session's tokens and the others use its result: Okta refuses a rotated refresh
   * token used twice, and then revokes the session's newest tokens too. Without it, refreshes
   * are serialised within one process only, which is enough for a single instance.
   */
  refreshLock?: RefreshLock;
  /**
   * A view (in the app's view engine) for error pages, rendered with `title`, `statusCode`,
   * `error`, `message`, `signInAgain` and `loginPath`. Without it the module renders a plain page.
   */
  errorView?: string;
  widget?: WidgetOptions;
  /**
   * Okta's Universal Logout: a Global Token Revocation endpoint that ends every session of the
   * user Okta names. Off unless given; `{}` turns it on with the defaults.
   */
  universalLogout?: UniversalLogoutOptions | false;
  /**
   * Where the module records which sessions each user has (at sign-in and sign-out only), so it
   * can end them all. Default: this process's memory, right for a memory session store; with
   * sessions shared between instances (Redis), give one in the same store.
   */
  sessionIndex?: SessionIndexStore;
  /**
   * The app's own step at every sign-in (step-ups included), after the user is verified and
   * before the session is saved: it may keep small extra fields with the user (`{ extras }`,
   * read back as `OktaUser.extras`) or refuse the sign-in (`{ refuse: 'why' }`: a 403, and
   * nothing stored).
   */
  afterSignIn?: AfterSignIn;
  /**
   * Fail at start-up unless `express-session` (or `cookie-session`) is mounted with `app.use()`.
   * Default `true`; turn it off when the session comes from somewhere the check cannot see.
   */
  verifySessionMiddleware?: boolean;
}

export interface WidgetOptions {
  /**
   * A view for the widget's page, rendered with `title`, `cspNonce`, `widgetOptions` (JSON),
   * `widgetScript`, `widgetStylesheet`, `bootstrapScript` and `signInHint`. Without it the module
   * renders a plain page.
   */
  view?: string;
  /** Where the widget's files are served from `node_modules`. Default `/assets/okta-signin-widget`. */
  assetsPath?: string;
  /** A line shown under the widget, such as how to get an account. */
  signInHint?: string;
  /**
   * Sources the widget's page allows beyond its own files, its nonce and the Okta org, for what a
   * real Identity Engine org serves inside the widget. Each list given replaces that directive's
   * default (`[]` allows nothing more); by default hCaptcha and reCAPTCHA (script, style, frame,
   * connect), Duo's iframe, Okta Verify's loopback probe (`http://localhost:*`), Okta's CDN for
   * images and `blob:` workers. Keywords such as 'unsafe-inline' are refused.
   */
  contentSecurityPolicy?: Partial<Record<WidgetCspDirective, string[]>>;
  /**
   * The widget's language, such as `de` or `pt-BR`. Default: the browser's preferred language
   * among those the widget ships (English otherwise), loaded from `assetsPath`, never a CDN.
   */
  language?: string;
}

/**
 * The Global Token Revocation endpoint Okta calls (the app integration's Universal Logout
 * settings), authenticated by a JWT that the Okta org authorization server signs.
 */
export interface UniversalLogoutOptions {
  /** The endpoint's path. Default `/global-token-revocation`. */
  path?: string;
  /**
   * The org authorization server: the `iss` of Okta's requests, whose keys are found from
   * `{orgIssuer}/.well-known/openid-configuration`. Default: the issuer's origin,
   * `https://{yourOktaDomain}`.
   */
  orgIssuer?: string;
  /**
   * The endpoint's full public URL as registered in Okta: the `aud` of Okta's requests. Default:
   * the redirect URI's origin followed by `path`.
   */
  audience?: string;
  /** Requests per client address per window. Default 600 per 60 seconds; `false` turns it off. */
  rateLimit?: { limit: number; windowSeconds?: number } | false;
}
