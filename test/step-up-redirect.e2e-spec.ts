import { Browser } from './support/browser';
import { ALICE, BOB, CAROL, openSignInPage, signIn, submitCredentials } from './support/sign-in';
import {
  ageSignIn,
  me,
  storedIdTokenClaims,
  submitMailedCode,
  untilCallback,
} from './support/step-up';
import { IF_POSSIBLE, STRONG, startStepUpApp, type StepUpApp } from './step-up/step-up-app';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Step-up and sign-in options on Okta's hosted page (the redirect model), against the development
 * provider: `@RequireAuthentication` on pages and APIs, `SignInService.signIn()` from the app's
 * own login route (`routes.login: false`), and `afterSignIn`.
 */
describe('Step-up and sign-in options in the redirect model', () => {
  let app: StepUpApp;
  const url = (path: string) => app.url(path);
  const callbackPrefix = () => url('/authorization-code/callback');

  beforeAll(async () => {
    app = await startStepUpApp('redirect', { accessTokenTtlSeconds: 2 });
  });
  afterAll(() => app.close());

  async function signedIn(credentials: { username: string; password: string }) {
    const browser = new Browser();
    const landed = await signIn(browser, url('/login'), credentials, callbackPrefix());
    expect(landed.status).toBe(200);
    return browser;
  }

  /** The provider's answer to a sign-in that needs nothing typed, followed into the app. */
  async function backInApp(browser: Browser, start: string) {
    const first = await browser.request(start);
    return browser.request(await untilCallback(browser, first, callbackPrefix()));
  }

  it('steps up a page to a second factor: acr_values from the transaction, the email code alone, back to the page', async () => {
    const browser = await signedIn(ALICE);
    const before = (await me(browser, url('/api/me'))) as Record<string, unknown>;
    expect(before).toMatchObject({ amr: ['pwd'], extras: { plan: 'pro', signedInWith: 'pwd' } });
    expect(before.acr).toBeUndefined();

    const stepUp = await browser.request(url('/strong'));
    expect(stepUp.status).toBe(302);
    const authorize = new URL(stepUp.location!);
    expect(authorize.origin + authorize.pathname).toBe(`${app.provider.issuer}/v1/authorize`);
    expect(authorize.searchParams.get('acr_values')).toBe(STRONG);
    expect(authorize.searchParams.get('login_hint')).toBe(ALICE.username);
    expect(authorize.searchParams.has('max_age')).toBe(false);

    // The provider has Alice's session: it asks only for what is missing, the emailed code.
    const codePage = await browser.follow(stepUp.location!);
    expect(codePage.body).toContain('Verify with your email');
    expect(codePage.body).not.toContain('name="password"');
    const afterCode = await submitMailedCode(
      browser,
      codePage,
      app.provider.issuer,
      ALICE.username,
    );
    const landed = await browser.request(await untilCallback(browser, afterCode, callbackPrefix()));
    expect(landed.status).toBe(302);
    expect(landed.location).toBe(url('/strong'));
    expect((await browser.request(url('/strong'))).body).toBe('strong page');

    const after = (await me(browser, url('/api/me'))) as Record<string, unknown>;
    expect(after).toMatchObject({ sub: before.sub, acr: STRONG, amr: ['pwd', 'email', 'mfa'] });
    expect(after.authTime).toBeGreaterThanOrEqual(before.authTime as number);
    const claims = await storedIdTokenClaims(browser, app.baseUrl, app.store);
    expect(claims).toMatchObject({ acr: STRONG, auth_time: after.authTime });
  });

  it('answers an API that asks for more with 401 and RFC 9470 WWW-Authenticate, never a redirect', async () => {
    const browser = await signedIn(ALICE);
    const api = await browser.request(url('/api/strong'), { accept: 'application/json' });
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_user_authentication", error_description="A stronger or more recent authentication is required", acr_values="${STRONG} ${IF_POSSIBLE}", max_age="120"`,
    );
    expect(JSON.parse(api.body)).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'This needs a stronger or more recent sign-in. Sign in again to continue.',
    });
  });

  it('answers a form post to a route asking for a recent sign-in with 401, keeping the body where it was', async () => {
    const browser = await signedIn(ALICE);
    expect((await browser.request(url('/recent'), { form: { amount: '10' } })).status).toBe(201);
    await ageSignIn(browser, app.baseUrl, app.store, 120);
    const posted = await browser.request(url('/recent'), { form: { amount: '10' } });
    expect(posted.status).toBe(401);
    expect(posted.location).toBeUndefined();
    expect(posted.headers.get('www-authenticate')).toBe(
      'Bearer error="insufficient_user_authentication", error_description="A stronger or more recent authentication is required", max_age="60"',
    );
  });

  it('steps up a page whose sign-in is too old with max_age, and comes back', async () => {
    const browser = await signedIn(ALICE);
    await ageSignIn(browser, app.baseUrl, app.store, 120);
    const stepUp = await browser.request(url('/recent'));
    const authorize = new URL(stepUp.location!);
    expect(authorize.searchParams.get('max_age')).toBe('60');
    expect(authorize.searchParams.has('acr_values')).toBe(false);
    // The provider's own sign-in is recent: it answers at once with its auth_time.
    const landed = await browser.request(await untilCallback(browser, stepUp, callbackPrefix()));
    expect(landed.location).toBe(url('/recent'));
    expect((await browser.request(url('/recent'))).body).toBe('recent page');
  });

  it('sends max_age=0 to the provider, which asks for the password again (pre-filled)', async () => {
    const browser = await signedIn(ALICE);
    const before = (await me(browser, url('/api/me'))) as { authTime: number };
    await pause(1_100);
    const start = await browser.request(url('/login?maxAge=0'));
    expect(new URL(start.location!).searchParams.get('max_age')).toBe('0');
    const passwordPage = await browser.follow(start.location!);
    expect(passwordPage.body).toContain(`value="${ALICE.username}"`);
    const submitted = await submitCredentials(browser, passwordPage, ALICE);
    await browser.request(await untilCallback(browser, submitted, callbackPrefix()));
    const after = (await me(browser, url('/api/me'))) as { authTime: number };
    expect(after.authTime).toBeGreaterThan(before.authTime);
  });

  it('asks for the password again only once the sign-in is older than max_age', async () => {
    const browser = await signedIn(ALICE);
    // Recent enough: single sign-on, nothing typed.
    const recent = await backInApp(browser, url('/login?maxAge=600'));
    expect(recent.location).toBe(url('/'));
    await pause(2_100);
    const old = await browser.follow(url('/login?maxAge=1'));
    expect(old.body).toContain('name="password"');
  });

  it('refuses a step-up that comes back as another user, and keeps the session as it was', async () => {
    const browser = await signedIn(ALICE);
    const before = await me(browser, url('/api/me'));
    const passwordPage = await browser.follow(url('/login?maxAge=0'));
    const submitted = await submitCredentials(browser, passwordPage, CAROL);
    const refused = await browser.request(
      await untilCallback(browser, submitted, callbackPrefix()),
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Signed in as someone else');
    expect(await me(browser, url('/api/me'))).toEqual(before);
  });

  it('answers unmet_authentication_requirements with a page and leaves the session alone; ifpossible signs in on one factor', async () => {
    const browser = await signedIn(CAROL);
    const before = await me(browser, url('/api/me'));
    const refused = await backInApp(browser, url('/strong'));
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Stronger sign-in required');
    expect(await me(browser, url('/api/me'))).toEqual(before);

    const landed = await backInApp(browser, url('/if-possible'));
    expect(landed.location).toBe(url('/if-possible'));
    expect((await browser.request(url('/if-possible'))).body).toBe('if possible');
    expect(await me(browser, url('/api/me'))).toMatchObject({ acr: IF_POSSIBLE, amr: ['pwd'] });
  });

  it('pre-fills the provider page with login_hint, and passes prompt=login', async () => {
    const anonymous = new Browser();
    const hinted = await openSignInPage(anonymous, url('/login?hint=bob%40example.com'));
    expect(hinted.body).toContain('value="bob@example.com"');

    const browser = await signedIn(ALICE);
    const start = await browser.request(url('/login?prompt=login'));
    expect(new URL(start.location!).searchParams.get('prompt')).toBe('login');
    const page = await browser.follow(start.location!);
    expect(page.body).toContain('name="password"');
  });

  it('answers prompt=none without a provider session with a page saying to sign in, and signs in silently with one', async () => {
    const anonymous = new Browser();
    const start = await anonymous.request(url('/login?prompt=none'));
    expect(new URL(start.location!).searchParams.get('prompt')).toBe('none');
    const answer = await anonymous.request(await untilCallback(anonymous, start, callbackPrefix()));
    expect(answer.status).toBe(401);
    expect(answer.location).toBeUndefined();
    expect(answer.body).toContain('You are not signed in with your identity provider');
    expect(await me(anonymous, url('/api/me'))).toBe(401);

    const browser = await signedIn(ALICE);
    const silent = await backInApp(browser, url('/login?prompt=none&returnTo=%2Fapi%2Fme'));
    expect(silent.location).toBe(url('/api/me'));
  });

  it('lets afterSignIn refuse a sign-in with a 403, storing nothing', async () => {
    const browser = new Browser();
    const signInPage = await openSignInPage(browser, url('/login'));
    const submitted = await submitCredentials(browser, signInPage, BOB);
    const refused = await browser.request(
      await untilCallback(browser, submitted, callbackPrefix()),
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Your customer account is suspended.');
    expect(await me(browser, url('/api/me'))).toBe(401);
  });

  it("keeps the step-up's acr when the tokens are refreshed", async () => {
    const browser = await signedIn(ALICE);
    const codePage = await browser.follow(url('/strong'));
    const afterCode = await submitMailedCode(
      browser,
      codePage,
      app.provider.issuer,
      ALICE.username,
    );
    await browser.request(await untilCallback(browser, afterCode, callbackPrefix()));
    const stepped = await storedIdTokenClaims(browser, app.baseUrl, app.store);
    expect(stepped.acr).toBe(STRONG);

    await pause(2_500);
    const token = await browser.request(url('/api/token'), { accept: 'application/json' });
    expect(token.status).toBe(200);
    const refreshed = await storedIdTokenClaims(browser, app.baseUrl, app.store);
    expect(refreshed.iat).toBeGreaterThan(stepped.iat as number);
    expect(refreshed).toMatchObject({ acr: STRONG, auth_time: stepped.auth_time });
    expect(await me(browser, url('/api/me'))).toMatchObject({ acr: STRONG });
  });
});
