import { SessionStorage } from '../src/session/session-storage';
import { Browser } from './support/browser';
import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './support/app-instance';
import { HeldPort } from './support/held-port';
import { ALICE, signInUntilCallback } from './support/sign-in';
import { useStack } from './support/stack';

describe('Hardened HTTP', () => {
  const stack = useStack();
  const { url } = stack;

  it('forbids caching of sign-in, callback, profile and API responses (and gives them no ETag), but not of assets', async () => {
    const browser = new Browser();
    const login = await browser.request(url('/login'));
    expect(login.headers.get('cache-control')).toBe('no-store');
    browser.jar.removeAllCookiesSync();

    const callback = await signInUntilCallback(
      browser,
      url('/login'),
      ALICE,
      url('/authorization-code/callback'),
    );
    expect((await browser.request(callback)).headers.get('cache-control')).toBe('no-store');
    for (const path of ['/profile', '/api/me', '/']) {
      const answer = await browser.request(url(path));
      expect(answer.headers.get('cache-control')).toBe('no-store');
      // Nothing stored is ever revalidated: no ETag is computed for it.
      expect(answer.headers.get('etag')).toBeNull();
    }
    const css = await browser.request(url('/assets/styles.css'));
    expect(css.status).toBe(200);
    expect(css.headers.get('cache-control')).not.toBe('no-store');
    expect(css.headers.get('etag')).not.toBeNull();
  });

  it('sends a strict Content Security Policy and helmet headers', async () => {
    const home = await new Browser().request(url('/'));
    const csp = home.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    expect(home.headers.get('x-powered-by')).toBeNull();
  });

  it('tags every response with a request id, keeping a well-formed one from a proxy', async () => {
    const generated = await fetch(url('/shop'));
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(url('/shop'), { headers: { 'x-request-id': 'lb-7f3a.42' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42');
    const replaced = await fetch(url('/shop'), { headers: { 'x-request-id': '<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('Sign-in rate limit', () => {
  const stack = useStack({ env: { SIGN_IN_RATE_LIMIT_PER_MINUTE: '5' } });
  const { url } = stack;

  it('limits sign-in attempts per client with a clear 429, leaving other pages alone', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await new Browser().request(url('/login'))).status);
    expect(statuses.every((status) => status === 302)).toBe(true);

    const page = await new Browser().request(url('/login'));
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(page.body).toContain('Too many sign-in attempts');
    const api = await new Browser('application/json').request(url('/login'));
    expect(api.status).toBe(429);
    expect(JSON.parse(api.body)).toMatchObject({ statusCode: 429 });

    expect((await new Browser().request(url('/shop'))).status).toBe(200);
  });
});

describe('One sign-in budget for the login route and the callback', () => {
  const stack = useStack({ env: { SIGN_IN_RATE_LIMIT_PER_MINUTE: '4' } });
  const { url } = stack;

  it('counts starts and callbacks against the same limit per client', async () => {
    const callback = url('/authorization-code/callback?code=x&state=y');
    const statuses = [
      (await new Browser().request(url('/login'))).status,
      (await new Browser().request(callback)).status,
      (await new Browser().request(url('/login'))).status,
      (await new Browser().request(callback)).status,
      (await new Browser().request(callback)).status,
      (await new Browser().request(url('/login'))).status,
    ];
    expect(statuses).toEqual([302, 400, 302, 400, 429, 429]);
  });
});

describe('Behind a TLS-terminating proxy (TRUST_PROXY)', () => {
  let client: ProviderClient;
  const apps: AppInstance[] = [];
  const production = {
    NODE_ENV: 'production',
    SESSION_SECRET: 'pT3x9Vq2LmN8sR4wZ6yB1cD5fG7hJ0kA',
    ALLOW_MEMORY_SESSIONS: 'true',
  };

  beforeAll(async () => {
    const ports = await HeldPort.holdSeveral(2);
    client = await startSharedProvider(ports.map((port) => port.number));
    apps.push(await startAppInstance(ports[0], client, { ...production, TRUST_PROXY: 'loopback' }));
    apps.push(await startAppInstance(ports[1], client, production));
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await client?.provider.stop();
  });

  const signInStart = (app: AppInstance) =>
    fetch(app.url('/login'), { redirect: 'manual', headers: { 'x-forwarded-proto': 'https' } });

  it('sets the Secure session cookie when the proxy says the request came over https', async () => {
    const response = await signInStart(apps[0]);
    expect(response.status).toBe(302);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('nest-okta.sid='));
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
  });

  it('ignores X-Forwarded-Proto from untrusted peers, so no cookie goes out over plain http', async () => {
    const response = await signInStart(apps[1]);
    expect(response.headers.getSetCookie().some((c) => c.startsWith('nest-okta.sid='))).toBe(false);
  });

  it('refuses to start a sign-in over plain http in production, storing nothing', async () => {
    const store = apps[1].app.get(SessionStorage).store;
    const stored = () =>
      new Promise<number>((resolve, reject) =>
        store.length!((error, length) => (error ? reject(error as Error) : resolve(length ?? 0))),
      );
    const before = await stored();
    const response = await signInStart(apps[1]);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('needs a secure (https) connection');
    expect(await stored()).toBe(before);
  });
});
