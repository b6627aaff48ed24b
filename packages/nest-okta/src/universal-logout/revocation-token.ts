import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { OrgKeysUnavailableError, RevocationUnauthorizedError } from './revocation-errors';

export interface RevocationTokenExpectations {
  /** The org authorization server's URL. */
  issuer: string;
  /** The endpoint's public URL. */
  audience: string;
}

/** A verified token: its id, and until when (epoch ms) it could be accepted, so replayed. */
export interface VerifiedRevocationToken {
  jti: string;
  acceptableUntil: number;
}

/** Okta signs with RS256, as it does ID tokens; anything else (above all `none`) is refused. */
const ALGORITHMS = ['RS256'];
/** Clocks differ a little between Okta and the app. */
const CLOCK_TOLERANCE_S = 60;
/**
 * Okta's tokens live 5 minutes; older ones are refused whatever their `exp`, which also bounds
 * how long a `jti` must be remembered to refuse a replay.
 */
const MAX_AGE_S = 10 * 60;

/**
 * Verifies the bearer JWT of a Universal Logout request: signed by the org's key (RS256), from
 * the org (`iss`), for this endpoint (`aud`), current (`exp`, `iat`, `nbf`), with a `jti`.
 */
export async function verifyRevocationToken(
  token: string,
  keys: JWTVerifyGetKey,
  expected: RevocationTokenExpectations,
): Promise<VerifiedRevocationToken> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: ALGORITHMS,
      issuer: expected.issuer,
      audience: expected.audience,
      clockTolerance: CLOCK_TOLERANCE_S,
      maxTokenAge: MAX_AGE_S,
      requiredClaims: ['iss', 'aud', 'exp', 'iat', 'jti'],
    }));
  } catch (error) {
    throw classify(error);
  }
  if (typeof payload.jti !== 'string' || payload.jti === '') {
    throw new RevocationUnauthorizedError('the token has an empty jti');
  }
  const lastSecond = Math.min(payload.exp!, payload.iat! + MAX_AGE_S) + CLOCK_TOLERANCE_S;
  return { jti: payload.jti, acceptableUntil: lastSecond * 1000 };
}

/**
 * The org's keys failing to load is not the token's fault, and is answered differently. They
 * come from `ProviderKeys`: its fetch fails with the provider's errors, and only a key set with
 * an unusable member fails inside jose (JWKSInvalid).
 */
function classify(error: unknown): Error {
  if (!(error instanceof errors.JOSEError) || error instanceof errors.JWKSInvalid) {
    return new OrgKeysUnavailableError('the org keys could not be fetched', { cause: error });
  }
  return new RevocationUnauthorizedError(describe(error), { cause: error });
}

function describe(error: errors.JOSEError): string {
  if (error instanceof errors.JWTClaimValidationFailed) {
    return `claim check failed: ${error.claim} (${error.reason})`;
  }
  if (error instanceof errors.JWTExpired) {
    return `the token has expired: ${error.claim} (${error.reason})`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with RS256';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the signature is invalid';
  if (error instanceof errors.JWKSNoMatchingKey) {
    return 'the token is signed with a key the org does not publish';
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return 'the token is not a well-formed JWT';
  }
  return `the token was refused (${error.code})`;
}
