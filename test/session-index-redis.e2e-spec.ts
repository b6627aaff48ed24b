import { createClient } from 'redis';
import { RedisSessionIndexStore } from 'nest-okta/redis';
import { Browser, signOut } from './support/browser';
import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './support/app-instance';
import { HeldPort } from './support/held-port';
import { describeWithRedisServer, RedisServer } from './support/redis-server';
import { ALICE, BOB, signIn } from './support/sign-in';

const INDEX_KEYS = 'nest-okta:sess-index:*';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * AuthModule's session index in Redis (nest-okta/redis's RedisSessionIndexStore): entries live exactly as
 * long as the sign-ins they record, so nothing is left behind. Each part has a Redis database of
 * its own, so counting keys counts only its own.
 */
describeWithRedisServer('The session index in Redis', () => {
  let redis: RedisServer;

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  async function connect(database: number) {
    const client = createClient({ url: `${redis.url}/${database}` });
    await client.connect();
    return client;
  }

  /** Until Redis itself has dropped every expired key (it expires them in the background). */
  /** The keys left once only `expected` are (or the deadline passes), sorted. */
  async function keysLeft(
    client: Awaited<ReturnType<typeof connect>>,
    deadlineMs: number,
    expected: string[] = [],
  ) {
    const deadline = Date.now() + deadlineMs;
    const left = async () => (await client.keys('*')).sort();
    while ((await left()).join() !== expected.join() && Date.now() < deadline) await pause(100);
    return left();
  }

  describe('at the index level', () => {
    let client: Awaited<ReturnType<typeof connect>>;
    let index: RedisSessionIndexStore;

    beforeAll(async () => {
      client = await connect(1);
      index = new RedisSessionIndexStore(client);
    });
    afterAll(async () => {
      await client?.close();
    });
    beforeEach(async () => {
      await client.flushDb();
    });

    it('leaves no key behind once 10,000 sign-ins have expired, signed out or not', async () => {
      // Long enough that the first sign-ins are still there once the last are written, however
      // loaded the machine; the wait below is measured from the last write.
      const ttlMs = 10_000;
      const users = 1_000;
      const signIns = Array.from({ length: 10_000 }, (_, n) => n);
      // In batches, as sign-ins arrive concurrently.
      for (let start = 0; start < signIns.length; start += 500) {
        await Promise.all(
          signIns.slice(start, start + 500).map(async (n) => {
            const keys = [`iss_sub:${n % users}`, `email:${n % users}`];
            await index.add(keys, `sid-${n}`, ttlMs);
            if (n % 3 === 0) await index.remove(keys, `sid-${n}`);
          }),
        );
      }
      const allExpireBy = Date.now() + ttlMs;
      expect(await client.dbSize()).toBe(2 * users);
      expect(await index.sessionIds('iss_sub:7')).toHaveLength(7);
      const ttl = await client.pTTL('nest-okta:sess-index:iss_sub:7');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(ttlMs);

      await pause(allExpireBy - Date.now());
      expect(await index.sessionIds('iss_sub:7')).toEqual([]);
      expect(await keysLeft(client, 5_000)).toEqual([]);
    }, 60_000);

    it('keeps a key as long as its longest-lived session, and drops expired members on write', async () => {
      await index.add(['user'], 'long', 60_000);
      await index.add(['user'], 'short', 200);
      expect(await client.pTTL('nest-okta:sess-index:user')).toBeGreaterThan(50_000);

      await pause(300);
      expect(await index.sessionIds('user')).toEqual(['long']);
      await index.add(['user'], 'next', 60_000);
      expect(await client.zCard('nest-okta:sess-index:user')).toBe(2);
    });

    it('never shortens the life of a session recorded again', async () => {
      await index.add(['user'], 'sid', 60_000);
      await index.add(['user'], 'sid', 10);
      await pause(50);
      expect(await index.sessionIds('user')).toEqual(['sid']);
    });

    it('records a one-time id once, for every client of the same Redis, until it expires', async () => {
      const otherClient = await connect(1);
      const other = new RedisSessionIndexStore(otherClient);
      try {
        expect(await index.recordOnce('jti-1', 2_000)).toBe(true);
        expect(await other.recordOnce('jti-1', 2_000)).toBe(false);
        expect(await index.recordOnce('jti-1', 2_000)).toBe(false);
        await pause(2_100);
        expect(await other.recordOnce('jti-1', 2_000)).toBe(true);
      } finally {
        await otherClient.close();
      }
    });
  });

  describe('behind real sign-ins', () => {
    const MAX_AGE_SECONDS = 3;
    let client: ProviderClient;
    let app: AppInstance;
    let probe: Awaited<ReturnType<typeof connect>>;

    beforeAll(async () => {
      probe = await connect(2);
      const port = await HeldPort.hold();
      client = await startSharedProvider([port.number]);
      app = await startAppInstance(port, client, {
        REDIS_URL: `${redis.url}/2`,
        SESSION_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS),
      });
    });
    afterAll(async () => {
      await app?.close();
      await client?.provider.stop();
      await probe?.close();
    });

    it('indexes each sign-in for the sign-in’s lifetime, forgets it at sign-out, and keeps nothing after', async () => {
      const alice = new Browser();
      const bob = new Browser();
      await signIn(alice, app.url('/login'), ALICE, app.url('/authorization-code/callback'));
      await signIn(bob, app.url('/login'), BOB, app.url('/authorization-code/callback'));

      const indexKeys = await probe.keys(INDEX_KEYS);
      // Each user under issuer and subject, and under email.
      expect(indexKeys).toHaveLength(4);
      for (const key of indexKeys) {
        expect(await probe.pTTL(key)).toBeGreaterThan(0);
        expect(await probe.pTTL(key)).toBeLessThanOrEqual(MAX_AGE_SECONDS * 1000);
      }

      expect((await signOut(bob, app.baseUrl)).status).toBe(302);
      expect(await probe.keys(INDEX_KEYS)).toHaveLength(2);

      await pause(MAX_AGE_SECONDS * 1000);
      expect(await probe.keys(INDEX_KEYS)).toEqual([]);
      // Only the sign-in rate limit's count is left (its throttler, then its key), and it goes
      // with its minute.
      const rateLimit = 'nest-okta:throttle:sign-in:sign-in:127.0.0.1';
      expect(await keysLeft(probe, 5_000, [rateLimit])).toEqual([rateLimit]);
      expect(await probe.pTTL(rateLimit)).toBeLessThanOrEqual(60_000);
    });
  });
});
