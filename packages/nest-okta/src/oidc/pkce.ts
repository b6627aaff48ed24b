import { createHash, randomBytes } from 'node:crypto';

export function s256CodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** One-time values (a page's CSP nonce): 128 bits of randomness. */
export function randomToken(): string {
  return randomBytes(16).toString('base64url');
}
