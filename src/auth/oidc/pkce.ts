import { createHash, randomBytes } from 'node:crypto';

/** A PKCE verifier (RFC 7636): 32 random bytes, base64url, as the RFC recommends. */
export function createCodeVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function s256CodeChallenge(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** State, nonce and similar one-time values: 128 bits or more of randomness. */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
