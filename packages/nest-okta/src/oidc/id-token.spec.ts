import { createServer, type RequestListener, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  type JWTVerifyGetKey,
  type KeyLike,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { validateIdToken } from './id-token';
import { ProviderKeys } from './provider-keys';
import {
  IdentityProviderResponseError,
  IdentityProviderUnavailableError,
  IdTokenValidationError,
} from './oidc.errors';

const ISSUER = 'https://dev-123456.okta.com/oauth2/default';
const CLIENT_ID = '0oa1b2c3d4EXAMPLE';
const NONCE = 'n-0S6_WzA2Mj';
const expected = { issuer: ISSUER, clientId: CLIENT_ID, nonce: NONCE };

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  jwk: JWK;
}

async function makeKey(kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return { kid, privateKey, publicKey, jwk };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims Okta puts in an ID token for this client; `undefined` leaves a claim out. */
function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: ISSUER,
    aud: CLIENT_ID,
    sub: '00u1a2b3c4EXAMPLE',
    nonce: NONCE,
    iat: nowSeconds(),
    exp: nowSeconds() + 3600,
    email: 'ada@example.com',
    ...overrides,
  };
}

function sign(key: SigningKey, payload: JWTPayload = claims()): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .sign(key.privateKey);
}

/** The error a promise rejects with; fails the test if it resolves instead. */
async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

let keyA: SigningKey;
let keyB: SigningKey;

beforeAll(async () => {
  [keyA, keyB] = await Promise.all([makeKey('key-a'), makeKey('key-b')]);
});

