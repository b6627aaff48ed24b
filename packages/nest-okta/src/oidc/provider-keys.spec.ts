import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  errors,
  exportJWK,
  generateKeyPair,
  type JWK,
  jwtVerify,
  type KeyLike,
  SignJWT,
} from 'jose';
import { ProviderKeys } from './provider-keys';

interface Key {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

async function makeKey(kid: string): Promise<Key> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256' } };
}

function sign(privateKey: KeyLike, kid: string): Promise<string> {
  return new SignJWT({ sub: 'someone' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

/**
 * Tokens signed by an attacker's key, each under a `kid` never seen before: each one could send
 * the app to the provider for its keys again. Counted at a key set of the test's own.
 */
describe('ProviderKeys under a flood of made-up key ids', () => {
  let server: Server;
  let jwksUri: string;
  let published: Key[];
  let fetches: number;
  let keyA: Key;
  let attacker: KeyLike;

  beforeAll(async () => {
    [keyA, attacker] = [await makeKey('key-a'), (await generateKeyPair('RS256')).privateKey];
    server = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: published.map((key) => key.jwk) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
  });

  beforeEach(() => {
    fetches = 0;
    published = [keyA];
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  /** `senders` callers, each checking forgeries back to back for `ms`: what each check threw. */
  async function flood(keys: ProviderKeys, senders: number, ms: number): Promise<unknown[]> {
    const until = Date.now() + ms;
    const outcomes: unknown[] = [];
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (Date.now() < until) {
          const forged = await sign(attacker, `made-up-${randomUUID()}`);
          outcomes.push(await jwtVerify(forged, keys.getKey).catch((error: unknown) => error));
        }
      }),
    );
    return outcomes;
  }

  it('fetches the keys at most about once a second, whatever kids the tokens carry', async () => {
    const keys = new ProviderKeys(jwksUri, 5_000);
    await jwtVerify(await sign(keyA.privateKey, keyA.kid), keys.getKey);
    expect(fetches).toBe(1);
    const started = Date.now();

    const outcomes = await flood(keys, 25, 2_000);

    const seconds = (Date.now() - started) / 1000;
    expect(outcomes.length).toBeGreaterThanOrEqual(25);
    for (const outcome of outcomes) expect(outcome).toBeInstanceOf(errors.JWKSNoMatchingKey);
    expect(fetches - 1).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  });

  it('picks up a real rotation within a second while the flood goes on', async () => {
    const keys = new ProviderKeys(jwksUri, 5_000);
    await jwtVerify(await sign(keyA.privateKey, keyA.kid), keys.getKey);
    const flooding = flood(keys, 10, 2_500);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const keyB = await makeKey('key-b');
    published = [keyA, keyB];
    const token = await sign(keyB.privateKey, keyB.kid);

    const asked = Date.now();
    await expect(jwtVerify(token, keys.getKey)).resolves.toBeDefined();

    expect(Date.now() - asked).toBeLessThan(1_500);
    await flooding;
  });

  it('still refetches at once for the first unknown kid after a quiet second', async () => {
    const keys = new ProviderKeys(jwksUri, 5_000);
    await jwtVerify(await sign(keyA.privateKey, keyA.kid), keys.getKey);
    const keyB = await makeKey('key-b');
    published = [keyB];

    const asked = Date.now();
    await expect(
      jwtVerify(await sign(keyB.privateKey, keyB.kid), keys.getKey),
    ).resolves.toBeDefined();

    expect(Date.now() - asked).toBeLessThan(500);
    expect(fetches).toBe(2);
  });
});
