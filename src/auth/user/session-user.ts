import type { OktaUser } from './okta-user';

/** The user as kept in the session: stamped with when the sign-in happened. */
export type SessionUser = OktaUser & { signedInAt: number };

/**
 * Whether a value read back from the session store has the shape this module wrote. A store
 * can hold anything (an older version's sessions, a tampered entry), and every guard, page and
 * sign-out trusts this shape, so anything else counts as signed out.
 */
export function isSessionUser(value: unknown): value is SessionUser {
  if (!isObject(value)) return false;
  const { sub, name, email, groups, claims, tokens, signedInAt } = value;
  return (
    isNonEmptyString(sub) &&
    typeof name === 'string' &&
    (email === undefined || typeof email === 'string') &&
    Array.isArray(groups) &&
    groups.every((group) => typeof group === 'string') &&
    isObject(claims) &&
    claims.sub === sub &&
    isObject(tokens) &&
    isNonEmptyString(tokens.idToken) &&
    isNonEmptyString(tokens.accessToken) &&
    (tokens.refreshToken === undefined || isNonEmptyString(tokens.refreshToken)) &&
    (tokens.accessTokenExpiresAt === undefined || Number.isFinite(tokens.accessTokenExpiresAt)) &&
    Number.isFinite(signedInAt)
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}