describe('validateIdToken with the provider keys in hand', () => {
  let keys: JWTVerifyGetKey;

  beforeAll(() => {
    keys = createLocalJWKSet({ keys: [keyA.jwk] });
  });

  it('accepts a valid token and returns its claims', async () => {
    const token = await sign(keyA);

    const result = await validateIdToken(token, keys, expected);

    expect(result).toMatchObject({
      iss: ISSUER,
      aud: CLIENT_ID,
      sub: '00u1a2b3c4EXAMPLE',
      nonce: NONCE,
      email: 'ada@example.com',
    });
  });

  it('accepts several audiences when azp names this client', async () => {
    const token = await sign(keyA, claims({ aud: [CLIENT_ID, 'api://default'], azp: CLIENT_ID }));

    await expect(validateIdToken(token, keys, expected)).resolves.toMatchObject({ azp: CLIENT_ID });
  });

  it('accepts an exp up to 60 seconds in the past and an iat up to 60 seconds ahead', async () => {
    const token = await sign(keyA, claims({ exp: nowSeconds() - 30, iat: nowSeconds() + 30 }));

    await expect(validateIdToken(token, keys, expected)).resolves.toMatchObject({
      sub: '00u1a2b3c4EXAMPLE',
    });
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    [
      'a signature from another key that reuses the kid (forged)',
      async () => sign(await makeKey('key-a')),
      /signature is invalid/,
    ],
    [
      'a wrong iss',
      () => sign(keyA, claims({ iss: 'https://evil.example/oauth2/default' })),
      /iss/,
    ],
    ['a wrong aud', () => sign(keyA, claims({ aud: 'another-client' })), /aud/],
    [
      'several audiences but no azp',
      () => sign(keyA, claims({ aud: [CLIENT_ID, 'another-client'] })),
      /several audiences but no azp/,
    ],
    [
      'an azp naming another client',
      () => sign(keyA, claims({ aud: [CLIENT_ID, 'another-client'], azp: 'another-client' })),
      /azp claim names another client/,
    ],
    [
      'an azp naming another client even with a single audience',
      () => sign(keyA, claims({ azp: 'another-client' })),
      /azp claim names another client/,
    ],
    ['a wrong nonce', () => sign(keyA, claims({ nonce: 'replayed-nonce' })), /nonce/],
    ['no nonce', () => sign(keyA, claims({ nonce: undefined })), /nonce/],
    [
      'an exp more than 60 seconds in the past',
      () => sign(keyA, claims({ iat: nowSeconds() - 3600, exp: nowSeconds() - 120 })),
      /expired/,
    ],
    [
      'an iat far in the future',
      () => sign(keyA, claims({ iat: nowSeconds() + 3600, exp: nowSeconds() + 7200 })),
      /issued in the future/,
    ],
    ['no sub', () => sign(keyA, claims({ sub: undefined })), /sub/],
    ['an empty sub', () => sign(keyA, claims({ sub: '' })), /sub/],
    ['no exp', () => sign(keyA, claims({ exp: undefined })), /exp/],
    ['no iat', () => sign(keyA, claims({ iat: undefined })), /iat/],
    [
      'a kid the provider does not publish',
      () => sign(keyB),
      /signed with a key the provider does not publish/,
    ],
    [
      'alg none (an unsecured JWT)',
      () => Promise.resolve(new UnsecuredJWT(claims()).encode()),
      /algorithm other than RS256/,
    ],
  ])('rejects a token with %s', async (_case, makeToken, reason) => {
    const error = await rejection(validateIdToken(await makeToken(), keys, expected));

    expect(error).toBeInstanceOf(IdTokenValidationError);
    expect(error.message).toMatch(reason);
  });

  describe('HS256 tokens (algorithm confusion)', () => {
    const secrets: Array<[string, () => Promise<Uint8Array>]> = [
      [
        'the RSA public key bytes',
        async () => new TextEncoder().encode(await exportSPKI(keyA.publicKey)),
      ],
      [
        'any other secret',
        () => Promise.resolve(new TextEncoder().encode('a-shared-secret-'.repeat(4))),
      ],
    ];

    it.each(secrets)('are rejected when signed with %s', async (_case, makeSecret) => {
      const secret = await makeSecret();
      const token = await new SignJWT(claims())
        .setProtectedHeader({ alg: 'HS256', kid: keyA.kid })
        .sign(secret);
      // A resolver that hands out the same bytes regardless of alg: only the RS256 allow-list
      // stands between the token and acceptance, as the control below shows.
      const naiveKeys: JWTVerifyGetKey = () => Promise.resolve(secret);
      await expect(jwtVerify(token, naiveKeys)).resolves.toBeDefined();

      for (const resolver of [naiveKeys, keys]) {
        const error = await rejection(validateIdToken(token, resolver, expected));
        expect(error).toBeInstanceOf(IdTokenValidationError);
        expect(error.message).toMatch(/algorithm other than RS256/);
      }
    });
  });
});

