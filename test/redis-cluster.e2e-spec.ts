import { SESSION_KEY_PREFIX } from '../src/session/session-storage';
import { Browser } from './support/browser';
import type { AppInstance } from './support/app-instance';
import { type SharingInstances, startInstancesSharing } from './support/instances-on-redis';
import { universalLogoutFromProvider } from './support/provider-universal-logout';
import { RedisCluster } from './support/redis-cluster';
import { describeWithRedisServer } from './support/redis-server';
import { ALICE, BOB, CAROL, signIn } from './support/sign-in';
import { isSignedIn, sessionIdOf, signOutEverywhere } from './support/stored-sessions';
import { untilHealthy } from './support/until-ready';

const SIGN_INS = 200;
/** Sign-ins at once: enough to keep both instances busy on a 2-core machine. */
const BATCH = 20;
const TOKEN_TTL_SECONDS = 2;
const RATE_LIMIT = 1_000;
const CALLBACK = '/authorization-code/callback';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** In batches of `BATCH`, in order. */
async function inBatches<T, R>(items: T[], run: (item: T, at: number) => Promise<R>) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += BATCH) {
    const batch = items.slice(start, start + BATCH);
    results.push(...(await Promise.all(batch.map((item, i) => run(item, start + i)))));
  }
  return results;
}

/**
 * Two instances of the app on a Redis Cluster of three primaries (REDIS_CLUSTER_NODES), through
 * node-redis's own Cluster client: sessions, their tokens, the session index, the refresh lock
 * and the rate limits spread over the hash slots, and every multi-key step of theirs is one key
 * at a time.
 */
