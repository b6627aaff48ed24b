import { SessionStorage } from '../src/session/session-storage';
import { Browser } from './support/browser';
import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './support/app-instance';
import { HeldPort } from './support/held-port';
import { refresh, type TokenClient, tokenClientOf } from './support/provider-tokens';
import { universalLogoutFromProvider } from './support/provider-universal-logout';
import { describeWithRedisServer, RedisServer } from './support/redis-server';
import { ALICE, BOB, signIn } from './support/sign-in';
import { isSignedIn, refreshTokenOf, signOutEverywhere } from './support/stored-sessions';
import { emailSubject, postRevocation, TestOrg } from './support/test-org';
import { startUniversalLogoutApp, type UniversalLogoutApp } from './support/universal-logout-app';

const CALLBACK = '/authorization-code/callback';
const ENDPOINT = '/global-token-revocation';

/**
 * Two instances of the app behind one (imaginary) load balancer, sharing a real redis-server for
 * their sessions and the session index; Okta's Universal Logout reaches one of them and every
 * session of the user ends on both. Two more apps on the same Redis trust an org of the test's
 * own, so the test can sign requests itself.
 */
describeWithRedisServer('Universal Logout across instances sharing Redis', () => {
  let redis: RedisServer;
  let org: TestOrg;
  let client: ProviderClient;
  let a: AppInstance;
  let b: AppInstance;
  let c: UniversalLogoutApp;
  let d: UniversalLogoutApp;
  let endpoint: string;
  let tokenClient: TokenClient;

  beforeAll(async () => {
    redis = await RedisServer.start();
    org = await TestOrg.start();
    const ports = await HeldPort.holdSeveral(4);
    const publicUrl = `http://127.0.0.1:${ports[0].number}`;
    endpoint = `${publicUrl}${ENDPOINT}`;
    client = await startSharedProvider(
      ports.map((port) => port.number),
      { universalLogoutEndpoint: endpoint },
    );
    const env = {
      APP_BASE_URL: publicUrl,
      REDIS_URL: redis.url,
      SESSION_SECRET: 'a-shared-secret-both-instances-sign-cookies-with',
      OKTA_UNIVERSAL_LOGOUT: 'true',
      OKTA_SCOPES: 'openid profile email offline_access',
    };
    a = await startAppInstance(ports[0], client, env);
    b = await startAppInstance(ports[1], client, env);
    const byTestOrg = { orgIssuer: org.issuer, audience: endpoint };
    c = await startUniversalLogoutApp({
      port: ports[2],
      client,
      redisUrl: redis.url,
      universalLogout: byTestOrg,
    });
    d = await startUniversalLogoutApp({
      port: ports[3],
      client,
      redisUrl: redis.url,
      universalLogout: byTestOrg,
    });
    tokenClient = tokenClientOf(a.config);
    await waitUntilRedisIsUsable();
  });

  afterAll(async () => {
    for (const instance of [a, b, c, d]) await instance?.close();
    await client?.provider.stop();
    await org?.stop();
    await redis?.stop();
  });

  /** Every instance connects in the background; readiness follows once they have. */
  async function waitUntilRedisIsUsable(): Promise<void> {
    const deadline = Date.now() + 15_000;
    const storages = [a, b].map((i) => i.app.get(SessionStorage)).concat([c.storage, d.storage]);
    while (Date.now() < deadline) {
      const ready = await Promise.all(storages.map((s) => s.isAvailable()));
      if (ready.every(Boolean)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('The instances did not reach Redis in time');
  }

  /** A sign-in started on `instance`; the callback comes back through the public URL (A). */
  async function signedInThrough(instance: AppInstance, credentials: typeof BOB) {
    const browser = new Browser();
    await signIn(browser, instance.url('/login'), credentials, a.url(CALLBACK));
    expect(await signedInOn(browser, a)).toBe(true);
    expect(await signedInOn(browser, b)).toBe(true);
    return browser;
  }

  const signedInOn = (browser: Browser, instance: AppInstance) =>
    isSignedIn(browser, instance.url('/api/me'));

  const refreshTokenIn = (browser: Browser) =>
    refreshTokenOf(browser, a.baseUrl, a.app.get(SessionStorage).store);

  it.each(['email', 'iss_sub'] as const)(
    'by %s: Bob, signed in through both instances, is signed out on both; his refresh tokens are refused; Alice stays',
    async (format) => {
      const bobViaA = await signedInThrough(a, BOB);
      const bobViaB = await signedInThrough(b, BOB);
      const alice = await signedInThrough(a, ALICE);
      const bobsTokens = [await refreshTokenIn(bobViaA), await refreshTokenIn(bobViaB)];

      expect(await universalLogoutFromProvider(client.provider.issuer, BOB.username, format)).toBe(
        204,
      );

      for (const browser of [bobViaA, bobViaB]) {
        expect(await signedInOn(browser, a)).toBe(false);
        expect(await signedInOn(browser, b)).toBe(false);
      }
      for (const token of bobsTokens) {
        expect((await refresh(tokenClient, token)).body.error).toBe('invalid_grant');
      }
      expect(await signedInOn(alice, a)).toBe(true);
      expect(await signedInOn(alice, b)).toBe(true);
      expect((await refresh(tokenClient, await refreshTokenIn(alice))).status).toBe(200);
    },
  );

  it("signs out everywhere from a browser on instance B: Bob's browser on A is signed out too", async () => {
    const onA = await signedInThrough(a, BOB);
    const onB = await signedInThrough(b, BOB);
    const alice = await signedInThrough(b, ALICE);
    const tokenOnA = await refreshTokenIn(onA);

    expect((await signOutEverywhere(onB, b.url('/profile'))).status).toBe(302);

    expect(await signedInOn(onA, a)).toBe(false);
    expect(await signedInOn(onA, b)).toBe(false);
    expect(await signedInOn(onB, b)).toBe(false);
    expect((await refresh(tokenClient, tokenOnA)).body.error).toBe('invalid_grant');
    expect(await signedInOn(alice, a)).toBe(true);
  });

  it('refuses a token replayed to another instance, and ends nothing', async () => {
    const bob = await signedInThrough(a, BOB);
    const token = await org.sign(endpoint);
    expect(
      (await postRevocation(c.url(ENDPOINT), emailSubject('carol@example.com'), token)).status,
    ).toBe(204);

    const replayed = await postRevocation(d.url(ENDPOINT), emailSubject(BOB.username), token);
    expect(replayed.status).toBe(401);
    expect(await signedInOn(bob, a)).toBe(true);

    // The same org, a fresh token: the instances that trust it end Bob's sessions on A and B.
    const fresh = await postRevocation(
      d.url(ENDPOINT),
      emailSubject(BOB.username),
      await org.sign(endpoint),
    );
    expect(fresh.status).toBe(204);
    expect(await signedInOn(bob, a)).toBe(false);
    expect(await signedInOn(bob, b)).toBe(false);
  });

  it('answers 422 at once while Redis is down, and works again once it is back', async () => {
    await redis.stop();
    try {
      const started = Date.now();
      expect(await universalLogoutFromProvider(client.provider.issuer, BOB.username)).toBe(422);
      const fromOrg = await postRevocation(
        c.url(ENDPOINT),
        emailSubject(BOB.username),
        await org.sign(endpoint),
      );
      expect(fromOrg.status).toBe(422);
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await redis.start();
    }
    await waitUntilRedisIsUsable();
    expect(await universalLogoutFromProvider(client.provider.issuer, BOB.username)).toBe(204);
  });
});
