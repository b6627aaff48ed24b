import { createClient } from 'redis';
import { Browser } from './support/browser';
import type { AppInstance } from './support/app-instance';
import { type SharingInstances, startInstancesSharing } from './support/instances-on-redis';
import { describeWithRedisServer, RedisServer } from './support/redis-server';
import { RedisSentinelGroup, SENTINEL_NAME } from './support/redis-sentinel';
import { startAll } from './support/started';
import { TcpProxy } from './support/tcp-proxy';
import { ALICE, BOB, CAROL, openSignInPage, signIn, submitCredentials } from './support/sign-in';
import { isSignedIn } from './support/stored-sessions';
import { untilHealthy } from './support/until-ready';

const CALLBACK = '/authorization-code/callback';
const POLL_MS = 100;
const COMMAND_TIMEOUT_MS = 2_000;
/**
 * The longest a request may wait on a failing store: the rate limit's count (500 ms, then it
 * counts in memory) and the session's write (REDIS_COMMAND_TIMEOUT_MS), plus a loaded machine.
 */
const SLOWEST_ANSWER_MS = 500 + COMMAND_TIMEOUT_MS + 1_500;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ENV = {
  REDIS_COMMAND_TIMEOUT_MS: String(COMMAND_TIMEOUT_MS),
  SIGN_IN_RATE_LIMIT_PER_MINUTE: '5000',
};

/** `count` users signed in, in batches, half of the sign-ins started on each instance. */
async function signInMany(a: AppInstance, b: AppInstance, count: number): Promise<Browser[]> {
  const users = [ALICE, BOB, CAROL];
  const browsers: Browser[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) => start + i);
    browsers.push(
      ...(await Promise.all(
        batch.map(async (n) => {
          const browser = new Browser();
          await signIn(browser, (n % 2 ? b : a).url('/login'), users[n % 3], a.url(CALLBACK));
          return browser;
        }),
      )),
    );
  }
  return browsers;
}

/** What a request that writes a session (the start of a sign-in) got, and how long it took. */
async function startSignIn(instance: AppInstance) {
  const started = Date.now();
  const answer = await fetch(instance.url('/login'), {
    redirect: 'manual',
    headers: { accept: 'application/json' },
  });
  await answer.body?.cancel();
  return { status: answer.status, ms: Date.now() - started };
}

interface Outage {
  /** Seconds from the first refused request to the first served one after it. */
  gapSeconds: number;
  statuses: Set<number>;
  slowestMs: number;
}

/**
 * Starts a sign-in every POLL_MS until one is served after at least one was refused (or
 * `limitMs` pass): every answer is 302 (served) or 503 (the store is unavailable), none slower
 * than the command timeout allows. `during` runs once the first refusal is seen.
 */
async function measureOutage(
  instance: AppInstance,
  limitMs: number,
  during: () => Promise<void> = () => Promise.resolve(),
): Promise<Outage> {
  const deadline = Date.now() + limitMs;
  const statuses = new Set<number>();
  let firstRefusal: number | undefined;
  let slowestMs = 0;
  let duringDone: Promise<void> | undefined;
  while (Date.now() < deadline) {
    const { status, ms } = await startSignIn(instance);
    statuses.add(status);
    slowestMs = Math.max(slowestMs, ms);
    if (status !== 302 && firstRefusal === undefined) {
      firstRefusal = Date.now() - ms;
      duringDone = during();
    }
    if (status === 302 && firstRefusal !== undefined) {
      await duringDone;
      return { gapSeconds: (Date.now() - firstRefusal) / 1000, statuses, slowestMs };
    }
    await pause(POLL_MS);
  }
  throw new Error(`No recovery within ${limitMs} ms; answers: ${[...statuses].join(', ')}`);
}

