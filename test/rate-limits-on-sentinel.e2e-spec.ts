import { Logger } from '@nestjs/common';
import { RedisThrottlerStorage } from 'nest-okta/redis';
import { createSentinel } from 'redis';
import { describeWithRedisServer } from './support/redis-server';
import { RedisSentinelGroup, SENTINEL_NAME } from './support/redis-sentinel';

const MINUTE_MS = 60_000;
const TIMEOUT_MS = 300;

describeWithRedisServer('RedisThrottlerStorage on a Sentinel client', () => {
  let group: RedisSentinelGroup;
  let client: ReturnType<typeof createSentinel>;

  beforeAll(async () => {
    group = await RedisSentinelGroup.start();
    client = createSentinel({
      name: SENTINEL_NAME,
      sentinelRootNodes: group.sentinels.map((sentinel) => ({
        host: '127.0.0.1',
        port: sentinel.port,
      })),
      nodeClientOptions: { disableOfflineQueue: true },
    });
    // The primary is killed below: the client reports it as an error event, which must be heard.
    client.on('error', () => undefined);
    await client.connect();
  });
  afterAll(async () => {
    await client?.destroy();
    await group?.stop();
  });

  it('counts in its own instance within timeoutMs while the client looks for a new primary, then in Redis again', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    try {
      const storage = new RedisThrottlerStorage(client, { timeoutMs: TIMEOUT_MS });
      const count = () => storage.increment('203.0.113.7', MINUTE_MS, 10, 0, 'sign-in');
      expect(await count()).toMatchObject({ totalHits: 1 });

      await group.primary.kill();
      const started = Date.now();
      const whileDown = await count();
      // node-redis's Sentinel client holds the command through its rediscoveries (seconds,
      // whatever its command timeout): the storage's own bound is what answers the request.
      expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 400);
      expect(whileDown).toMatchObject({ totalHits: 1, isBlocked: false });
      expect(error.mock.calls[0][0]).toMatch(/counted by each instance until Redis answers/);

      // Once the sentinels have promoted the replica, Redis counts again.
      await client.ping();
      expect(await count()).toMatchObject({ isBlocked: false });
      expect(log.mock.calls.map(([line]) => String(line))).toContain(
        'Rate limits are counted in Redis again',
      );
    } finally {
      error.mockRestore();
      log.mockRestore();
    }
  });
});