describeWithRedisServer('Sessions on a Redis Cluster of three primaries', () => {
  let cluster: RedisCluster;
  let instances: SharingInstances;
  let a: AppInstance;
  let b: AppInstance;
  let probe: Awaited<ReturnType<RedisCluster['client']>>;

  beforeAll(async () => {
    const started = Date.now();
    cluster = await RedisCluster.start(3);
    try {
      instances = await startInstancesSharing(
        {
          REDIS_CLUSTER_NODES: cluster.nodeList,
          OKTA_UNIVERSAL_LOGOUT: 'true',
          OKTA_SCOPES: 'openid profile email offline_access',
          SIGN_IN_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
          TRUST_PROXY: 'loopback',
        },
        { accessTokenTtlSeconds: TOKEN_TTL_SECONDS, refreshTokenGracePeriodSeconds: 0 },
      );
      ({ a, b } = instances);
      probe = await cluster.client();
      for (const instance of [a, b]) await untilHealthy(instance);
    } catch (error) {
      await instances?.close();
      await cluster.stop();
      throw error;
    }
    process.stderr.write(`Cluster and two instances ready in ${Date.now() - started} ms\n`);
  }, 60_000);

  afterAll(async () => {
    await probe?.close();
    await instances?.close();
    await cluster?.stop();
  });

  /** A sign-in started on `instance`; the callback comes back through the public URL (A). */
  async function signedIn(instance: AppInstance, credentials: typeof ALICE) {
    const browser = new Browser();
    await signIn(browser, instance.url('/login'), credentials, a.url(CALLBACK));
    return browser;
  }

  /** Which primary (its port) holds a key: the one serving the key's hash slot. */
  async function primaryOf(key: string): Promise<number> {
    const node = probe.getSlotMaster(await slotOf(key));
    return node.port;
  }

  const slotOf = async (key: string) =>
    Number(await probe.sendCommand(key, false, ['CLUSTER', 'KEYSLOT', key]));

  it('spreads 200 sign-ins over all three primaries, and each reads back on the other instance', async () => {
    const started = Date.now();
    const users = [ALICE, BOB, CAROL];
    const browsers = await inBatches(
      Array.from({ length: SIGN_INS }, (_, n) => n),
      (n) => signedIn(n % 2 === 0 ? a : b, users[n % users.length]),
    );
    const signInMs = Date.now() - started;

    const sessionIds = await Promise.all(
      browsers.map((browser) => sessionIdOf(browser, a.baseUrl)),
    );
    expect(new Set(sessionIds).size).toBe(SIGN_INS);
    const spread = new Map<number, number>();
    for (const id of sessionIds) {
      const primary = await primaryOf(`${SESSION_KEY_PREFIX}${id}`);
      expect(await probe.exists(`${SESSION_KEY_PREFIX}${id}`)).toBe(1);
      spread.set(primary, (spread.get(primary) ?? 0) + 1);
    }
    process.stderr.write(
      `200 sign-ins in ${signInMs} ms; sessions per primary: ${JSON.stringify([...spread])}\n`,
    );
    expect([...spread.keys()].sort()).toEqual(cluster.nodes.map((node) => node.port).sort());
    for (const count of spread.values()) expect(count).toBeGreaterThan(SIGN_INS / 10);

    // Signed in wherever the sign-in started: each reads back on the other instance too.
    const readBack = await inBatches(browsers, (browser, n) =>
      isSignedIn(browser, (n % 2 === 0 ? b : a).url('/api/me')),
    );
    expect(readBack.every(Boolean)).toBe(true);
  }, 120_000);

  /** Sessions of one user, until they sit in at least two hash slots of different primaries. */
  async function sessionsOnSeveralPrimaries(credentials: typeof ALICE) {
    const browsers: Browser[] = [];
    const primaries = new Set<number>();
    while (browsers.length < 4 || primaries.size < 2) {
      const browser = await signedIn(browsers.length % 2 === 0 ? a : b, credentials);
      browsers.push(browser);
      primaries.add(
        await primaryOf(`${SESSION_KEY_PREFIX}${await sessionIdOf(browser, a.baseUrl)}`),
      );
    }
    return browsers;
  }

  async function signedInAnywhere(browsers: Browser[]) {
    const answers = await Promise.all(
      browsers.flatMap((browser) => [a, b].map((i) => isSignedIn(browser, i.url('/api/me')))),
    );
    return answers.filter(Boolean).length;
  }

  it('signs out everywhere a user whose sessions sit on several primaries', async () => {
    const carol = await sessionsOnSeveralPrimaries(CAROL);
    const alice = await signedIn(a, ALICE);
    expect(await signedInAnywhere(carol)).toBe(carol.length * 2);

    expect((await signOutEverywhere(carol[0], b.url('/profile'))).status).toBe(302);

    expect(await signedInAnywhere(carol)).toBe(0);
    expect(await signedInAnywhere([alice])).toBe(2);
  });

  it('ends, by Universal Logout, every session of a user on several primaries', async () => {
    const bob = await sessionsOnSeveralPrimaries(BOB);
    const alice = await signedIn(b, ALICE);

    expect(await universalLogoutFromProvider(instances.client.provider.issuer, BOB.username)).toBe(
      204,
    );

    expect(await signedInAnywhere(bob)).toBe(0);
    expect(await signedInAnywhere([alice])).toBe(2);
  });

  it('keeps the user signed in through a refresh asked of both instances at once', async () => {
    const browser = new Browser('application/json');
    await signIn(browser, a.url('/login'), ALICE, a.url(CALLBACK));
    for (let expiry = 0; expiry < 2; expiry++) {
      await pause(TOKEN_TTL_SECONDS * 1000 + 500);
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, call) =>
          browser.request((call % 2 === 0 ? a : b).url('/api/me/live')),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    }
    expect(await signedInAnywhere([browser])).toBe(2);
  });

  it('gives the sign-in routes one budget across both instances', async () => {
    // A client address of its own (through the trusted loopback proxy), so the budget is whole.
    const login = (instance: AppInstance) =>
      fetch(instance.url('/login'), {
        redirect: 'manual',
        headers: { 'x-forwarded-for': '198.51.100.7' },
      }).then(async (answer) => {
        await answer.body?.cancel();
        return answer.status;
      });
    const statuses = await inBatches(
      Array.from({ length: RATE_LIMIT + 1 }, (_, n) => n),
      (n) => login(n % 2 === 0 ? a : b),
    );
    expect(statuses.slice(0, RATE_LIMIT).every((status) => status === 302)).toBe(true);
    expect(statuses[RATE_LIMIT]).toBe(429);
    expect(await login(a)).toBe(429);
    expect(await login(b)).toBe(429);
  }, 60_000);
});
