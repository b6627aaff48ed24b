import type { PrivateKeyInput } from 'nest-okta';

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

/** How the app authenticates to Okta, and whether it pushes its authorization requests. */
export interface ClientAuthSettings {
  clientAuthentication: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /** The key file's contents: PEM text, or a JWK or JWKS. */
  privateKey?: PrivateKeyInput;
  privateKeyId?: string;
  pushedAuthorizationRequests: boolean | 'auto';
}

export type OktaSettings = OktaClientSettings & ClientAuthSettings & RelyingPartySettings;
