import type { SessionData } from 'express-session';
import { createSessionStorage, type SessionStorage } from '../src/session/session-storage';
import { isSessionStoreFailure } from '../src/session/session-store-unavailable';
import { describeWithRedisServer, RedisServer, redisAt } from './support/redis-server';
import { untilReady } from './support/until-ready';

const COMMAND_TIMEOUT_MS = 500;

/**
 * A Redis that keeps its connections open but answers nothing (a frozen process, a network
 * that drops packets): node-redis 6's own command timeout covers only a command not yet sent,
 * so a request must still get its answer (the 503 page) once REDIS_COMMAND_TIMEOUT_MS pass.
 */
describeWithRedisServer('a Redis that stops answering', () => {
  let redis: RedisServer;
  let storage: SessionStorage;

  beforeAll(async () => {
    redis = await RedisServer.start();
    try {
      const settings = redisAt(redis.url);
      if (settings.kind === 'redis') settings.redis.commandTimeoutMs = COMMAND_TIMEOUT_MS;
      storage = await createSessionStorage(settings);
      await untilReady('the session store', () => storage.isAvailable(), {
        timeoutMs: 5_000,
        pollMs: 50,
      });
    } catch (error) {
      await redis.stop();
      throw error;
    }
  });

  afterAll(async () => {
    if (redis?.pid) process.kill(redis.pid, 'SIGCONT');
    await storage?.onApplicationShutdown();
    await redis?.stop();
  });

  it('fails a session read as a store failure within the command timeout', async () => {
    process.kill(redis.pid!, 'SIGSTOP');
    const started = Date.now();
    const error = await new Promise<unknown>((resolve) => {
      const gaveUp = setTimeout(() => resolve('no answer'), COMMAND_TIMEOUT_MS + 3_000);
      storage.store.get('sid-1', (err?: unknown, session?: SessionData | null) => {
        clearTimeout(gaveUp);
        resolve(err ?? session);
      });
    });
    expect(isSessionStoreFailure(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(COMMAND_TIMEOUT_MS + 1_500);
  });
});
