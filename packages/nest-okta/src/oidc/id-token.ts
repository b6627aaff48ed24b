import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import {
  IdentityProviderResponseError,
  IdentityProviderUnavailableError,
  IdTokenValidationError,
} from './oidc.errors';

/** What a refreshed ID token must repeat of the session's sign-in (OpenID Connect Core 12.2). */
export interface SignedInIdentity {
  sub: string;
  /** The sign-in's `auth_time`, when its ID token carried one. */
  authTime?: number;
}

/**
 * The issuer and client every ID token must name, and then either the nonce of the sign-in the
 * token answers, or, for a token a refresh returned, the sign-in it must match.
 */
export type IdTokenExpectations = { issuer: string; clientId: string } & (
  { nonce: string } | { refreshOf: SignedInIdentity }
);

export interface IdTokenClaims extends JWTPayload {
  sub: string;
  nonce?: string;
  azp?: string;
  auth_time?: number;
}

/** Okta signs ID tokens with RS256; accepting anything else (above all `none`) only adds risk. */
const ALGORITHMS = ['RS256'];
const CLOCK_TOLERANCE_S = 60;

/**
 * Validates an ID token as OpenID Connect Core 1.0 section 3.1.3.7 requires: signature by a key
 * from the provider's JWKS, `iss`, `aud`, `azp`, `exp`, `iat` and `nonce`. A token a refresh
 * returned (section 12.2) has no nonce to match; it must name the signed-in user instead: the
 * same `sub`, and the same `auth_time` when both tokens carry one.
 */
export async function validateIdToken(
  idToken: string,
  keys: JWTVerifyGetKey,
  expected: IdTokenExpectations,
): Promise<IdTokenClaims> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      algorithms: ALGORITHMS,
      issuer: expected.issuer,
      audience: expected.clientId,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    }));
  } catch (error) {
    throw classifyVerificationError(error);
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (audiences.length > 1 && payload.azp === undefined) {
    throw new IdTokenValidationError('ID token has several audiences but no azp claim');
  }
  if (payload.azp !== undefined && payload.azp !== expected.clientId) {
    throw new IdTokenValidationError('ID token azp claim names another client');
  }
  if (typeof payload.sub !== 'string' || payload.sub === '') {
    throw new IdTokenValidationError('ID token sub claim is empty');
  }
  if ((payload.iat as number) > Date.now() / 1000 + CLOCK_TOLERANCE_S) {
    throw new IdTokenValidationError('ID token was issued in the future');
  }
  if ('nonce' in expected) {
    if (payload.nonce !== expected.nonce) {
      throw new IdTokenValidationError('ID token nonce does not match the sign-in request');
    }
  } else {
    checkSameSignIn(payload, expected.refreshOf);
  }
  return payload as IdTokenClaims;
}

/** A refreshed ID token must be about the sign-in the session holds, not someone else's. */
function checkSameSignIn(payload: JWTPayload, signedIn: SignedInIdentity): void {
  if (payload.sub !== signedIn.sub) {
    throw new IdTokenValidationError("ID token names another user than the session's");
  }
  const authTime = payload.auth_time;
  if (authTime !== undefined && signedIn.authTime !== undefined && authTime !== signedIn.authTime) {
    throw new IdTokenValidationError("ID token auth_time is not the sign-in's");
  }
}

/**
 * A failure to fetch the provider's keys is the provider's fault, not the token's. The keys come
 * from `ProviderKeys`: its fetch fails with the provider's errors, and only a key set with an
 * unusable member fails inside jose (JWKSInvalid).
 */
function classifyVerificationError(error: unknown): Error {
  if (
    error instanceof IdentityProviderUnavailableError ||
    error instanceof IdentityProviderResponseError
  ) {
    return error;
  }
  if (!(error instanceof errors.JOSEError)) {
    return new IdentityProviderUnavailableError('the JWKS could not be fetched', { cause: error });
  }
  if (error instanceof errors.JWKSInvalid) {
    return new IdentityProviderResponseError('the JWKS is not a valid key set', { cause: error });
  }
  return new IdTokenValidationError(describeJoseError(error), { cause: error });
}

function describeJoseError(error: unknown): string {
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `ID token claim check failed: ${error.claim} (${error.reason})`;
  }
  if (error instanceof errors.JWTExpired) return 'ID token has expired';
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'ID token uses a signing algorithm other than RS256';
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return 'ID token signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'ID token is signed with a key the provider does not publish';
  if (error instanceof errors.JOSEError) return `ID token rejected: ${error.code}`;
  return 'ID token could not be validated';
}
