import { createPrivateKey, type KeyObject } from 'node:crypto';

/** The algorithms Okta accepts for `private_key_jwt` that this module signs with. */
export type ClientAssertionAlgorithm = 'RS256' | 'ES256';

/** A JWK as the options take it: the private members included. */
export type PrivateJwk = Record<string, unknown> & { kty: string; kid?: string };

/** The key that signs client assertions, as the options give it: PEM text, a JWK or a JWKS. */
export type PrivateKeyInput = string | PrivateJwk | { keys: PrivateJwk[] };

/** A private key ready to sign, with the `kid` Okta picks its public half by. */
export interface SigningKey {
  key: KeyObject;
  alg: ClientAssertionAlgorithm;
  kid: string;
}

/**
 * What is wrong with a key, by the option it belongs to. A `privateKeyId` problem found without
 * one given says why it is needed.
 */
export interface PrivateKeyProblem {
  option: 'privateKey' | 'privateKeyId';
  message: string;
}

/**
 * The signing key the options name: the JWKS member whose `kid` is `keyId`, or the one key given
 * (its own `kid` unless `keyId` names one). Each way it can be unusable is a problem of its own,
 * so start-up names the setting to fix.
 */
export function readSigningKey(
  input: unknown,
  keyId: string | undefined,
): SigningKey | PrivateKeyProblem {
  const chosen = chooseKey(input, keyId);
  if ('option' in chosen) return chosen;
  let key: KeyObject;
  try {
    key =
      typeof chosen.key === 'string'
        ? createPrivateKey(chosen.key)
        : createPrivateKey({ key: chosen.key as never, format: 'jwk' });
  } catch {
    return publicKeyGiven(chosen.key)
      ? {
          option: 'privateKey',
          message: 'is a public key; give the private key (it stays with the app)',
        }
      : { option: 'privateKey', message: 'is not a readable PEM private key, JWK or JWKS' };
  }
  const alg = algorithmOf(key);
  if (!alg) {
    return {
      option: 'privateKey',
      message: `is a ${describe(key)} key; use an RSA key of 2048 bits or more (RS256) or an EC P-256 key (ES256)`,
    };
  }
  const declared = typeof chosen.key === 'object' ? chosen.key.alg : undefined;
  if (declared !== undefined && declared !== alg) {
    return {
      option: 'privateKey',
      message: `declares "alg": ${JSON.stringify(declared)}; only RS256 (RSA) and ES256 (EC P-256) are supported`,
    };
  }
  if (!chosen.kid) {
    return {
      option: 'privateKeyId',
      message: 'the key has no "kid", and Okta picks the public key that checks an assertion by it',
    };
  }
  return { key, alg, kid: chosen.kid };
}

function chooseKey(
  input: unknown,
  keyId: string | undefined,
): { key: string | PrivateJwk; kid?: string } | PrivateKeyProblem {
  if (typeof input === 'string') return { key: input, kid: keyId };
  if (typeof input !== 'object' || input === null) {
    return {
      option: 'privateKey',
      message: 'must be PEM text, a JWK or a JWKS ({ "keys": [...] })',
    };
  }
  if ('keys' in input) {
    const keys = Array.isArray(input.keys) ? (input.keys as PrivateJwk[]) : [];
    if (keys.length === 0) return { option: 'privateKey', message: 'is a JWKS without keys' };
    if (keyId === undefined && keys.length > 1) {
      return {
        option: 'privateKeyId',
        message: `the JWKS holds ${keys.length} keys; name the "kid" of the one that signs`,
      };
    }
    const key = keyId === undefined ? keys[0] : keys.find((k) => k.kid === keyId);
    if (!key) {
      const kids = keys.map((k) => `"${String(k.kid)}"`).join(', ');
      return {
        option: 'privateKeyId',
        message: `names no key of the JWKS ("${keyId}"; it has ${kids})`,
      };
    }
    return { key, kid: keyId ?? key.kid };
  }
  const jwk = input as PrivateJwk;
  if (keyId !== undefined && jwk.kid !== undefined && jwk.kid !== keyId) {
    return {
      option: 'privateKeyId',
      message: `is "${keyId}", but the JWK's "kid" is "${jwk.kid}"`,
    };
  }
  return { key: jwk, kid: keyId ?? jwk.kid };
}

function algorithmOf(key: KeyObject): ClientAssertionAlgorithm | undefined {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048) return 'RS256';
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return 'ES256';
  return undefined;
}

function describe(key: KeyObject): string {
  const { modulusLength, namedCurve } = key.asymmetricKeyDetails ?? {};
  return [key.asymmetricKeyType, modulusLength && `${modulusLength}-bit`, namedCurve]
    .filter(Boolean)
    .join(' ');
}

/** A public PEM, or a JWK without its private member `d`. */
function publicKeyGiven(key: string | PrivateJwk): boolean {
  if (typeof key === 'string') return /-----BEGIN (RSA )?PUBLIC KEY-----/.test(key);
  return (key.kty === 'RSA' || key.kty === 'EC') && !('d' in key);
}
