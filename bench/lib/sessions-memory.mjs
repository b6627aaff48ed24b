import { fire } from './load.mjs';

export const SESSION_COUNT = 10_000;

/**
 * Memory held by SESSION_COUNT sessions in a server's own memory store, as RSS and heap deltas
 * after a full GC. `create` makes the sessions (over HTTP, or by copying one inside the app).
 */
export async function memoryStoreCost(server, create) {
  const before = await server.memory();
  await create();
  const after = await server.memory();
  return { rssBytes: after.rss - before.rss, heapBytes: after.heapUsed - before.heapUsed };
}

/** connect-redis's prefix for the app's sessions. */
const SESSION_PREFIX = 'nest-okta:sess:';

/** Keys whose MEMORY USAGE and value length are read, spread evenly over the new keys. */
export const REDIS_SAMPLE = 200;

/**
 * What SESSION_COUNT sessions cost in Redis, checking that exactly that many keys appeared:
 * the used_memory delta (everything Redis allocated for them: keys, values, expiry entries,
 * hash-table growth) and, on a sample of the new keys, MEMORY USAGE (one key with its value
 * and overhead) and the stored value's length.
 */
export async function redisStoreCost(redis, create) {
  const keysBefore = await redis.keys();
  const before = await redis.usedMemory();
  await create();
  const after = await redis.usedMemory();
  // Only sessions count: a rate-limit counter that expired and came back meanwhile is no session.
  const newKeys = [...(await redis.keys())].filter(
    (key) => key.startsWith(SESSION_PREFIX) && !keysBefore.has(key),
  );
  if (newKeys.length !== SESSION_COUNT) {
    throw new Error(`expected ${SESSION_COUNT} new session keys in Redis, found ${newKeys.length}`);
  }
  const step = newKeys.length / REDIS_SAMPLE;
  const sample = Array.from({ length: REDIS_SAMPLE }, (_, i) => newKeys[Math.floor(i * step)]);
  const mean = async (read) =>
    (await Promise.all(sample.map(read))).reduce((a, b) => a + b, 0) / sample.length;
  return {
    usedMemoryBytes: after - before,
    usedMemoryBytesPerKey: (after - before) / newKeys.length,
    memoryUsageBytesPerKey: await mean(redis.memoryUsage),
    valueBytesPerKey: await mean(redis.valueBytes),
  };
}

/** SESSION_COUNT sign-in transactions: GET /login without cookies stores one per request. */
export function createSignInSessions(server) {
  return () => fire({ url: server.url('/login'), amount: SESSION_COUNT, expectStatus: 302 });
}

/**
 * SESSION_COUNT signed-in sessions: the app copies one real signed-in session (tokens, claims)
 * under fresh ids in its own store. Signing in 10,000 times would measure the provider instead.
 */
export function createSignedInSessions(server, browser) {
  return async () => {
    const sid = sessionId(browser.cookieHeader(server.baseUrl));
    await server.send({ type: 'clone-session', sid, count: SESSION_COUNT }, 'cloned');
  };
}

/** The store's key for the session in a signed `nest-okta.sid=s:<id>.<signature>` cookie. */
function sessionId(cookieHeader) {
  const value = /nest-okta\.sid=([^;]+)/.exec(cookieHeader)?.[1];
  if (!value) throw new Error('no app session cookie in the browser');
  const decoded = decodeURIComponent(value);
  return decoded.slice(2, decoded.lastIndexOf('.'));
}
