import type { ClientAuthentication, PrivateKeyInput } from 'nest-okta';

/** Okta's two models for server-side web apps: its hosted page, or the embedded Sign-In Widget. */
export type SignInMode = 'redirect' | 'widget';

/** Which Okta authorization server and app integration the app signs in with. */
export interface OktaClientSettings {
  issuer: string;
  clientId: string;
  /** Empty with OKTA_CLIENT_AUTH=private_key_jwt, which needs none. */
  clientSecret: string;
}

/** The app's side of the integration: the URLs it registers and the scopes it asks for. */
export interface RelyingPartySettings {
  signInMode: SignInMode;
  redirectUri: string;
  postLogoutRedirectUri: string;
  scopes: string[];
  /** How long a started sign-in may take; unset, AuthModule's default for the mode. */
  signInTransactionTtlSeconds?: number;
  /** OKTA_UNIVERSAL_LOGOUT: serve the Global Token Revocation endpoint Okta calls. */
  universalLogout: boolean;
}

/**
 * How the app authenticates to Okta, and whether it pushes its authorization requests, as the
 * settings give them: AuthModule's option rules check the values (naming the variable) before
 * start-up goes on, and unset means AuthModule's default.
 */
export interface ClientAuthSettings {
  /** Unset: AuthModule's default, `client_secret_basic`. */
  clientAuthentication?: ClientAuthentication;
  /** The key file's contents: PEM text, or a JWK or JWKS. */
  privateKey?: PrivateKeyInput;
  privateKeyId?: string;
  /**
   * Unset: `false` with an Okta org, so an upgrade changes nothing; with the development provider
   * (which advertises PAR), `auto` under `private_key_jwt`, so one setting turns on both.
   */
  pushedAuthorizationRequests?: boolean | 'auto';
}

export type OktaSettings = OktaClientSettings & ClientAuthSettings & RelyingPartySettings;
