import type { SessionData, Store } from 'express-session';
import { createClient } from 'redis';
import {
  createSessionStorage,
  SESSION_KEY_PREFIX,
  type SessionStorage,
} from '../src/session/session-storage';
import { describeWithRedisServer, RedisServer, redisAt } from './support/redis-server';
import { untilReady } from './support/until-ready';

/** express-session calls its store with callbacks; connect-redis 11 also returns promises. */
function call<T>(run: (done: (error?: Error, value?: T) => void) => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    run((error, value) => (error ? reject(error) : resolve(value as T)));
  });
}

/**
 * connect-redis 11 is an ES module only; the app loads it with import() and hands it node-redis
 * 6's client. This drives the store as express-session does and reads what lands in Redis.
 */
describeWithRedisServer('the Redis session store (connect-redis 11 on node-redis 6)', () => {
  let redis: RedisServer;
  let storage: SessionStorage;
  let store: Store;
  let raw: ReturnType<typeof createClient>;

  beforeAll(async () => {
    redis = await RedisServer.start();
    try {
      storage = await createSessionStorage(redisAt(redis.url));
      store = storage.store;
      raw = createClient({ url: redis.url });
      await raw.connect();
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
    await raw?.close();
    await storage?.onApplicationShutdown();
    await redis?.stop();
  });

  it('writes a session under the app prefix, with its cookie compacted and an expiry', async () => {
    const cookie = {
      originalMaxAge: 60_000,
      expires: new Date(Date.now() + 60_000),
      httpOnly: true,
      path: '/',
      sameSite: 'lax',
    };
    const session = { cookie, returnTo: '/profile' } as unknown as SessionData;
    await call((done) => store.set('sid-1', session, done));

    const stored = await raw.get(`${SESSION_KEY_PREFIX}sid-1`);
    const entry = JSON.parse(stored ?? 'null') as { cookie: unknown; returnTo: unknown };
    expect(Array.isArray(entry.cookie)).toBe(true);
    expect(entry.returnTo).toBe('/profile');
    const ttl = await raw.pTTL(`${SESSION_KEY_PREFIX}sid-1`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('reads it back through the callback API, and destroys it', async () => {
    const read = await call<SessionData | null>((done) => store.get('sid-1', done));
    expect(read).toMatchObject({ returnTo: '/profile', cookie: { httpOnly: true } });

    await call((done) => store.destroy('sid-1', done));
    expect(await raw.exists(`${SESSION_KEY_PREFIX}sid-1`)).toBe(0);
    expect(await call((done) => store.get('sid-1', done))).toBeFalsy();
  });
});
