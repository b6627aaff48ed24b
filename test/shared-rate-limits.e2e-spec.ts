import { Logger } from '@nestjs/common';
import { RedisThrottlerStorage } from 'nest-okta/redis';
import { createClient } from 'redis';
import { GLOBAL_TOKEN_REVOCATION_PATH } from '../src/dev-identity-provider/global-token-revocation';
import type { AppInstance } from './support/app-instance';
import { type InstancesOnRedis, startInstancesOnRedis } from './support/instances-on-redis';
import { describeWithRedisServer, RedisServer } from './support/redis-server';
import { untilHealthy } from './support/until-ready';

/** A client that keeps trying to reconnect every 100 ms, as the tests stop and start Redis. */
function clientOf(url: string, disableOfflineQueue: boolean) {
  return createClient({ url, disableOfflineQueue, socket: { reconnectStrategy: () => 100 } });
}
type Client = ReturnType<typeof clientOf>;

const MINUTE_MS = 60_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The statuses of `count` requests sent through `instances` in turn, `batch` at a time. */
async function statusesOf(
  request: (instance: AppInstance) => Promise<Response>,
  instances: AppInstance[],
  count: number,
  batch = 1,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < count; sent += batch) {
    const size = Math.min(batch, count - sent);
    const answers = await Promise.all(
      Array.from({ length: size }, (_, i) => request(instances[(sent + i) % instances.length])),
    );
    for (const answer of answers) {
      statuses.push(answer.status);
      await answer.body?.cancel();
    }
  }
  return statuses;
}

describeWithRedisServer('Rate limits shared through Redis', () => {
  describe('by two app instances on one Redis', () => {
    let instances: InstancesOnRedis;

    beforeAll(async () => {
      instances = await startInstancesOnRedis(
        {},
        { SIGN_IN_RATE_LIMIT_PER_MINUTE: '4', OKTA_UNIVERSAL_LOGOUT: 'true' },
      );
      await untilHealthy(instances.a);
      await untilHealthy(instances.b);
    });
    afterAll(() => instances?.close());

    it('gives the sign-in routes one budget, whichever instance a request reaches', async () => {
      const { a, b } = instances;
      const login = (instance: AppInstance) =>
        fetch(instance.url('/login'), { redirect: 'manual' });
      expect(await statusesOf(login, [a, a, b, b, b], 5)).toEqual([302, 302, 302, 302, 429]);
      expect((await login(a)).status).toBe(429);
    });

    it('gives the Universal Logout endpoint one budget (600 a minute) across both', async () => {
      const { a, b } = instances;
      // Unauthenticated: each is counted, then refused with 401 before anything else.
      const revoke = (instance: AppInstance) =>
        fetch(instance.url(GLOBAL_TOKEN_REVOCATION_PATH), { method: 'POST' });
      const statuses = await statusesOf(revoke, [a, b], 601, 25);
      expect(statuses.slice(0, 600).every((status) => status === 401)).toBe(true);
      expect(statuses[600]).toBe(429);
    });
  });

  describe('RedisThrottlerStorage', () => {
    let redis: RedisServer;
    const clients: Client[] = [];

    /** A node-redis client as the demo makes one, and a storage on it. */
    async function storageOn(
      options: { disableOfflineQueue?: boolean; timeoutMs?: number } = {},
    ): Promise<{ storage: RedisThrottlerStorage; client: Client }> {
      const client = clientOf(redis.url, options.disableOfflineQueue ?? true);
      // Redis stops in some tests: a client reports it as an error event, which must be heard.
      client.on('error', () => undefined);
      clients.push(client);
      await client.connect();
      return {
        storage: new RedisThrottlerStorage(client, { timeoutMs: options.timeoutMs }),
        client,
      };
    }

    beforeAll(async () => {
      redis = await RedisServer.start();
    });
    afterEach(async () => {
      for (const client of clients.splice(0)) client.destroy();
      const admin = createClient({ url: redis.url });
      await admin.connect();
      await admin.flushAll();
      await admin.close();
    });
    afterAll(() => redis?.stop());

    it('counts two instances’ requests at once as one budget, in one key per bucket', async () => {
      const [first, second] = [await storageOn(), await storageOn()];
      const counts = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? first : second).storage.increment('203.0.113.7', MINUTE_MS, 25, 0, 'sign-in'),
        ),
      );
      expect(counts.filter((count) => !count.isBlocked)).toHaveLength(25);
      expect(
        counts
          .filter((count) => !count.isBlocked)
          .map((count) => count.totalHits)
          .sort((x, y) => x - y),
      ).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(counts.find((count) => count.isBlocked)).toMatchObject({
        timeToExpire: 60,
        timeToBlockExpire: 60,
      });
      expect(await first.client.keys('*')).toEqual(['nest-okta:throttle:sign-in:203.0.113.7']);
    });

    it('with a block duration, blocks for that long, then starts a new window', async () => {
      const { storage } = await storageOn();
      const count = () => storage.increment('client', MINUTE_MS, 2, 1_000, 'guard');
      expect((await count()).isBlocked).toBe(false);
      expect((await count()).isBlocked).toBe(false);
      expect(await count()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
      expect(await count()).toMatchObject({ isBlocked: true, totalHits: 3 });
      await pause(1_100);
      expect(await count()).toEqual({
        totalHits: 1,
        timeToExpire: 60,
        isBlocked: false,
        timeToBlockExpire: 0,
      });
    });

    it('loads its script again on a Redis that lost it', async () => {
      const { storage, client } = await storageOn();
      await storage.increment('client', MINUTE_MS, 5, 0, 'sign-in');
      await client.scriptFlush();
      expect(await storage.increment('client', MINUTE_MS, 5, 0, 'sign-in')).toMatchObject({
        totalHits: 2,
        isBlocked: false,
      });
    });

    it.each([
      ['that fails at once (disableOfflineQueue)', true],
      ['that would queue the command until Redis is back', false],
    ])(
      'counts in its own instance while Redis is down, on a client %s, then in Redis again',
      async (_case, disableOfflineQueue) => {
        const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
        const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
        try {
          const { storage, client } = await storageOn({ disableOfflineQueue, timeoutMs: 300 });
          const count = () => storage.increment('client', MINUTE_MS, 2, 0, 'sign-in');
          await redis.stop();
          let whileDown: Awaited<ReturnType<typeof count>>[];
          const started = Date.now();
          try {
            whileDown = [await count(), await count(), await count()];
          } finally {
            await redis.start();
          }
          expect(Date.now() - started).toBeLessThan(3 * 300 + 500);
          expect(whileDown.map((c) => c.isBlocked)).toEqual([false, false, true]);
          expect(error).toHaveBeenCalledTimes(1);
          expect(error.mock.calls[0][0]).toMatch(/counted by each instance until Redis answers/);

          while (!client.isReady) await pause(50);
          expect(await count()).toMatchObject({ totalHits: 1, isBlocked: false });
          expect(log.mock.calls.map(([line]) => String(line))).toContain(
            'Rate limits are counted in Redis again',
          );
        } finally {
          error.mockRestore();
          log.mockRestore();
        }
      },
    );
  });
});
