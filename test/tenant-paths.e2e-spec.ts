import { type Browser, readForm, signOut } from './support/browser';
import { LogCollector } from './support/log-collector';
import { rawRequest } from './support/raw-request';
import { signIn, signInUntilCallback } from './support/sign-in';
import { sessionIdOf, storedRecord as recordIn } from './support/stored-sessions';
import {
  ADA,
  CALLBACK,
  expectSignInAtOwnOrg,
  expectUnknownTenant,
  GUS,
  tenantBrowser as browser,
  whoAmI,
} from './support/tenant-visits';
import { startTenantsStack, type TenantsStack } from './support/tenants-stack';

/**
 * Two tenants resolved by path on one host: Acme under `/t/acme/`, Globex under `/t/globex/`,
 * each signing in on its own development org's hosted page. The whole app (its pages, its API,
 * the module's routes) answers under each prefix.
 */
const HOSTED_PAGES = { acme: {}, globex: {} };
const logs = new LogCollector();
let stack: TenantsStack;
const at = (tenant: string, path: string) => stack.at(tenant, path);
const bare = (path: string) => at('acme', path).replace('/t/acme', '');

async function signInAt(tenant: string, credentials: typeof ADA, start = '/login') {
  const visitor = browser();
  const landed = await signIn(visitor, at(tenant, start), credentials, at(tenant, CALLBACK));
  return { visitor, landed };
}

const me = (visitor: Browser, tenant: string) => whoAmI(visitor, stack, tenant);

const storedRecord = (key: string) => recordIn(stack.store(), key);

/** A request target exactly as written: `fetch` would normalise the hostile ones. */
const raw = (path: string, accept = 'application/json') =>
  rawRequest(bare(''), { method: 'GET', path, headers: { accept } });

beforeAll(async () => {
  stack = await startTenantsStack({
    resolution: 'path',
    tenants: HOSTED_PAGES,
    logDestination: logs,
  });
});
afterAll(() => stack?.close());

