import type { UserInfo } from '../oidc/oidc-client';
import { isEpochMs, isRecord, readStoredValue } from '../session/stored-values';
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

/** Passport's entry in a session: the user, once signed in (Passport deletes it at sign-out). */
export interface PassportEntry {
  user?: StoredUser;
}

/**
 * How far ahead of this instance's clock another instance sharing the store may stamp a sign-in;
 * a sign-in later than that never happened, and would outlive `maxSignInAgeSeconds`.
 */
const CLOCK_SKEW_MS = 60_000;

/**
 * Whether a value read back from the session store has the shape this module wrote. A store
 * can hold anything (an older version's sessions, a tampered entry), and every guard, page and
 * sign-out trusts this shape, so anything else counts as signed out.
 */
export function isStoredUser(value: unknown): value is StoredUser {
  if (!isRecord(value)) return false;
  const { claims, signedInAt, tenant } = value;
  return (
    (tenant === undefined || typeof tenant === 'string') &&
    isRecord(claims) &&
    typeof claims.sub === 'string' &&
    claims.sub !== '' &&
    isEpochMs(signedInAt) &&
    signedInAt <= Date.now() + CLOCK_SKEW_MS
  );
}

/**
 * Passport's entry in a session (`session.passport`) if it is one this module wrote, within what
 * it reads back from a store (see `readStoredValue`); anything else there is logged once for
 * the session and counts as none.
 */
export function passportEntryOf(session: unknown, sessionId: string): PassportEntry | undefined {
  const entry = (session as { passport?: unknown } | null | undefined)?.passport;
  return readStoredValue(
    entry,
    isPassportEntry,
    sessionId,
    "a session's Passport entry (its signed-in user)",
  );
}

function isPassportEntry(value: unknown): value is PassportEntry {
  return isRecord(value) && (value.user === undefined || isStoredUser(value.user));
}
