import type { UserInfo } from '../oidc/oidc-client';
import type { OktaUser } from './okta-user';

/** The signed-in user as handlers see it, stamped with when the sign-in happened. */
export type SessionUser = OktaUser & { signedInAt: number };

/**
 * What the session holds for a signed-in user, and nothing more: the userinfo claims (pages and
 * guards read them; name, email and groups derive from them) and the sign-in time. Every
 * request loads it, so it stays small: the tokens live in the `TokenVault`.
 */
export interface StoredUser {
  claims: UserInfo;
  signedInAt: number;
  /** The tenant the user signed in at, when the module serves several. */
  tenant?: string;
}

/**
 * Whether a value read back from the session store has the shape this module wrote. A store
 * can hold anything (an older version's sessions, a tampered entry), and every guard, page and
 * sign-out trusts this shape, so anything else counts as signed out.
 */
export function isStoredUser(value: unknown): value is StoredUser {
  if (!isObject(value)) return false;
  const { claims, signedInAt, tenant } = value;
  return (
    (tenant === undefined || typeof tenant === 'string') &&
    isObject(claims) &&
    typeof claims.sub === 'string' &&
    claims.sub !== '' &&
    Number.isFinite(signedInAt)
  );
}

/** Passport's entry in a session (`session.passport`), as the store gave it back: unchecked. */
export function passportEntryOf(session: unknown): { user?: unknown } | undefined {
  return (session as { passport?: { user?: unknown } } | null | undefined)?.passport;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
