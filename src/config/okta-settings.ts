/** Okta's two models for server-side web apps: its hosted page, or the embedded Sign-In Widget. */
export type SignInMode = 'redirect' | 'widget';

/** Which Okta authorization server and app integration the app signs in with. */
export interface OktaClientSettings {
  issuer: string;
  clientId: string;
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

export type OktaSettings = OktaClientSettings & RelyingPartySettings;