describe('validateIdToken with keys fetched from the provider JWKS endpoint', () => {
  let server: Server;
  let baseUrl: string;
  let handler: RequestListener;
  let jwksRequests: number;

  const serveJson =
    (body: unknown, status = 200): RequestListener =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };

  const remoteKeys = ({ timeoutMs = 5_000 }: { timeoutMs?: number } = {}) =>
    new ProviderKeys(new URL('/oauth2/default/v1/keys', baseUrl).href, timeoutMs).getKey;

  beforeAll(async () => {
    server = createServer((req, res) => {
      jwksRequests += 1;
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    jwksRequests = 0;
    handler = serveJson({ keys: [keyA.jwk] });
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      server.close((error) => (error ? reject(error) : resolve())),
    );
  });

  it('follows a key rotation: refetches once for the new kid and drops the retired key', async () => {
    const keys = remoteKeys();
    const tokenA = await sign(keyA);
    const tokenB = await sign(keyB);

    await expect(validateIdToken(tokenA, keys, expected)).resolves.toBeDefined();
    await expect(validateIdToken(tokenA, keys, expected)).resolves.toBeDefined();
    expect(jwksRequests).toBe(1);

    handler = serveJson({ keys: [keyB.jwk] });

    await expect(validateIdToken(tokenB, keys, expected)).resolves.toBeDefined();
    expect(jwksRequests).toBe(2);

    const error = await rejection(validateIdToken(tokenA, keys, expected));
    expect(error).toBeInstanceOf(IdTokenValidationError);
    expect(error.message).toMatch(/signed with a key the provider does not publish/);
    expect(jwksRequests).toBe(3);
  });

  it('picks up a rotation at any moment, even right after a fetch', async () => {
    const keys = remoteKeys();
    await expect(validateIdToken(await sign(keyA), keys, expected)).resolves.toBeDefined();
    handler = serveJson({ keys: [keyA.jwk, keyB.jwk] });
    await expect(validateIdToken(await sign(keyB), keys, expected)).resolves.toBeDefined();
    expect(jwksRequests).toBe(2);
  });

  it('refetches at most once per unknown kid, however many tokens carry it', async () => {
    const keys = remoteKeys();
    const stranger = await makeKey('key-x');
    await expect(validateIdToken(await sign(keyA), keys, expected)).resolves.toBeDefined();
    for (let attempt = 0; attempt < 5; attempt++) {
      const error = await rejection(validateIdToken(await sign(stranger), keys, expected));
      expect(error).toBeInstanceOf(IdTokenValidationError);
    }
    expect(jwksRequests).toBe(2);
    handler = serveJson({ keys: [keyB.jwk] });
    await expect(validateIdToken(await sign(keyB), keys, expected)).resolves.toBeDefined();
    expect(jwksRequests).toBe(3);
  });

  it('reports the provider unavailable when the JWKS endpoint answers 500', async () => {
    handler = serveJson({ error: 'server_error' }, 500);

    const error = await rejection(validateIdToken(await sign(keyA), remoteKeys(), expected));

    expect(error).toBeInstanceOf(IdentityProviderUnavailableError);
  });

  it('blames the provider, not the token, when the JWKS endpoint answers 404', async () => {
    handler = serveJson({ error: 'not_found' }, 404);

    const error = await rejection(validateIdToken(await sign(keyA), remoteKeys(), expected));

    expect(error).not.toBeInstanceOf(IdTokenValidationError);
    expect(error).toBeInstanceOf(IdentityProviderResponseError);
  });

  it('reports the provider unavailable when the JWKS endpoint drops the connection', async () => {
    handler = (req) => req.socket.destroy();

    const error = await rejection(validateIdToken(await sign(keyA), remoteKeys(), expected));

    expect(error).toBeInstanceOf(IdentityProviderUnavailableError);
  });

  it('reports the provider unavailable when nothing listens at the JWKS address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const keys = new ProviderKeys(`http://127.0.0.1:${port}/oauth2/default/v1/keys`, 5_000).getKey;

    const error = await rejection(validateIdToken(await sign(keyA), keys, expected));

    expect(error).toBeInstanceOf(IdentityProviderUnavailableError);
  });

  it('reports the provider unavailable when the JWKS endpoint does not answer in time', async () => {
    handler = () => undefined;

    const error = await rejection(
      validateIdToken(await sign(keyA), remoteKeys({ timeoutMs: 200 }), expected),
    );

    expect(error).toBeInstanceOf(IdentityProviderUnavailableError);
  });

  it.each<[string, RequestListener]>([
    ['JSON without a keys array', serveJson({ hello: 'world' })],
    ['a keys member that is not an array', serveJson({ keys: 'key-a' })],
    [
      'an HTML page instead of JSON',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><title>Sign in</title>');
      },
    ],
  ])('reports a bad provider response when the JWKS endpoint sends %s', async (_case, listener) => {
    handler = listener;

    const error = await rejection(validateIdToken(await sign(keyA), remoteKeys(), expected));

    expect(error).toBeInstanceOf(IdentityProviderResponseError);
    expect(jwksRequests).toBe(1);
  });
});
