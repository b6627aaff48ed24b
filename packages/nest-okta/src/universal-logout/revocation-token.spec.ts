import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  type KeyLike,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { ProviderKeys } from '../oidc/provider-keys';
import { OrgKeysUnavailableError, RevocationUnauthorizedError } from './revocation-errors';
import { verifyRevocationToken } from './revocation-token';

const ORG = 'https://dev-123456.okta.com';
const ENDPOINT = 'https://app.example.com/global-token-revocation';
const expected = { issuer: ORG, audience: ENDPOINT };
const now = () => Math.floor(Date.now() / 1000);

interface Key {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

async function makeKey(kid: string): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256' } };
}

/** What Okta's org server puts in a Universal Logout JWT; `undefined` leaves a claim out. */
function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ORG,
    aud: ENDPOINT,
    sub: '0oa-the-app',
    jti: `jti-${Math.random()}`,
    iat: now(),
    nbf: now() - 300,
    exp: now() + 300,
    ...overrides,
  };
}

function sign(key: Key, payload = claims()): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .sign(key.privateKey);
}

let orgKey: Key;
let keys: ReturnType<typeof createLocalJWKSet>;

beforeAll(async () => {
  orgKey = await makeKey('org-key');
  keys = createLocalJWKSet({ keys: [orgKey.jwk] });
});

describe('verifyRevocationToken', () => {
  it('accepts what Okta sends and says until when its jti must be remembered', async () => {
    const issuedAt = now();
    const verified = await verifyRevocationToken(
      await sign(orgKey, claims({ jti: 'abc', iat: issuedAt, exp: issuedAt + 300 })),
      keys,
      expected,
    );
    expect(verified).toEqual({ jti: 'abc', acceptableUntil: (issuedAt + 300 + 60) * 1000 });
  });

  it('remembers a token with a far expiry no longer than its maximum age', async () => {
    const issuedAt = now();
    const token = await sign(orgKey, claims({ iat: issuedAt, exp: issuedAt + 86_400 }));
    const { acceptableUntil } = await verifyRevocationToken(token, keys, expected);
    expect(acceptableUntil).toBe((issuedAt + 600 + 60) * 1000);
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    [
      'another key under the org key id (forged)',
      async () => sign(await makeKey('org-key')),
      /signature/,
    ],
    [
      'a key the org does not publish',
      async () => sign(await makeKey('other')),
      /does not publish/,
    ],
    ['the wrong iss', () => sign(orgKey, claims({ iss: 'https://evil.okta.com' })), /iss/],
    [
      'the custom authorization server as iss',
      () => sign(orgKey, claims({ iss: `${ORG}/oauth2/default` })),
      /iss/,
    ],
    ['the wrong aud', () => sign(orgKey, claims({ aud: 'https://app.example.com/other' })), /aud/],
    [
      'an expired exp',
      () => sign(orgKey, claims({ iat: now() - 400, exp: now() - 100 })),
      /expired/,
    ],
    [
      'an iat older than ten minutes',
      () => sign(orgKey, claims({ iat: now() - 700, exp: now() + 300 })),
      /iat/,
    ],
    [
      'an iat in the future',
      () => sign(orgKey, claims({ iat: now() + 300, exp: now() + 600 })),
      /iat/,
    ],
    ['an nbf in the future', () => sign(orgKey, claims({ nbf: now() + 300 })), /nbf/],
    ['no jti', () => sign(orgKey, claims({ jti: undefined })), /jti/],
    ['an empty jti', () => sign(orgKey, claims({ jti: '' })), /jti/],
    ['no exp', () => sign(orgKey, claims({ exp: undefined })), /exp/],
    ['alg none', () => Promise.resolve(new UnsecuredJWT(claims()).encode()), /RS256/],
    [
      'HS256 with a shared secret',
      () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: 'HS256', kid: 'org-key' })
          .sign(new TextEncoder().encode('a-shared-secret-'.repeat(4))),
      /RS256/,
    ],
    ['garbage', () => Promise.resolve('not.a.jwt'), /well-formed/],
  ])('refuses a token with %s', async (_case, token, reason) => {
    const refusal = verifyRevocationToken(await token(), keys, expected);
    await expect(refusal).rejects.toThrow(RevocationUnauthorizedError);
    await expect(refusal).rejects.toThrow(reason);
  });

  it('blames the org, not the token, when its keys cannot be fetched', async () => {
    const unreachable = new ProviderKeys('http://127.0.0.1:9/oauth2/v1/keys', 1_000).getKey;
    await expect(verifyRevocationToken(await sign(orgKey), unreachable, expected)).rejects.toThrow(
      OrgKeysUnavailableError,
    );
  });
});
