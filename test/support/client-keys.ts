import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private JWK of a fresh key pair named `kid`: RSA 2048 for RS256, P-256 for ES256. */
export function privateJwk(kind: 'rsa' | 'ec', kid: string): Record<string, unknown> {
  const { privateKey } =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { ...privateKey.export({ format: 'jwk' }), kid };
}

/** The public half of a private JWK, as the app integration at Okta holds it. */
export function publicJwk(jwk: Record<string, unknown>): Record<string, unknown> {
  const key = createPublicKey(createPrivateKey({ key: jwk as never, format: 'jwk' }));
  return { ...key.export({ format: 'jwk' }), kid: jwk.kid };
}

/**
 * A folder of key files for the spec file, as `OKTA_PRIVATE_KEY_FILE` names them, removed after
 * its tests: `file` writes text as it is and anything else as JSON, and answers the file's path.
 */
export function useKeyFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'nest-okta-keys-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    path: (name: string) => join(dir, name),
    file(name: string, content: unknown): string {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
  };
}
