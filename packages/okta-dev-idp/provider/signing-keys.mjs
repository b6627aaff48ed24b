// @ts-check
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

/**
 * A fresh RS256 key set for each start: nothing signed by a previous run should verify, and no
 * key material ever sits on disk.
 */
export async function generateSigningKeys() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] };
}
