import type { UserInfo } from '../oidc/oidc-client';
import type { SessionExtras } from '../options/after-sign-in';
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
  /** The ID token's `acr`, `amr` and `auth_time`: what step-up checks (`@RequireAuthentication`). */
  acr?: string;
  amr?: string[];
  authTime?: number;
  /** What the app's `afterSignIn` hook returned, when it returned anything. */
  extras?: SessionExtras;
}

/** Bounds on `extras`: every request loads the session, so what the app adds stays small. */
export const SESSION_EXTRAS_LIMITS = { keys: 16, keyLength: 64, textLength: 256 };

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
  const { claims, signedInAt, tenant, acr, amr, authTime, extras } = value;
  return (
    (tenant === undefined || typeof tenant === 'string') &&
    isRecord(claims) &&
    typeof claims.sub === 'string' &&
    claims.sub !== '' &&
    isEpochMs(signedInAt) &&
    signedInAt <= Date.now() + CLOCK_SKEW_MS &&
    (acr === undefined || typeof acr === 'string') &&
    (amr === undefined || (Array.isArray(amr) && amr.every((m) => typeof m === 'string'))) &&
    (authTime === undefined || Number.isSafeInteger(authTime)) &&
    (extras === undefined || sessionExtrasProblem(extras) === undefined)
  );
}

/** Why `value` cannot be kept as a user's extras, or `undefined` when it can. */
export function sessionExtrasProblem(value: unknown): string | undefined {
  if (!isRecord(value)) return 'must be an object';
  const entries = Object.entries(value);
  const { keys, keyLength, textLength } = SESSION_EXTRAS_LIMITS;
  if (entries.length > keys) return `may have at most ${keys} fields`;
  for (const [key, field] of entries) {
    if (key.length === 0 || key.length > keyLength) {
      return `field names must be 1 to ${keyLength} characters long`;
    }
    const fits =
      typeof field === 'boolean' ||
      (typeof field === 'number' && Number.isFinite(field)) ||
      (typeof field === 'string' && field.length <= textLength);
    if (!fits) {
      return `"${key}" must be a boolean, a finite number or a string of at most ${textLength} characters`;
    }
  }
  return undefined;
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