describe('Tenants resolved by path prefix', () => {
  it("sends each tenant's /t/{tenant}/login to its own org with its prefixed redirect URI", async () => {
    for (const tenant of ['acme', 'globex']) {
      await expectSignInAtOwnOrg(stack, tenant, bare(`/t/${tenant}${CALLBACK}`));
    }
  });

  it('signs Ada in under /t/acme/ and Gus under /t/globex/, each landing on their home', async () => {
    const ada = await signInAt('acme', ADA);
    expect(ada.landed.url).toBe(at('acme', '/'));
    expect(await me(ada.visitor, 'acme')).toEqual({ status: 200, email: 'ada@acme.example' });
    const gus = await signInAt('globex', GUS);
    expect(gus.landed.url).toBe(at('globex', '/'));
    expect(await me(gus.visitor, 'globex')).toEqual({ status: 200, email: 'gus@globex.example' });
  });

  it('sends a guarded page to the tenant’s login and back to the page, within the prefix', async () => {
    const anonymous = await browser().request(at('acme', '/profile?tab=claims'));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(at('acme', '/login?returnTo=%2Fprofile%3Ftab%3Dclaims'));
    const ada = await signInAt('acme', ADA, '/profile?tab=claims');
    expect(ada.landed.url).toBe(at('acme', '/profile?tab=claims'));
    expect(ada.landed.status).toBe(200);
  });

  it("gives the app's pages links within the tenant's prefix", async () => {
    const home = await browser().request(at('acme', '/'));
    expect(home.status).toBe(200);
    expect(home.body).toContain('href="/t/acme/login"');
    expect(home.body).toContain('href="/t/acme/shop"');
    expect(home.body).not.toMatch(/href="\/(login|shop|profile)"/);
    const { visitor } = await signInAt('acme', ADA);
    const profile = await visitor.request(at('acme', '/profile'));
    expect(readForm(profile.body, profile.url).action).toBe(at('acme', '/logout'));
    expect(profile.body).toContain('href="/t/acme/api/me"');
    // Sign-out redirects to the tenant's own org, and to no other tenant's.
    const formAction = /form-action ([^;]*)/.exec(profile.headers.get('content-security-policy')!);
    const sources = formAction?.[1].split(' ');
    expect(sources).toContain(new URL(stack.issuerOf('acme')).origin);
    expect(sources).not.toContain(new URL(stack.issuerOf('globex')).origin);
  });

  it("signs out at the tenant's org, back to the tenant's home under its prefix", async () => {
    const { visitor } = await signInAt('acme', ADA);
    const out = await signOut(visitor, at('acme', ''));
    const logout = new URL(out.location!);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${stack.issuerOf('acme')}/v1/logout`);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(at('acme', '/'));
    expect((await me(visitor, 'acme')).status).toBe(401);
    // Signed out already: the form just goes home, the tenant's home.
    const again = await visitor.request(at('acme', '/logout'), { form: {} });
    expect(again.location).toBe(at('acme', '/'));
  });

  it("treats Acme's session under /t/globex/ as signed out", async () => {
    const { visitor } = await signInAt('acme', ADA);
    // One host, one cookie: the browser itself presents Acme's session under Globex's prefix.
    expect((await me(visitor, 'globex')).status).toBe(401);
    const page = await visitor.request(at('globex', '/profile'));
    expect(page.location).toBe(at('globex', '/login?returnTo=%2Fprofile'));
    // A visit to another tenant (a link from any site, say) does not end the sign-in at Acme.
    expect(await me(visitor, 'acme')).toEqual({ status: 200, email: ADA.username });
  });

  it("replaces Acme's sign-in when the same browser signs in at Globex, its tokens gone too", async () => {
    const { visitor } = await signInAt('acme', ADA);
    const acmeSession = await sessionIdOf(visitor, at('acme', '/'));
    expect(await storedRecord(`${acmeSession}:tokens`)).toBeTruthy();

    await signIn(visitor, at('globex', '/login'), GUS, at('globex', CALLBACK));
    expect(await me(visitor, 'globex')).toEqual({ status: 200, email: GUS.username });
    expect((await me(visitor, 'acme')).status).toBe(401);
    // The replaced session and its tokens left the store: nothing lingers that nobody can reach.
    expect(await storedRecord(acmeSession)).toBeFalsy();
    expect(await storedRecord(`${acmeSession}:tokens`)).toBeFalsy();
  });

  it("refuses the state and code of Acme's callback at Globex's callback", async () => {
    const visitor = browser();
    const callback = new URL(
      await signInUntilCallback(visitor, at('acme', '/login'), ADA, at('acme', CALLBACK)),
    );
    const crossed = await visitor.request(at('globex', `${CALLBACK}${callback.search}`));
    expect(crossed.status).toBe(400);
    expect((await me(visitor, 'globex')).status).toBe(401);
    const completed = await visitor.request(callback.toString());
    expect(completed.location).toBe(at('acme', '/'));
    expect(await me(visitor, 'acme')).toEqual({ status: 200, email: 'ada@acme.example' });
  });

  it('answers a tenant that is not configured with 404, as JSON or as a page', async () => {
    await expectUnknownTenant(stack, 'initech');
  });

  it("serves public pages and /health without a prefix, but none of the module's routes", async () => {
    expect((await browser().request(bare('/health'))).status).toBe(200);
    const home = await browser().request(bare('/'));
    expect(home.status).toBe(200);
    expect(home.body).not.toContain('Sign in</a>');
    for (const path of ['/login', CALLBACK]) {
      expect((await browser().request(bare(path))).status).toBe(404);
    }
    expect((await browser().request(bare('/logout'), { form: {} })).status).toBe(404);
  });

  it.each([
    ['/t/ACME/login', 404],
    ['/t/%61cme/login', 404],
    ['/t/acme%2Fx/login', 404],
    ['/t/acme/../globex/login', 400],
    ['/t/acme/%2e%2e/globex/login', 400],
    ['/t//login', 400],
    ['/t/acme//login', 400],
    ['/t/acme/%zz/login', 400],
    ['/t', 404],
    ['/t/', 404],
    ['/t/initech/login', 404],
    // Absolute-form: Express routes by its path, which the prefix never is stripped from.
    ['http://localhost/t/acme/login', 404],
  ])('answers the hostile target %s with %i, reaching no tenant', async (path, status) => {
    const json = await raw(path);
    expect(json.status).toBe(status);
    expect(json.headers.location).toBeUndefined();
    expect(JSON.parse(json.body)).toMatchObject({ statusCode: status });
    const page = await raw(path, 'text/html');
    expect(page.status).toBe(status);
    expect(page.body).not.toMatch(/at [\w.]+ \(|node_modules/);
  });

  it.each([
    ['//evil.example/', '/'],
    ['/../globex/', '/globex/'],
    ['/%2e%2e/globex/', '/globex/'],
    ['https://evil.example/', '/'],
    ['/t/globex/profile', '/'],
    ['/t/acme/shop?page=2', '/shop?page=2'],
  ])('keeps returnTo=%s within /t/acme (lands on %s under it)', async (returnTo, within) => {
    const start = `/login?returnTo=${encodeURIComponent(returnTo)}`;
    const { visitor, landed } = await signInAt('acme', ADA, start);
    expect(landed.url).toBe(at('acme', within));
    // Signed in already: the login route sends the user where returnTo says, within the prefix.
    const again = await visitor.request(at('acme', start));
    expect(again.status).toBe(302);
    expect(again.location).toBe(at('acme', within));
  });

  it('logs the tenant of every request that named one', async () => {
    const { visitor } = await signInAt('globex', GUS);
    await me(visitor, 'globex');
    await browser().request(bare('/'));
    const lines = logs.lines.map(
      (line) => JSON.parse(line) as { req?: { path: string }; tenant?: string },
    );
    const logged = (path: string) => lines.filter((line) => line.req?.path === path);
    expect(logged('/t/globex/api/me').length).toBeGreaterThan(0);
    expect(logged('/t/globex/api/me').every((line) => line.tenant === 'globex')).toBe(true);
    expect(logged('/').length).toBeGreaterThan(0);
    expect(logged('/').every((line) => line.tenant === undefined)).toBe(true);
  });
});

describe("One tenant's sign-in flood", () => {
  let limited: TenantsStack;
  beforeAll(async () => {
    limited = await startTenantsStack({
      resolution: 'path',
      tenants: HOSTED_PAGES,
      env: { SIGN_IN_RATE_LIMIT_PER_MINUTE: '3' },
    });
  });
  afterAll(() => limited?.close());

  it("does not lock the same address out of another tenant's sign-in", async () => {
    const statuses = async (tenant: string, times: number) => {
      const seen: number[] = [];
      for (let i = 0; i < times; i++) {
        seen.push((await browser().request(limited.at(tenant, '/login'))).status);
      }
      return seen;
    };
    expect(await statuses('acme', 4)).toEqual([302, 302, 302, 429]);
    expect(await statuses('globex', 3)).toEqual([302, 302, 302]);
    expect(await statuses('acme', 1)).toEqual([429]);
  });
});
