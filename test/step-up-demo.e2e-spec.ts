import { SessionStorage } from '../src/session/session-storage';
import { Browser } from './support/browser';
import { ALICE, BOB, openSignInPage, signIn } from './support/sign-in';
import { ageSignIn, submitMailedCode, untilCallback } from './support/step-up';
import { useStack } from './support/stack';
import { ADA, CALLBACK, GUS, tenantBrowser } from './support/tenant-visits';
import { startTenantsStack, type TenantsStack } from './support/tenants-stack';

const STRONG = 'urn:okta:loa:2fa:any';

/**
 * The demo app's step-ups: `/admin` and `/api/admin` ask for a second factor within ten minutes,
 * `/shop/checkout` for a sign-in within five. Its own login route takes `login_hint` from the
 * query, and nothing else.
 */
describe('The demo app asks for a second factor on /admin and a recent sign-in at checkout', () => {
  const stack = useStack();
  const { url, callbackPrefix } = stack;

  async function signedIn(credentials: { username: string; password: string }) {
    const browser = new Browser();
    await signIn(browser, url('/login'), credentials, callbackPrefix());
    return browser;
  }

  it("takes Alice from her password sign-in to the admin page through the mailbox's code", async () => {
    const browser = await signedIn(ALICE);
    const api = await browser.request(url('/api/admin'), { accept: 'application/json' });
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_user_authentication", error_description="A stronger or more recent authentication is required", acr_values="${STRONG}", max_age="600"`,
    );

    const stepUp = await browser.request(url('/admin'));
    expect(stepUp.status).toBe(302);
    const authorize = new URL(stepUp.location!);
    expect(authorize.searchParams.get('acr_values')).toBe(STRONG);
    expect(authorize.searchParams.get('max_age')).toBe('600');
    const codePage = await browser.follow(stepUp.location!);
    const afterCode = await submitMailedCode(browser, codePage, stack.issuer, ALICE.username);
    const landed = await browser.follow(await untilCallback(browser, afterCode, callbackPrefix()));
    expect(landed.url).toBe(url('/admin'));
    expect(landed.status).toBe(200);
    expect(landed.body).toContain(`this sign-in met <code>${STRONG}</code>`);
    const again = await browser.request(url('/api/admin'), { accept: 'application/json' });
    expect(JSON.parse(again.body)).toMatchObject({ admin: true, acr: STRONG });
  });

  it('answers Bob, who is not in admin, with 403 at once: no step-up first', async () => {
    const browser = await signedIn(BOB);
    const page = await browser.request(url('/admin'));
    expect(page.status).toBe(403);
    expect(page.location).toBeUndefined();
    const api = await browser.request(url('/api/admin'), { accept: 'application/json' });
    expect(api.status).toBe(403);
  });

  it('signs in again at checkout once the sign-in is older than five minutes', async () => {
    const browser = await signedIn(BOB);
    expect((await browser.request(url('/shop/checkout'))).status).toBe(200);
    await ageSignIn(browser, stack.baseUrl, stack.app.get(SessionStorage).store, 6 * 60);
    const stepUp = await browser.request(url('/shop/checkout'));
    expect(new URL(stepUp.location!).searchParams.get('max_age')).toBe('300');
    const landed = await browser.follow(await untilCallback(browser, stepUp, callbackPrefix()));
    expect(landed.url).toBe(url('/shop/checkout'));
    expect(landed.status).toBe(200);
  });

  it('passes login_hint from the login route to the provider, and nothing else of its query', async () => {
    const browser = new Browser();
    const start = await browser.request(
      url('/login?login_hint=bob%40example.com&acr_values=phr&max_age=0&prompt=none&scope=admin'),
    );
    const authorize = new URL(start.location!).searchParams;
    expect(authorize.get('login_hint')).toBe('bob@example.com');
    for (const name of ['acr_values', 'max_age', 'prompt']) expect(authorize.has(name)).toBe(false);
    expect(authorize.get('scope')).toBe('openid profile email');
    const page = await openSignInPage(browser, url('/login?login_hint=bob%40example.com'));
    expect(page.body).toContain('value="bob@example.com"');

    const refused = await browser.request(url('/login?login_hint=%0Abob'));
    expect(refused.status).toBe(400);
  });
});

describe("Each tenant's step-up runs at its own org", () => {
  let stack: TenantsStack;

  beforeAll(async () => {
    stack = await startTenantsStack();
  });
  afterAll(() => stack.close());

  it.each([
    ['acme', ADA],
    ['globex', GUS],
  ])('steps %s up at its own org, with the code from its own mailbox', async (tenant, user) => {
    const visitor = tenantBrowser();
    await signIn(visitor, stack.at(tenant, '/login'), user, stack.at(tenant, CALLBACK));
    const stepUp = await visitor.request(stack.at(tenant, '/admin'));
    expect(stepUp.location?.startsWith(`${stack.issuerOf(tenant)}/v1/authorize?`)).toBe(true);
    const codePage = await visitor.follow(stepUp.location!);
    const issuer = stack.issuerOf(tenant);
    const afterCode = await submitMailedCode(visitor, codePage, issuer, user.username);
    const callback = await untilCallback(visitor, afterCode, stack.at(tenant, CALLBACK));
    const landed = await visitor.follow(callback);
    expect(landed.url).toBe(stack.at(tenant, '/admin'));
    expect(landed.status).toBe(200);
  });
});
