import type { AppInstance } from './support/app-instance';
import { type InstancesOnRedis, startInstancesOnRedis } from './support/instances-on-redis';
import { SessionStorage } from '../src/session/session-storage';
import { Browser } from './support/browser';
import { describeWithRedisServer } from './support/redis-server';
import { ALICE, signIn } from './support/sign-in';

const TOKEN_TTL_SECONDS = 2;
const PARALLEL_CALLS = 6;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Two instances share sessions in one redis-server, in front of a provider that rotates refresh
 * tokens with no grace period (an Okta app may be set so): a rotated token sent again is refused
 * and the tokens issued in its place are revoked. Calls for one session that reach both
 * instances at once, after the access token expired, must refresh it once between them.
 */
describeWithRedisServer('One session refreshed on two instances at once', () => {
  let instances: InstancesOnRedis;
  let a: AppInstance;
  let b: AppInstance;

  beforeAll(async () => {
    instances = await startInstancesOnRedis(
      { accessTokenTtlSeconds: TOKEN_TTL_SECONDS, refreshTokenGracePeriodSeconds: 0 },
      { OKTA_SCOPES: 'openid profile email offline_access' },
    );
    ({ a, b } = instances);
  });
  afterAll(() => instances?.close());

  it('keeps the user signed in, expiry after expiry', async () => {
    const browser = new Browser('application/json');
    await signIn(browser, a.url('/login'), ALICE, a.url('/authorization-code/callback'));
    for (let expiry = 0; expiry < 2; expiry++) {
      await pause(TOKEN_TTL_SECONDS * 1000 + 500);
      const calls = Array.from({ length: PARALLEL_CALLS }, (_, call) =>
        browser.request((call % 2 === 0 ? a : b).url('/api/me/live')),
      );
      const answers = await Promise.all(calls);
      expect(answers.map((answer) => answer.status)).toEqual(Array(PARALLEL_CALLS).fill(200));
      for (const answer of answers) {
        expect(JSON.parse(answer.body)).toMatchObject({ email: ALICE.username });
      }
    }
    for (const instance of [a, b]) {
      expect((await browser.request(instance.url('/api/me'))).status).toBe(200);
    }
  });

  it("shares the lock between instances, and a holder's release never frees another's lock", async () => {
    const lockA = a.app.get(SessionStorage).refreshLock!;
    const lockB = b.app.get(SessionStorage).refreshLock!;
    const release = await lockA.tryAcquire('test-lock', 200);
    expect(release).toEqual(expect.any(Function));
    expect(await lockB.tryAcquire('test-lock', 200)).toBeUndefined();
    // Expired, the lock is free; taken by B, A's late release must leave it alone.
    await pause(300);
    const releaseB = await lockB.tryAcquire('test-lock', 5_000);
    expect(releaseB).toEqual(expect.any(Function));
    await release!();
    expect(await lockA.tryAcquire('test-lock', 5_000)).toBeUndefined();
    await releaseB!();
    expect(await lockA.tryAcquire('test-lock', 5_000)).toEqual(expect.any(Function));
  });
});
