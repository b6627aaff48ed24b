import { createHash, randomBytes } from 'node:crypto';

export function s256CodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** One-time values (a page's CSP nonce): 128 bits or more of randomness. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
