import { decodeJwt } from 'jose';
import type { SignedInIdentity } from '../oidc/id-token';
import type { OidcClient, TokenSet } from '../oidc/oidc-client';
import { IdTokenValidationError } from '../oidc/oidc.errors';
import { accessTokenExpiresAt, type OktaTokens } from '../user/okta-user';

/**
 * The session's tokens after a refresh, from the token endpoint's answer. An ID token in the
 * answer is validated before anything of it is used (OpenID Connect Core 12.2): signature,
 * issuer, audience, expiry, the session's `sub` and its sign-in's `auth_time`; a token that fails
 * throws `IdTokenValidationError`, and then none of the answer's tokens may be kept. An answer
 * without an ID token is allowed (Okta sends one only when `openid` was granted); the newest
 * valid one is kept either way, as the `id_token_hint` for sign-out.
 */
export async function refreshedTokens(
  oidc: OidcClient,
  stale: OktaTokens,
  sub: string,
  answer: TokenSet,
): Promise<OktaTokens> {
  const idToken = await checkedIdToken(oidc, answer, {
    sub,
    authTime: authTimeOf(stale.idToken),
  });
  return {
    idToken: idToken ?? stale.idToken,
    accessToken: answer.access_token,
    // Okta rotates refresh tokens unless the app is set to reuse them.
    refreshToken: answer.refresh_token ?? stale.refreshToken,
    accessTokenExpiresAt: accessTokenExpiresAt(answer),
    scope: typeof answer.scope === 'string' ? answer.scope : stale.scope,
  };
}

async function checkedIdToken(
  oidc: OidcClient,
  answer: TokenSet,
  signedIn: SignedInIdentity,
): Promise<string | undefined> {
  const idToken = answer.id_token as unknown;
  if (idToken === undefined) return undefined;
  if (typeof idToken !== 'string' || idToken === '') {
    throw new IdTokenValidationError('ID token in the refresh answer is not a JWT');
  }
  await oidc.validateRefreshedIdToken(idToken, signedIn);
  return idToken;
}

/** The `auth_time` of the ID token the session holds: one the module validated when it came. */
function authTimeOf(idToken: string): number | undefined {
  try {
    const { auth_time } = decodeJwt(idToken);
    return typeof auth_time === 'number' ? auth_time : undefined;
  } catch {
    return undefined;
  }
}
