import { Browser, signOut } from './support/browser';
import { type AppInstance, type ProviderClient, startAppInstance } from './support/app-instance';
import { HeldPort } from './support/held-port';
import { type InstancesOnRedis, startInstancesOnRedis } from './support/instances-on-redis';
import { describeWithRedisServer, type RedisServer } from './support/redis-server';
import { ALICE, signIn } from './support/sign-in';

const CALLBACK = '/authorization-code/callback';

/** Two instances of the app share sessions in a real redis-server. */
describeWithRedisServer('Sessions in Redis shared by two app instances', () => {
  let instances: InstancesOnRedis;
  let redis: RedisServer;
  let client: ProviderClient;
  let a: AppInstance;
  let b: AppInstance;

  beforeAll(async () => {
    instances = await startInstancesOnRedis();
    ({ redis, client, a, b } = instances);
  });

  afterAll(() => instances?.close());

  async function signedInBrowser(): Promise<Browser> {
    const browser = new Browser();
    const landed = await signIn(browser, a.url('/login?returnTo=/profile'), ALICE, a.url(CALLBACK));
    expect(landed.url).toBe(a.url('/profile'));
    return browser;
  }

  async function waitForReadiness(instance: AppInstance, status: number): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const health = await fetch(instance.url('/health'));
      if (health.status === status) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`/health did not answer ${status} in time`);
  }

  it('reports the Redis session store as up', async () => {
    // The instance connects in the background: readiness follows once the connection is made.
    await waitForReadiness(a, 200);
    const health = await fetch(a.url('/health'));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      checks: { sessionStore: { kind: 'redis', status: 'up' } },
    });
  });

  it('signs in on instance A and is signed in on instance B; signs out on B and is signed out on A', async () => {
    const browser = await signedInBrowser();
    const onB = await browser.request(b.url('/api/me'), { accept: 'application/json' });
    expect(onB.status).toBe(200);
    expect(JSON.parse(onB.body)).toMatchObject({ email: ALICE.username });

    const loggedOut = await signOut(browser, b.baseUrl);
    expect(loggedOut.status).toBe(302);

    const onA = await browser.request(a.url('/api/me'), { accept: 'application/json' });
    expect(onA.status).toBe(401);
  });

  it('answers 503 while Redis is down, stays alive, and recovers by itself when Redis is back', async () => {
    const browser = await signedInBrowser();
    await redis.stop();
    try {
      const api = await browser.request(a.url('/api/me'), { accept: 'application/json' });
      expect(api.status).toBe(503);
      expect(JSON.parse(api.body)).toMatchObject({
        statusCode: 503,
        message: expect.stringMatching(/session storage/) as unknown,
      });
      const page = await browser.request(b.url('/profile'));
      expect(page.status).toBe(503);
      expect(page.body).toMatch(/Temporarily unavailable/);
      expect(page.body).not.toMatch(/at .*\.js:\d+/);

      const newcomer = await new Browser().request(a.url('/login'));
      expect(newcomer.status).toBe(503);

      const readiness = await fetch(a.url('/health'));
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toEqual({
        status: 'unavailable',
        checks: { sessionStore: { kind: 'redis', status: 'down' } },
      });
      expect((await fetch(a.url('/health/live'))).status).toBe(200);
      expect((await new Browser().request(a.url('/shop'))).status).toBe(200);
    } finally {
      await redis.start();
    }

    await waitForReadiness(a, 200);
    await waitForReadiness(b, 200);
    // A Redis without persistence lost every session: the user simply signs in again.
    const after = await browser.request(a.url('/api/me'), { accept: 'application/json' });
    expect(after.status).toBe(401);
    // The provider still knows the user (single sign-on), so no password is asked.
    const again = await browser.follow(a.url('/login?returnTo=/profile'));
    expect(again.url).toBe(a.url('/profile'));
    expect((await browser.request(b.url('/api/me'), { accept: 'application/json' })).status).toBe(
      200,
    );
  });

  it('closes its Redis connection when the app shuts down', async () => {
    const instance = await startAppInstance(await HeldPort.hold(), client, {
      APP_BASE_URL: a.baseUrl,
      REDIS_URL: redis.url,
    });
    await waitForReadiness(instance, 200);
    const clientsBefore = await connectedClients(redis);
    await instance.close();
    expect(await connectedClients(redis)).toBe(clientsBefore - 1);
  });
});

async function connectedClients(redis: RedisServer): Promise<number> {
  const { createClient } = await import('redis');
  const probe = createClient({ url: redis.url });
  await probe.connect();
  try {
    const info = await probe.info('clients');
    // The probe itself is one of them.
    return Number(/connected_clients:(\d+)/.exec(info)![1]) - 1;
  } finally {
    await probe.close();
  }
}
