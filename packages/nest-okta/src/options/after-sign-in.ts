import type { Request } from 'express';

/** Fields an app keeps with the signed-in user (see `afterSignIn`): small, flat and typed. */
export type SessionExtras = Record<string, string | number | boolean>;

/**
 * The signed-in user's fields, as `@CurrentUser()` gives them (`OktaUser`). Declared here, below
 * the flows that fill them in, so the `afterSignIn` option can name them.
 */
export interface SignedInUserFields {
  sub: string;
  name: string;
  email?: string;
  groups: string[];
  /** Every userinfo claim, as the provider sent it. */
  claims: Record<string, unknown> & { sub: string };
  /** The tenant the user signed in at, when the module serves several tenants. */
  tenant?: string;
  /** The ID token's `acr`: the assurance level the sign-in met, when Okta named one. */
  acr?: string;
  /** The ID token's `amr`: how the user authenticated (`pwd`, `email`, `mfa`, …). */
  amr?: string[];
  /** The ID token's `auth_time`, in epoch seconds: when the user last authenticated at Okta. */
  authTime?: number;
}

/** What `afterSignIn` is given: the verified user, the ID token's claims and the request. */
export interface AfterSignInEvent {
  user: SignedInUserFields;
  /** The validated ID token's claims (`sub`, `acr`, `amr`, `auth_time`, …). */
  idTokenClaims: Readonly<Record<string, unknown> & { sub: string }>;
  req: Request;
}

/**
 * What `afterSignIn` decides: nothing to add (`undefined`), fields to keep with the user
 * (`{ extras }`, at most 16, each a boolean, a number or a string of up to 256 characters), or
 * no sign-in at all (`{ refuse }`, the sentence the user is shown with a 403).
 */
export type AfterSignInOutcome = { extras: SessionExtras } | { refuse: string } | undefined;

/**
 * The app's own step at every sign-in, step-ups included: it runs once the user is verified and
 * before anything is stored in the session (create the user's row, refuse a suspended customer).
 */
export type AfterSignIn = (
  event: AfterSignInEvent,
) => Promise<AfterSignInOutcome | void> | AfterSignInOutcome | void;
