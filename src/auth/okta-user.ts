import type { UserInfo } from '../oidc/oidc-client';

/** Tokens stay in the server-side session; only the claims ever reach a page or an API client. */
export interface OktaTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Epoch milliseconds, when the provider said. */
  accessTokenExpiresAt?: number;
  scope?: string;
}

/** The signed-in user as handlers see it through `@CurrentUser()`. */
export interface OktaUser {
  sub: string;
  name: string;
  email?: string;
  groups: string[];
  /** Every userinfo claim, as the provider sent it. */
  claims: UserInfo;
  tokens: OktaTokens;
}

export function displayName(claims: UserInfo): string {
  for (const key of ['name', 'preferred_username', 'email'] as const) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return claims.sub;
}

export function groupsOf(claims: UserInfo): string[] {
  const groups = claims.groups;
  return Array.isArray(groups) ? groups.filter((g): g is string => typeof g === 'string') : [];
}
