export type NodeEnvironment = 'development' | 'production' | 'test';

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
}

export type OktaSettings = OktaClientSettings & RelyingPartySettings;

export interface SessionSettings {
  secret: string;
  cookieName: string;
  secureCookie: boolean;
  maxAgeMs: number;
}

/**
 * Settings read from the environment before anything starts. `oktaClient` is absent when no
 * `OKTA_ISSUER` is configured: the built-in development identity provider then stands in for Okta.
 */
export interface EnvironmentSettings {
  nodeEnv: NodeEnvironment;
  port: number;
  host: string;
  baseUrl: string;
  session: SessionSettings;
  oktaClient?: OktaClientSettings;
  relyingParty: RelyingPartySettings;
  devIdentityProvider: { port: number; clientId: string; clientSecret: string };
}

/** The configuration the application runs with, once the identity provider is known. */
export interface AppConfig extends Omit<EnvironmentSettings, 'oktaClient' | 'relyingParty'> {
  okta: OktaSettings;
  usesDevIdentityProvider: boolean;
}
