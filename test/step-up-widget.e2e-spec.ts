import { AuthenticatorKey, IdxStatus } from '@okta/okta-auth-js';
import { Browser } from './support/browser';
import { latestCode } from './support/mailbox';
import { ALICE, BOB, CAROL } from './support/sign-in';
import { ageSignIn, me, storedIdTokenClaims } from './support/step-up';
import {
  callbackUrl,
  identify,
  idxOptions,
  openWidgetPage,
  widgetAuthClient,
  type WidgetPageOptions,
} from './support/widget-client';
import { IF_POSSIBLE, STRONG, startStepUpApp, type StepUpApp } from './step-up/step-up-app';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Step-up and sign-in options with the embedded Sign-In Widget: the step-up page is the widget,
 * configured with the transaction's `acr_values` and `max_age` (as its `authParams`) and the
 * user's login as its `username`; the app takes them to `/v1/interact` as it starts the interaction.
 */
describe('Step-up and sign-in options in the widget model', () => {
  let app: StepUpApp;
  const url = (path: string) => app.url(path);
  const interacts: URLSearchParams[] = [];
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    app = await startStepUpApp('widget', { accessTokenTtlSeconds: 2 });
    // The app (in this process) starts the interaction through the global fetch: what reaches
    // /v1/interact is recorded on the way.
    globalThis.fetch = (input, init) => {
      const target = input instanceof Request ? input.url : input.toString();
      const body = init?.body;
      if (
        target.endsWith('/v1/interact') &&
        (typeof body === 'string' || body instanceof URLSearchParams)
      ) {
        interacts.push(new URLSearchParams(body));
      }
      return realFetch(input, init);
    };
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await app.close();
  });

  /** Password (and the emailed code when asked for) through okta-auth-js, then the callback. */
  async function throughWidget(
    browser: Browser,
    options: WidgetPageOptions,
    credentials: { username: string; password: string },
  ) {
    const client = widgetAuthClient(options);
    let step = await identify(client, options, credentials);
    if (step.nextStep?.name === 'select-authenticator-authenticate') {
      await client.idx.proceed({
        ...idxOptions(options),
        step: 'select-authenticator-authenticate',
        authenticator: AuthenticatorKey.OKTA_EMAIL,
      });
      step = await client.idx.proceed({
        ...idxOptions(options),
        step: 'challenge-authenticator',
        verificationCode: await latestCode(app.provider.issuer, credentials.username),
      });
    }
    if (step.status !== IdxStatus.SUCCESS) return step;
    return browser.request(callbackUrl(options, step));
  }

  async function signedIn(credentials: { username: string; password: string }) {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const landed = await throughWidget(browser, options, credentials);
    expect(landed).toMatchObject({ status: 302, location: url('/') });
    return browser;
  }

  it('steps up a page to a second factor: the widget in place, acr_values at /v1/interact, back to the page', async () => {
    const browser = await signedIn(ALICE);
    const before = (await me(browser, url('/api/me'))) as Record<string, unknown>;
    expect(before).toMatchObject({ amr: ['pwd'], extras: { plan: 'pro' } });

    const { options } = await openWidgetPage(browser, url('/strong'));
    expect(options.authParams).toEqual({ acrValues: STRONG });
    expect(options.username).toBe(ALICE.username);
    const landed = await throughWidget(browser, options, ALICE);
    expect(interacts.at(-1)?.get('acr_values')).toBe(STRONG);
    expect(landed).toMatchObject({ status: 302, location: url('/strong') });
    expect((await browser.request(url('/strong'))).body).toBe('strong page');

    const after = (await me(browser, url('/api/me'))) as Record<string, unknown>;
    expect(after).toMatchObject({ sub: before.sub, acr: STRONG, amr: ['pwd', 'email', 'mfa'] });
  });

  it('answers an API that asks for more with 401 and RFC 9470 WWW-Authenticate', async () => {
    const browser = await signedIn(ALICE);
    const api = await browser.request(url('/api/strong'), { accept: 'application/json' });
    expect(api.status).toBe(401);
    expect(api.headers.get('www-authenticate')).toBe(
      `Bearer error="insufficient_user_authentication", error_description="A stronger or more recent authentication is required", acr_values="${STRONG} ${IF_POSSIBLE}", max_age="120"`,
    );
    expect(JSON.parse(api.body)).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
  });

  it('steps up a page whose sign-in is too old, with max_age at /v1/interact; 0 arrives as 0', async () => {
    const browser = await signedIn(ALICE);
    await ageSignIn(browser, app.baseUrl, app.store, 120);
    const { options } = await openWidgetPage(browser, url('/recent'));
    expect(options.authParams).toEqual({ maxAge: '60' });
    const landed = await throughWidget(browser, options, ALICE);
    expect(interacts.at(-1)?.get('max_age')).toBe('60');
    expect(landed).toMatchObject({ status: 302, location: url('/recent') });

    const zero = await openWidgetPage(browser, url('/login?maxAge=0'));
    expect(zero.options.authParams).toEqual({ maxAge: '0' });
    await throughWidget(browser, zero.options, ALICE);
    expect(interacts.at(-1)?.get('max_age')).toBe('0');
  });

  it('refuses a step-up that comes back as another user, and keeps the session as it was', async () => {
    const browser = await signedIn(ALICE);
    const before = await me(browser, url('/api/me'));
    const { options } = await openWidgetPage(browser, url('/login?maxAge=0'));
    const refused = await throughWidget(browser, options, CAROL);
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as { body: string }).body).toContain('Signed in as someone else');
    expect(await me(browser, url('/api/me'))).toEqual(before);
  });

  it('ends the interaction of a user who cannot meet the level with a message; ifpossible signs in on one factor', async () => {
    const browser = await signedIn(CAROL);
    const before = await me(browser, url('/api/me'));
    const { options } = await openWidgetPage(browser, url('/strong'));
    const ended = await throughWidget(browser, options, CAROL);
    expect(ended).toMatchObject({ status: IdxStatus.TERMINAL });
    expect(JSON.stringify((ended as { messages?: unknown }).messages)).toContain(
      'no authenticator that meets the sign-in requirements',
    );
    expect(await me(browser, url('/api/me'))).toEqual(before);

    const ifPossible = await openWidgetPage(browser, url('/if-possible'));
    const landed = await throughWidget(browser, ifPossible.options, CAROL);
    expect(landed).toMatchObject({ status: 302, location: url('/if-possible') });
    expect(await me(browser, url('/api/me'))).toMatchObject({ acr: IF_POSSIBLE, amr: ['pwd'] });
  });

  it("takes loginHint as the widget's username, and leaves prompt to the redirect model", async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(
      browser,
      url('/login?hint=bob%40example.com&prompt=login'),
    );
    expect(options.username).toBe('bob@example.com');
    expect(JSON.stringify(options)).not.toContain('prompt');
  });

  it('resumes a pending sign-in at the callback itself, since the app mounts its own login route', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login?returnTo=%2Fstrong'));
    const resume = new URL(options.redirectUri);
    resume.searchParams.set('error', 'interaction_required');
    resume.searchParams.set('state', options.state);
    const again = await openWidgetPage(browser, resume.toString());
    expect(again.options.state).toBe(options.state);
    expect(again.options.codeChallenge).toBe(options.codeChallenge);

    resume.searchParams.set('state', 'not-a-pending-sign-in');
    expect((await browser.request(resume.toString())).status).toBe(400);
  });

  it('lets afterSignIn refuse a sign-in with a 403, storing nothing', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const refused = await throughWidget(browser, options, BOB);
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as { body: string }).body).toContain('Your customer account is suspended.');
    expect(await me(browser, url('/api/me'))).toBe(401);
  });

  it("keeps the step-up's acr when the tokens are refreshed", async () => {
    const browser = await signedIn(ALICE);
    const { options } = await openWidgetPage(browser, url('/strong'));
    await throughWidget(browser, options, ALICE);
    const stepped = await storedIdTokenClaims(browser, app.baseUrl, app.store);
    expect(stepped.acr).toBe(STRONG);

    await pause(2_500);
    expect((await browser.request(url('/api/token'), { accept: 'application/json' })).status).toBe(
      200,
    );
    const refreshed = await storedIdTokenClaims(browser, app.baseUrl, app.store);
    expect(refreshed.iat).toBeGreaterThan(stepped.iat as number);
    expect(refreshed).toMatchObject({ acr: STRONG, auth_time: stepped.auth_time });
  });
});
