import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as appInstance from './support/app-instance';
import { startInstancesOnRedis } from './support/instances-on-redis';
import { acceptsConnections } from './support/reachability';
import { describeWithRedisServer, pickServerPort, RedisServer } from './support/redis-server';

/** The redis-server processes on `port` (redis-server names its address in its command line). */
function redisServersOn(port: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return command.includes('redis-server') && command.includes(`:${port}`);
      } catch {
        return false; // Gone while the list was read.
      }
    })
    .map(Number);
}

/** Whether a process with this id still exists (signal 0 only asks). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

describeWithRedisServer('Test support that cannot start everything it was asked to', () => {
  afterEach(() => jest.restoreAllMocks());

  it('stops the redis-server and the provider it started when an app instance then fails', async () => {
    const redisServers: { port: number; pid: number }[] = [];
    const startRedis = RedisServer.start.bind(RedisServer);
    jest.spyOn(RedisServer, 'start').mockImplementation(async (pickPort) => {
      const server = await startRedis(pickPort);
      redisServers.push({ port: server.port, pid: server.pid! });
      return server;
    });
    const providerPorts: number[] = [];
    const startProvider = appInstance.startSharedProvider;
    jest.spyOn(appInstance, 'startSharedProvider').mockImplementation(async (...args) => {
      const client = await startProvider(...args);
      providerPorts.push(client.provider.port);
      return client;
    });

    // No app instance accepts this setting: it fails once Redis and the provider are up.
    await expect(
      startInstancesOnRedis({}, { SIGN_IN_RATE_LIMIT_PER_MINUTE: 'plenty' }),
    ).rejects.toThrow(/SIGN_IN_RATE_LIMIT_PER_MINUTE/);

    expect(redisServers).toHaveLength(1);
    expect(providerPorts).toHaveLength(1);
    const [redis] = redisServers;
    expect(isRunning(redis.pid)).toBe(false);
    expect(await acceptsConnections('127.0.0.1', redis.port)).toBe(false);
    expect(await acceptsConnections('127.0.0.1', providerPorts[0])).toBe(false);
  });

  it('starts redis-server on another port when its first is taken, leaving nothing on that one', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    const next = pickServerPort();
    const picks = [taken, next];
    try {
      const redis = await RedisServer.start(() => picks.shift() ?? pickServerPort());
      try {
        expect(redis.port).toBe(next);
        expect(redisServersOn(taken)).toEqual([]);
        expect(await acceptsConnections('127.0.0.1', redis.port)).toBe(true);
      } finally {
        await redis.stop();
      }
    } finally {
      blocker.close();
    }
  });
});
