import { type Browser } from './support/browser';
import { signIn } from './support/sign-in';
import { CALLBACK, tenantBrowser } from './support/tenant-visits';
import { startTenantsStack, type TenantsStack } from './support/tenants-stack';
import { startStack, type Stack } from './support/stack';

/**
 * With tenants, every page names the tenant it serves (the tenants file's `displayName`, or else
 * its id), and the development banner names the setting that would give that tenant its Okta
 * org: its entry in the tenants file, never `OKTA_ISSUER`.
 */
const TENANT_BADGE = `<span class="tenant" data-tenant`;

/** Acme's demo user outside its admin group (okta-dev-idp's users/users.acme.json). */
const OTTO = { username: 'otto@acme.example', password: 'Otto-Acme-1' };

let stack: TenantsStack;
beforeAll(async () => {
  stack = await startTenantsStack({
    tenants: {
      acme: { displayName: 'Acme Corporation' },
      globex: { signInMode: 'widget' },
      initech: {
        displayName: 'Initech',
        issuer: 'https://initech.okta.com/oauth2/default',
        clientId: '0oa1b2c3d4INITECH',
        clientSecret: 'initech-client-secret-for-the-test',
      },
    },
  });
});
afterAll(() => stack?.close());

function expectNamed(page: { status: number; body: string }, id: string, displayName: string) {
  expect(page.body).toContain(`${TENANT_BADGE}="${id}">${displayName}</span>`);
  expect(page.body).toMatch(new RegExp(`<title>[^<]* · ${displayName} · Nest \\+ Okta</title>`));
}

describe('Pages that name their tenant', () => {
  it('names the tenant by its display name on its public pages and its error pages', async () => {
    const visitor = tenantBrowser();
    for (const path of ['/', '/shop', '/no-such-page']) {
      expectNamed(await visitor.request(stack.at('acme', path)), 'acme', 'Acme Corporation');
    }
  });

  it('names it on the pages of a signed-in user, and on a page the user may not see', async () => {
    const visitor: Browser = tenantBrowser();
    await signIn(visitor, stack.at('acme', '/login'), OTTO, stack.at('acme', CALLBACK));
    const profile = await visitor.request(stack.at('acme', '/profile'));
    expect(profile.status).toBe(200);
    expectNamed(profile, 'acme', 'Acme Corporation');
    const admin = await visitor.request(stack.at('acme', '/admin'));
    expect(admin.status).toBe(403);
    expectNamed(admin, 'acme', 'Acme Corporation');
  });

  it("names a tenant without a display name by its id, on the embedded widget's page too", async () => {
    const widget = await tenantBrowser().request(stack.at('globex', '/login'));
    expect(widget.status).toBe(200);
    expect(widget.body).toContain('id="okta-sign-in-widget"');
    expectNamed(widget, 'globex', 'globex');
  });

  it("names no tenant on an unknown tenant's page", async () => {
    const page = await tenantBrowser().request(stack.at('umbrella', '/'));
    expect(page.status).toBe(404);
    expect(page.body).not.toContain('class="tenant"');
    expect(page.body).not.toContain('dev-banner');
  });
});

describe('The development banner, with tenants', () => {
  it("tells a development tenant's visitor to give the tenant its org in the tenants file", async () => {
    const page = await tenantBrowser().request(stack.at('acme', '/'));
    expect(page.body).toMatch(
      /class="dev-banner">Acme Corporation signs in through the built-in development identity provider\. Give tenant <code>acme<\/code> its <code>issuer<\/code>, <code>clientId<\/code> and <code>clientSecret<\/code> in <code>[^<]*tenants\.json<\/code>/,
    );
    expect(page.body).not.toContain('OKTA_ISSUER');
  });

  it('shows no banner at a tenant that signs in at its own Okta org', async () => {
    const page = await tenantBrowser().request(stack.at('initech', '/'));
    expectNamed(page, 'initech', 'Initech');
    expect(page.body).not.toContain('dev-banner');
  });
});

describe('The development banner, without tenants', () => {
  let single: Stack;
  beforeAll(async () => {
    single = await startStack();
  });
  afterAll(() => single?.close());

  it('names OKTA_ISSUER, and no tenant', async () => {
    const page = await fetch(`${single.baseUrl}/`);
    const body = await page.text();
    expect(body).toContain('Set <code>OKTA_ISSUER</code> to use your Okta org.');
    expect(body).not.toContain('class="tenant"');
  });
});
