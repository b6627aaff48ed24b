import { type Browser, signOut } from './support/browser';
import { openSignInPage, signIn, signInUntilCallback, submitCredentials } from './support/sign-in';
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
 * Two tenants, Acme and Globex, each signing in at its own development org. Requests reach the
 * app on 127.0.0.1 with the tenant's host, as a browser sends them.
 */
const SESSION_COOKIE = 'nest-okta.sid';

let stack: TenantsStack;
const at = (tenant: string, path: string) => stack.at(tenant, path);

async function signInAt(tenant: string, credentials: typeof ADA): Promise<Browser> {
  const visitor = browser();
  await signIn(visitor, at(tenant, '/login'), credentials, at(tenant, CALLBACK));
  return visitor;
}

const me = (visitor: Browser, tenant: string) => whoAmI(visitor, stack, tenant);

/** The cookie a visitor holds at one tenant, copied to another tenant's host. */
async function copySessionCookie(from: Browser, fromTenant: string, to: Browser, toTenant: string) {
  const value = await from.cookieValue(at(fromTenant, '/'), SESSION_COOKIE);
  expect(value).toBeDefined();
  await to.jar.setCookie(`${SESSION_COOKIE}=${value}; Path=/; HttpOnly`, at(toTenant, '/'));
}

beforeAll(async () => {
  stack = await startTenantsStack();
});
afterAll(() => stack?.close());

describe('Two tenants, each signing in at its own Okta org', () => {
  it("sends each tenant's /login to its own org with its own client and redirect URI", async () => {
    for (const tenant of ['acme', 'globex']) {
      await expectSignInAtOwnOrg(stack, tenant, at(tenant, CALLBACK));
    }
  });

  it('signs Ada in at Acme and Gus at Globex', async () => {
    expect(await me(await signInAt('acme', ADA), 'acme')).toEqual({
      status: 200,
      email: 'ada@acme.example',
    });
    expect(await me(await signInAt('globex', GUS), 'globex')).toEqual({
      status: 200,
      email: 'gus@globex.example',
    });
  });

  it("calls each tenant's org with its users' access tokens (AccessTokenService)", async () => {
    const gus = await signInAt('globex', GUS);
    const live = await gus.request(at('globex', '/api/me/live'), { accept: 'application/json' });
    expect(live.status).toBe(200);
    expect(JSON.parse(live.body)).toMatchObject({ email: 'gus@globex.example' });
  });

  it("signs out at the tenant's own org, back to the tenant's address", async () => {
    const ada = await signInAt('acme', ADA);
    const out = await signOut(ada, at('acme', ''));
    const logout = new URL(out.location!);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${stack.issuerOf('acme')}/v1/logout`);
    expect(logout.searchParams.get('post_logout_redirect_uri')).toBe(at('acme', ''));
    expect((await me(ada, 'acme')).status).toBe(401);
  });

  it("refuses Ada's Acme credentials at Globex's org", async () => {
    const visitor = browser();
    const signInPage = await openSignInPage(visitor, at('globex', '/login'));
    expect(new URL(signInPage.url).origin).toBe(new URL(stack.issuerOf('globex')).origin);
    const refused = await submitCredentials(visitor, signInPage, ADA);
    expect(refused.status).toBe(401);
    expect(refused.location).toBeUndefined();
    expect((await me(visitor, 'globex')).status).toBe(401);
  });

  it('treats an Acme session cookie replayed on Globex as signed out there, and leaves it be', async () => {
    const ada = await signInAt('acme', ADA);
    const thief = browser();
    // The copied cookie works where it belongs: what follows is the tenant's refusal.
    await copySessionCookie(ada, 'acme', thief, 'acme');
    expect(await me(thief, 'acme')).toEqual({ status: 200, email: 'ada@acme.example' });
    await copySessionCookie(ada, 'acme', thief, 'globex');
    expect((await me(thief, 'globex')).status).toBe(401);
    // Globex neither accepts nor ends it: whoever holds the cookie is still Ada at Acme only.
    expect(await me(ada, 'acme')).toEqual({ status: 200, email: 'ada@acme.example' });
  });

  it("refuses Acme's state and code at Globex's callback, even with Acme's session", async () => {
    const visitor = browser();
    const callback = new URL(
      await signInUntilCallback(visitor, at('acme', '/login'), ADA, at('acme', CALLBACK)),
    );
    await copySessionCookie(visitor, 'acme', visitor, 'globex');
    const crossed = await visitor.request(at('globex', `${CALLBACK}${callback.search}`));
    expect(crossed.status).toBe(400);
    expect((await me(visitor, 'globex')).status).toBe(401);
    // Acme's own callback still completes: the code and state were sound, only misplaced.
    const completed = await visitor.request(callback.toString());
    expect(completed.status).toBe(302);
    expect(await me(visitor, 'acme')).toEqual({ status: 200, email: 'ada@acme.example' });
  });

  it('answers a tenant that is not configured with 404, as JSON or as a page', async () => {
    await expectUnknownTenant(stack, 'initech');
  });

  it('refuses sign-in on the bare domain, which names no tenant, and serves its health check', async () => {
    const bare = (path: string) => at('acme', path).replace('acme.', '');
    expect((await browser().request(bare('/login'))).status).toBe(404);
    expect((await fetch(bare('/health').replace('localhost', '127.0.0.1'))).status).toBe(200);
  });

  it("lets a tenant's pages post to its own org only: no visitor learns the other tenants' orgs", async () => {
    const formAction = (csp: string | null) =>
      /form-action ([^;]*)/.exec(csp ?? '')?.[1].split(' ');
    const org = (tenant: string) => new URL(stack.issuerOf(tenant)).origin;
    for (const [tenant, other] of [
      ['acme', 'globex'],
      ['globex', 'acme'],
    ]) {
      const visitor = await signInAt(tenant, tenant === 'acme' ? ADA : GUS);
      const profile = await visitor.request(at(tenant, '/profile'));
      expect(profile.status).toBe(200);
      const sources = formAction(profile.headers.get('content-security-policy'));
      expect(sources).toContain(org(tenant));
      expect(sources).not.toContain(org(other));
    }
    const bare = at('acme', '/health').replace('acme.localhost', '127.0.0.1');
    const health = await fetch(bare);
    expect(formAction(health.headers.get('content-security-policy'))).toEqual(["'self'"]);
  });

  it("keeps Acme signing in while Globex's org is down; Globex's /login answers 503", async () => {
    // A fresh app, so that neither tenant has discovered its org yet.
    await stack.resolved.devOrgs!.get('globex')!.stop();
    await stack.restartApp();
    const globex = await browser().request(at('globex', '/login'));
    expect(globex.status).toBe(503);
    expect(await me(await signInAt('acme', ADA), 'acme')).toEqual({
      status: 200,
      email: 'ada@acme.example',
    });
  });
});
