import type { IdTokenClaims } from '../oidc/id-token';
import type { TokenSet, UserInfo } from '../oidc/oidc-client';
import type { SessionExtras, SignedInUserFields } from '../options/after-sign-in';

/**
 * The tokens of a sign-in. They stay on the server, beside the session (see `TokenVault`); only
 * claims ever reach a page or an API client, and handlers get an access token through
 * `AccessTokenService`.
 */
export interface OktaTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds, when the provider said. */
  accessTokenExpiresAt?: number;
  scope?: string;
}

/** The signed-in user as handlers see it through `@CurrentUser()`. */
export interface OktaUser extends SignedInUserFields {
  /** Every userinfo claim, as the provider sent it. */
  claims: UserInfo;
  /** What the app's `afterSignIn` hook returned for this sign-in, when it returned anything. */
  extras?: SessionExtras;
}

/** A sign-in just verified: the user, the tokens that go to the vault and the ID token's claims. */
export type VerifiedSignIn = OktaUser & { tokens: OktaTokens; idTokenClaims: IdTokenClaims };

/** The user of a sign-in, without what never goes into the session (tokens, raw claims). */
export function userOf(signIn: VerifiedSignIn): OktaUser {
  const user: Partial<VerifiedSignIn> = { ...signIn };
  delete user.tokens;
  delete user.idTokenClaims;
  return user as OktaUser;
}

/** The user as handlers see it, from the claims kept in the session. */
export function oktaUserFromClaims(claims: UserInfo, groupsClaim: string): OktaUser {
  return {
    sub: claims.sub,
    name: displayName(claims),
    email: typeof claims.email === 'string' ? claims.email : undefined,
    groups: groupsOf(claims, groupsClaim),
    claims,
  };
}

/** What the ID token says of the authentication itself, each claim only when well formed. */
export function authenticationOf(
  idClaims: IdTokenClaims,
): Pick<OktaUser, 'acr' | 'amr' | 'authTime'> {
  const { acr, amr, auth_time: authTime } = idClaims;
  return {
    ...(typeof acr === 'string' && acr !== '' && { acr }),
    ...(Array.isArray(amr) && amr.every((method) => typeof method === 'string') && { amr }),
    ...(Number.isSafeInteger(authTime) && { authTime }),
  };
}

export function displayName(claims: UserInfo): string {
  for (const key of ['name', 'preferred_username', 'email'] as const) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return claims.sub;
}

/** When a token response's access token expires, in epoch milliseconds, if the provider said. */
export function accessTokenExpiresAt(tokens: TokenSet): number | undefined {
  const expiresIn = Number(tokens.expires_in);
  return Number.isFinite(expiresIn) && expiresIn > 0 ? Date.now() + expiresIn * 1000 : undefined;
}

/** The user's groups from `claim`; anything but a list of strings counts as none. */
export function groupsOf(claims: UserInfo, claim: string): string[] {
  const groups = claims[claim];
  return Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [];
}
