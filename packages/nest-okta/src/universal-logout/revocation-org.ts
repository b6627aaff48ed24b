import type { RevocationRequestAuthenticator } from './revocation-request-authenticator';
import type { UserSessionRevoker } from './user-session-revoker';

/** Sessions signed in through one issuer, and what ends them: the module's, or a tenant's. */
export interface RevocationSessions {
  /** The issuer of the ID tokens these sessions were signed in with. */
  issuer: string;
  revoker: UserSessionRevoker;
  /** Whose sessions they are, for the log, when the module serves tenants. */
  tenant?: string;
}

/** An Okta org the endpoint trusts: how its requests are proven, and whose sessions they end. */
export interface RevocationOrg {
  /** The `iss` of its requests. */
  orgIssuer: string;
  authenticator: RevocationRequestAuthenticator;
  sessions: RevocationSessions[];
}

/**
 * The org a bearer token claims to come from, or `undefined` when it names none the endpoint
 * trusts. Only a pointer to the keys to check it with: nothing is acted on until the org's
 * authenticator has verified the token.
 */
export type RevocationOrgFor = (token: string) => RevocationOrg | undefined;
