import { HttpStatus } from '@nestjs/common';
import { SignInException } from '../errors/auth.exceptions';
import type { OidcClient, TokenSet, UserInfo } from '../oidc/oidc-client';
import type { IdTokenClaims } from '../oidc/id-token';
import { IdentityProviderResponseError } from '../oidc/oidc.errors';
import {
  accessTokenExpiresAt,
  authenticationOf,
  oktaUserFromClaims,
  type VerifiedSignIn,
} from '../user/okta-user';

/** The token response's ID token, validated: signature, issuer, audience, expiry, nonce. */
export function checkedIdToken(
  oidc: OidcClient,
  tokens: TokenSet,
  nonce: string,
): Promise<IdTokenClaims> {
  if (typeof tokens.id_token !== 'string' || tokens.id_token === '') {
    throw new IdentityProviderResponseError('token response lacks id_token');
  }
  return oidc.validateIdToken(tokens.id_token, nonce);
}

/**
 * Turns a token response into the signed-in user, the same way for both sign-in models: the ID
 * token has been validated (`checkedIdToken`), the userinfo `sub` must be the ID token's, and
 * the claims come from userinfo; how the user authenticated (`acr`, `amr`, `auth_time`) comes
 * from the ID token, which is where Okta states it.
 */
export function verifiedOktaUser(
  tokens: TokenSet,
  idClaims: IdTokenClaims,
  claims: UserInfo | undefined,
  groupsClaim: string,
): VerifiedSignIn {
  if (!claims || claims.sub !== idClaims.sub) {
    throw new SignInException(
      HttpStatus.UNAUTHORIZED,
      'Sign-in could not be verified',
      'The identity provider returned inconsistent information about who you are. Please sign in again.',
      { cause: new Error('userinfo sub does not match the ID token sub') },
    );
  }
  return {
    ...oktaUserFromClaims(claims, groupsClaim),
    ...authenticationOf(idClaims),
    idTokenClaims: idClaims,
    tokens: {
      idToken: tokens.id_token!,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token || undefined,
      accessTokenExpiresAt: accessTokenExpiresAt(tokens),
      scope: typeof tokens.scope === 'string' ? tokens.scope : undefined,
    },
  };
}