describeWithRedisServer('Sessions through a Redis failover', () => {
  describe('with Sentinel: the primary dies and a replica is promoted', () => {
    let group: RedisSentinelGroup;
    let instances: SharingInstances;

    beforeAll(async () => {
      group = await RedisSentinelGroup.start();
      try {
        instances = await startInstancesSharing({
          ...ENV,
          REDIS_SENTINELS: group.sentinelList,
          REDIS_SENTINEL_NAME: SENTINEL_NAME,
        });
        for (const instance of [instances.a, instances.b]) await untilHealthy(instance);
      } catch (error) {
        await instances?.close();
        await group.stop();
        throw error;
      }
    }, 60_000);

    afterAll(async () => {
      await instances?.close();
      await group?.stop();
    });

    it('answers 503 until the promoted replica serves (within 15 s), keeps the sessions written before, and signs in again', async () => {
      const { a, b } = instances;
      const browsers = await signInMany(a, b, 50);
      // A sign-in under way across the failover: at the provider's page when the primary dies.
      const underWay = new Browser();
      const signInPage = await openSignInPage(underWay, a.url('/login'));
      // Replication is asynchronous: what was written more than a second ago has reached it.
      await pause(1_100);

      await group.primary.kill();
      const outage = await measureOutage(a, 30_000);
      process.stderr.write(
        `Sentinel failover: 503 for ${outage.gapSeconds.toFixed(1)} s; answers ${[...outage.statuses].join(', ')}; slowest ${outage.slowestMs} ms\n`,
      );
      expect(outage.gapSeconds).toBeLessThanOrEqual(15);
      expect([...outage.statuses].sort()).toEqual([302, 503]);
      expect(outage.slowestMs).toBeLessThan(SLOWEST_ANSWER_MS);

      const kept = await Promise.all(
        browsers.map((browser, n) => isSignedIn(browser, (n % 2 ? a : b).url('/api/me'))),
      );
      process.stderr.write(`Sessions kept: ${kept.filter(Boolean).length} of ${kept.length}\n`);
      expect(kept.every(Boolean)).toBe(true);
      const [after] = await signInMany(a, b, 1);
      expect(await isSignedIn(after, b.url('/api/me'))).toBe(true);

      // The sign-in under way completes: its state was written before the kill.
      let page = await submitCredentials(underWay, signInPage, ALICE);
      while (page.location) page = await underWay.request(page.location);
      expect(page.status).toBe(200);
      expect(await isSignedIn(underWay, b.url('/api/me'))).toBe(true);
    }, 90_000);
  });

  describe('behind one endpoint that moves to the new primary', () => {
    let primary: RedisServer;
    let replica: RedisServer;
    let proxy: TcpProxy;
    let instances: SharingInstances;
    const stops: (() => Promise<unknown>)[] = [];

    beforeAll(async () => {
      await startAll(async (started) => {
        primary = started.add(await RedisServer.start(), (server) => server.stop());
        replica = started.add(await RedisServer.startReplicaOf(primary), (server) => server.stop());
        proxy = started.add(await TcpProxy.start(primary.port), (tcp) => tcp.stop());
        instances = started.add(
          await startInstancesSharing({ ...ENV, REDIS_URL: proxy.url }),
          (running) => running.close(),
        );
        for (const instance of [instances.a, instances.b]) await untilHealthy(instance);
        stops.push(() => started.stopAll());
      });
    }, 60_000);

    afterAll(async () => {
      for (const stop of stops) await stop();
    });

    /** An admin command sent straight to one server, not through the endpoint. */
    async function tell(server: RedisServer, ...command: string[]) {
      const client = createClient({ url: server.url });
      await client.connect();
      try {
        await client.sendCommand(command);
      } finally {
        await client.close();
      }
    }

    it('answers 503 while writes answer READONLY, then reconnects by itself once the endpoint moves', async () => {
      const { a, b } = instances;
      const browsers = await signInMany(a, b, 20);
      await pause(1_100);

      // The failover underneath: the primary becomes a replica, the replica the primary. The
      // app's connections still lead to the old one, which now answers writes with READONLY.
      await tell(replica, 'REPLICAOF', 'NO', 'ONE');
      await tell(primary, 'REPLICAOF', '127.0.0.1', String(replica.port));

      const endpointMovesAfterMs = 1_000;
      const outage = await measureOutage(a, 20_000, async () => {
        await pause(endpointMovesAfterMs);
        proxy.repoint(replica.port);
      });
      process.stderr.write(
        `READONLY failover: 503 for ${outage.gapSeconds.toFixed(1)} s (endpoint moved after ${endpointMovesAfterMs} ms); answers ${[...outage.statuses].join(', ')}; slowest ${outage.slowestMs} ms\n`,
      );
      expect([...outage.statuses].sort()).toEqual([302, 503]);
      expect(outage.gapSeconds).toBeLessThan(endpointMovesAfterMs / 1000 + 5);
      expect(outage.slowestMs).toBeLessThan(SLOWEST_ANSWER_MS);

      // Instance B moves on by itself too: at most one READONLY write of its own, then served.
      const onB = [(await startSignIn(b)).status];
      while (onB.at(-1) !== 302 && onB.length < 20) {
        await pause(POLL_MS);
        onB.push((await startSignIn(b)).status);
      }
      expect(onB.at(-1)).toBe(302);
      expect(onB.every((status) => status === 302 || status === 503)).toBe(true);

      const kept = await Promise.all(
        browsers.map((browser) => isSignedIn(browser, a.url('/api/me'))),
      );
      expect(kept.every(Boolean)).toBe(true);
      const [after] = await signInMany(a, b, 1);
      expect(await isSignedIn(after, b.url('/api/me'))).toBe(true);
    }, 60_000);
  });
});
