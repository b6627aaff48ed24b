import { AuthenticatorKey, IdxStatus } from '@okta/okta-auth-js';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import { Browser } from './support/browser';
import { latestCode } from './support/mailbox';
import { ALICE, BOB } from './support/sign-in';
import { startStack, type Stack } from './support/stack';
import {
  callbackUrl,
  identify,
  idxOptions,
  openWidgetPage,
  widgetAuthClient,
  type WidgetPageOptions,
} from './support/widget-client';

const SESSION_COOKIE = 'nest-okta.sid';
const JSON_ACCEPT = 'application/json';

describe('Sign-in with the embedded Sign-In Widget, against the development identity provider', () => {
  let stack: Stack;
  const url = (path: string) => `${stack.baseUrl}${path}`;
  const callbackPath = () => url('/login/callback');

  beforeAll(async () => {
    stack = await startStack({ env: { OKTA_SIGN_IN_MODE: 'widget' } });
  });
  afterAll(() => stack.close());

  /** What the widget does with a user's typing: identify, then the interaction code. */
  async function widgetSignIn(
    browser: Browser,
    path: string,
    credentials: { username: string; password: string },
  ): Promise<{ options: WidgetPageOptions; callback: string }> {
    const { options } = await openWidgetPage(browser, url(path));
    const transaction = await identify(widgetAuthClient(options), options, credentials);
    return { options, callback: callbackUrl(options, transaction) };
  }

  async function signedInEmail(browser: Browser): Promise<unknown> {
    const me = await browser.request(url('/api/me'), { accept: JSON_ACCEPT });
    return me.status === 200 ? (JSON.parse(me.body) as { email?: unknown }).email : me.status;
  }

  it('renders /login as the app page hosting the widget, configured for a server-side transaction', async () => {
    const browser = new Browser();
    const { options, body, headers } = await openWidgetPage(browser, url('/login'));
    expect(options).toMatchObject({
      issuer: stack.issuer,
      clientId: stack.config.okta.clientId,
      redirectUri: callbackPath(),
      scopes: ['openid', 'profile', 'email'],
      codeChallengeMethod: 'S256',
      assets: { baseUrl: '/assets/okta-signin-widget' },
    });
    // The widget follows the browser's language, from the app's files (see the browser suite).
    expect(options).not.toHaveProperty('language');
    expect(options.codeChallenge).toMatch(/^[\w-]{43}$/);
    expect(options.state.length).toBeGreaterThanOrEqual(32);
    expect(options.nonce.length).toBeGreaterThanOrEqual(32);
    expect(body).not.toContain(stack.config.okta.clientSecret);
    expect(body).not.toMatch(/codeVerifier|code_verifier/);
    expect(body).toContain('src="/assets/okta-signin-widget/js/okta-sign-in.min.js"');
    expect(body).not.toMatch(/<script>/);

    const csp = headers.get('content-security-policy')!;
    const directive = (name: string) => cspDirective(csp, name);
    // The page's own sources first; then, by default, what real orgs serve (CAPTCHA, Duo, …).
    expect(directive('script-src')).toMatch(
      new RegExp(`^script-src 'self' 'nonce-${options.cspNonce}' https://hcaptcha\\.com `),
    );
    expect(directive('style-src')).toMatch(
      new RegExp(`^style-src 'self' 'nonce-${options.cspNonce}'( https://\\S+)*$`),
    );
    expect(directive('connect-src')).toMatch(
      new RegExp(`^connect-src 'self' ${new URL(stack.issuer).origin} `),
    );
    expect(directive('frame-src')).toContain('https://*.duosecurity.com');
    expect(directive('worker-src')).toBe("worker-src 'self' blob:");
    // No keyword that lets injected code run, and no source that allows every host.
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\s(\*|https?:)(;|\s|$)/);

    const otherPage = await browser.request(url('/shop'));
    expect(otherPage.headers.get('content-security-policy')).toMatch(/script-src 'self';/);
    expect((await openWidgetPage(browser, url('/login'))).options.cspNonce).not.toBe(
      options.cspNonce,
    );
  });

  it("serves the widget's files from the app, and nothing outside its dist folder", async () => {
    const browser = new Browser();
    const script = await browser.request(url('/assets/okta-signin-widget/js/okta-sign-in.min.js'));
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    const css = await browser.request(url('/assets/okta-signin-widget/css/okta-sign-in.min.css'));
    expect(css.status).toBe(200);
    // What the widget loads for a browser that prefers German, from assets.baseUrl.
    for (const bundle of ['login', 'country']) {
      const labels = await browser.request(
        url(`/assets/okta-signin-widget/labels/json/${bundle}_de.json`),
      );
      expect(labels.status).toBe(200);
      expect(JSON.parse(labels.body)).toEqual(expect.any(Object));
    }
    for (const path of ['..%2Fpackage.json', '%2E%2E/%2E%2E/package.json', 'js/missing.js']) {
      const asset = await browser.request(url(`/assets/okta-signin-widget/${path}`));
      expect(asset.status).toBe(404);
    }
  });

  it('signs in with username and password in one step and lands on returnTo with a new session', async () => {
    const browser = new Browser();
    const { callback } = await widgetSignIn(browser, '/login?returnTo=%2Fprofile', ALICE);
    const sidBefore = await browser.cookieValue(stack.baseUrl, SESSION_COOKIE);
    const landed = await browser.request(callback);
    expect(landed.status).toBe(302);
    expect(landed.location).toBe(url('/profile'));
    expect(await browser.cookieValue(stack.baseUrl, SESSION_COOKIE)).not.toBe(sidBefore);

    expect(await signedInEmail(browser)).toBe('alice@example.com');
    // /admin asks for a second factor: the widget again, then the emailed code.
    const stepUp = await openWidgetPage(browser, url('/admin'));
    const client = widgetAuthClient(stepUp.options);
    await identify(client, stepUp.options, ALICE);
    await client.idx.proceed({
      ...idxOptions(stepUp.options),
      step: 'select-authenticator-authenticate',
      authenticator: AuthenticatorKey.OKTA_EMAIL,
    });
    const verified = await client.idx.proceed({
      ...idxOptions(stepUp.options),
      step: 'challenge-authenticator',
      verificationCode: await latestCode(stack.issuer, ALICE.username),
    });
    expect((await browser.request(callbackUrl(stepUp.options, verified))).location).toBe(
      url('/admin'),
    );
    const admin = await browser.request(url('/admin'));
    expect(admin.status).toBe(200);
    expect(admin.body).toContain('<h1>Admin</h1>');
    const home = await browser.request(url('/'));
    expect(home.body).toContain('Welcome, Alice');
  });

  it('signs in in two steps: identify, then the password challenge', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const client = widgetAuthClient(options);
    const first = await identify(client, options, { username: BOB.username });
    expect(first.status).toBe(IdxStatus.PENDING);
    expect(first.nextStep?.name).toBe('challenge-authenticator');
    // The form relates to the password authenticator the response describes.
    expect(first.nextStep?.relatesTo?.value.key).toBe('okta_password');

    const second = await client.idx.proceed({
      ...idxOptions(options),
      step: 'challenge-authenticator',
      password: BOB.password,
    });
    const landed = await browser.request(callbackUrl(options, second));
    expect(landed.location).toBe(url('/'));
    expect(await signedInEmail(browser)).toBe('bob@example.com');
  });

  it("answers a wrong password with the widget's message, then accepts the right one", async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const client = widgetAuthClient(options);
    const wrong = await identify(client, options, { ...ALICE, password: 'wrong' });
    expect(wrong.status).toBe(IdxStatus.PENDING);
    expect(wrong.messages).toEqual([
      expect.objectContaining({
        message: 'Password is incorrect',
        class: 'ERROR',
        i18n: { key: 'incorrectPassword' },
      }),
    ]);
    expect(await signedInEmail(browser)).toBe(401);

    const right = await identify(client, options, ALICE);
    await browser.request(callbackUrl(options, right));
    expect(await signedInEmail(browser)).toBe('alice@example.com');
  });

  it('says when there is no account with that username', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const unknown = await identify(widgetAuthClient(options), options, {
      username: 'nobody@example.com',
      password: 'whatever',
    });
    expect(unknown.status).toBe(IdxStatus.PENDING);
    expect(unknown.messages).toEqual([
      expect.objectContaining({
        message: 'There is no account with the Username nobody@example.com.',
        i18n: expect.objectContaining({ key: 'idx.unknown.user' }) as unknown,
      }),
    ]);
  });

  it('sends interaction_required back to the widget for the same transaction, which then completes', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login?returnTo=%2Fshop%2Forders'));
    const back = await browser.request(
      `${callbackPath()}?error=interaction_required&state=${encodeURIComponent(options.state)}`,
    );
    expect(back.status).toBe(302);
    expect(back.location).toBe(url(`/login?state=${encodeURIComponent(options.state)}`));

    const resumed = await openWidgetPage(browser, back.location!);
    expect(resumed.options.state).toBe(options.state);
    expect(resumed.options.codeChallenge).toBe(options.codeChallenge);
    expect(resumed.options.nonce).toBe(options.nonce);

    const transaction = await identify(widgetAuthClient(options), options, ALICE);
    const landed = await browser.request(callbackUrl(options, transaction));
    expect(landed.location).toBe(url('/shop/orders'));
  });

  it("passes an email magic link (otp + state) to the widget for this browser's sign-in", async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const link = await browser.request(
      `${callbackPath()}?otp=482913&state=${encodeURIComponent(options.state)}`,
    );
    expect(link.status).toBe(302);
    const resumed = await openWidgetPage(browser, link.location!);
    expect(resumed.options.otp).toBe('482913');
    expect(resumed.options.state).toBe(options.state);
  });

  it('shows no otp that is not a passcode, or that resumes no sign-in of this browser', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const state = encodeURIComponent(options.state);
    const lure = await openWidgetPage(
      browser,
      url(`/login?state=${state}&otp=${encodeURIComponent('</script><b>Visit evil.example')}`),
    );
    expect(lure.options.otp).toBeUndefined();
    expect(lure.body).not.toContain('</script><b>');
    const stranger = await openWidgetPage(new Browser(), url(`/login?state=${state}&otp=482913`));
    expect(stranger.options.otp).toBeUndefined();
  });

  it('starts a new transaction when ?state= names none of this browser', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login?state=made-up'));
    expect(options.state).not.toBe('made-up');
  });

  it('refuses a replayed callback, and the provider refuses a replayed interaction code', async () => {
    const browser = new Browser();
    const { callback } = await widgetSignIn(browser, '/login', ALICE);
    expect((await browser.request(callback)).status).toBe(302);

    const replay = await new Browser().request(callback);
    expect(replay.status).toBe(400);
    expect(replay.body).toContain('Sign-in link expired');

    // The same code under a fresh, valid state reaches the provider, which has spent it.
    const other = new Browser();
    const { options } = await openWidgetPage(other, url('/login'));
    const code = new URL(callback).searchParams.get('interaction_code')!;
    const reused = await other.request(
      `${callbackPath()}?interaction_code=${code}&state=${encodeURIComponent(options.state)}`,
    );
    expect(reused.status).toBe(400);
    expect(reused.body).toContain('Sign-in could not be completed');
    expect(await signedInEmail(other)).toBe(401);
  });

  it("refuses another browser's state, an unknown state and a missing code", async () => {
    const victim = new Browser();
    const { callback } = await widgetSignIn(victim, '/login', ALICE);
    const attacker = new Browser();
    await openWidgetPage(attacker, url('/login'));
    const foreign = await attacker.request(callback);
    expect(foreign.status).toBe(400);
    expect(foreign.body).toContain('Sign-in link expired');
    expect(await signedInEmail(attacker)).toBe(401);

    const code = new URL(callback).searchParams.get('interaction_code')!;
    const unknown = await victim.request(`${callbackPath()}?interaction_code=${code}&state=forged`);
    expect(unknown.status).toBe(400);
    expect(await signedInEmail(victim)).toBe(401);

    const { options } = await openWidgetPage(victim, url('/login'));
    const noCode = await victim.request(`${callbackPath()}?state=${options.state}`, {
      accept: JSON_ACCEPT,
    });
    expect(noCode.status).toBe(400);
    expect(JSON.parse(noCode.body)).toMatchObject({ error: 'Invalid sign-in response' });
    expect((await victim.request(callbackPath())).status).toBe(400);
  });

  it('answers access_denied with a 403 page and no session', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, url('/login'));
    const denied = await browser.request(
      `${callbackPath()}?error=access_denied&error_description=User+is+not+assigned&state=${options.state}`,
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('Sign-in was denied');
    expect(await signedInEmail(browser)).toBe(401);
  });

  it('completes sign-ins started in two tabs, in either order', async () => {
    const browser = new Browser();
    const tabA = await openWidgetPage(browser, url('/login?returnTo=%2Fprofile'));
    const tabB = await openWidgetPage(browser, url('/login?returnTo=%2Fshop'));
    const codeA = await identify(widgetAuthClient(tabA.options), tabA.options, ALICE);
    const codeB = await identify(widgetAuthClient(tabB.options), tabB.options, ALICE);

    const landedB = await browser.request(callbackUrl(tabB.options, codeB));
    expect(landedB.location).toBe(url('/shop'));
    const landedA = await browser.request(callbackUrl(tabA.options, codeA));
    expect(landedA.location).toBe(url('/profile'));
    expect(await signedInEmail(browser)).toBe('alice@example.com');
  });

  // oidc-provider 9 calls a registered grant's handler with the context alone and no longer
  // hangs Account on the provider: the interaction_code grant is written for that.
  describe('the development identity provider (the interaction_code grant on oidc-provider 9)', () => {
    const org = () => stack.issuer.replace(/\/oauth2\/.*$/, '');
    const basic = () =>
      `Basic ${Buffer.from(`${stack.config.okta.clientId}:${stack.config.okta.clientSecret}`).toString('base64')}`;
    const redeem = (code: string, verifier: string) =>
      fetch(`${stack.issuer}/v1/token`, {
        method: 'POST',
        headers: { authorization: basic() },
        body: new URLSearchParams({
          grant_type: 'interaction_code',
          interaction_code: code,
          code_verifier: verifier,
          redirect_uri: callbackPath(),
        }),
      });

    /**
     * An interaction code for a challenge whose verifier this test knows: the test starts the
     * interaction itself, authenticated as the app is.
     */
    async function interactionCode(verifier: string): Promise<{ code: string; nonce: string }> {
      const { createHash } = await import('node:crypto');
      const page = (await openWidgetPage(new Browser(), url('/login'))).options;
      const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
      const interact = await fetch(`${stack.issuer}/v1/interact`, {
        method: 'POST',
        headers: { authorization: basic() },
        body: new URLSearchParams({
          client_id: page.clientId,
          scope: page.scopes.join(' '),
          redirect_uri: page.redirectUri,
          code_challenge: codeChallenge,
          code_challenge_method: 'S256',
          state: page.state,
          nonce: page.nonce,
        }),
      });
      const { interaction_handle } = (await interact.json()) as { interaction_handle: string };
      const options: WidgetPageOptions = {
        ...page,
        codeChallenge,
        interactionHandle: interaction_handle,
      };
      const transaction = await identify(widgetAuthClient(options), options, ALICE);
      return {
        code: new URL(callbackUrl(options, transaction)).searchParams.get('interaction_code')!,
        nonce: options.nonce,
      };
    }

    it('issues tokens for the interaction code like the authorization code grant, without state', async () => {
      const verifier = 'v'.repeat(43);
      const { code, nonce } = await interactionCode(verifier);
      const response = await redeem(code, verifier);
      expect(response.status).toBe(200);
      const tokens = (await response.json()) as Record<string, string>;
      expect(Object.keys(tokens).sort()).toEqual(
        ['access_token', 'expires_in', 'id_token', 'scope', 'token_type'].sort(),
      );
      const keys = (await (await fetch(`${stack.issuer}/v1/keys`)).json()) as {
        keys: { kid: string }[];
      };
      const header = decodeProtectedHeader(tokens.id_token);
      expect(header.alg).toBe('RS256');
      expect(keys.keys.map((k) => k.kid)).toContain(header.kid);
      expect(decodeJwt(tokens.id_token)).toMatchObject({
        iss: stack.issuer,
        aud: stack.config.okta.clientId,
        sub: '00u1alice00000000000',
        nonce,
        groups: ['Everyone', 'admin'],
      });
    });

    it('rejects a wrong PKCE verifier, and the code is then spent', async () => {
      const verifier = 'w'.repeat(43);
      const { code } = await interactionCode(verifier);
      const wrong = await redeem(code, 'x'.repeat(43));
      expect(wrong.status).toBe(400);
      expect(await wrong.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'PKCE verification failed.',
      });
      expect((await redeem(code, verifier)).status).toBe(400);
    });

    it('allows credentialed CORS from the app origin only', async () => {
      const preflight = (origin: string) =>
        fetch(`${org()}/idp/idx/introspect`, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type,x-okta-user-agent-extended',
          },
        });
      const app = await preflight(stack.baseUrl);
      expect(app.headers.get('access-control-allow-origin')).toBe(stack.baseUrl);
      expect(app.headers.get('access-control-allow-credentials')).toBe('true');
      expect(app.headers.get('access-control-allow-headers')).toMatch(/X-Okta-User-Agent-Extended/);
      const foreign = await preflight('https://evil.example');
      expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers an unknown state handle with an IDX error, not a 500', async () => {
      const response = await fetch(`${org()}/idp/idx/identify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'alice@example.com', stateHandle: 'nope' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/application\/ion\+json/);
      const body = (await response.json()) as { messages: { value: { i18n: { key: string } }[] } };
      expect(body.messages.value[0].i18n.key).toBe('idx.session.expired');
      const garbage = await fetch(`${org()}/idp/idx/introspect`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      });
      expect(garbage.status).toBe(400);
    });
  });

  it('keeps a signed-in user on the site whatever dot segments returnTo hides a // behind', async () => {
    const browser = new Browser();
    const { callback } = await widgetSignIn(browser, '/login', ALICE);
    await browser.request(callback);
    for (const returnTo of ['/.//evil.example/x', '/..//evil.example/x', '/%2e//evil.example/x']) {
      const page = await browser.request(url(`/login?returnTo=${encodeURIComponent(returnTo)}`));
      expect({ returnTo, location: page.location }).toEqual({ returnTo, location: url('/') });
    }
  });
});

describe("The widget page's Content Security Policy, from the environment", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        OKTA_SIGN_IN_MODE: 'widget',
        OKTA_WIDGET_CSP_FRAME_SRC: 'none',
        OKTA_WIDGET_CSP_CONNECT_SRC: 'https://api.example.com http://localhost:*',
      },
    });
  });
  afterAll(() => stack.close());

  it('replaces the default sources of the directives the variables set, and keeps the others', async () => {
    const { headers } = await openWidgetPage(new Browser(), `${stack.baseUrl}/login`);
    const csp = headers.get('content-security-policy')!;
    expect(cspDirective(csp, 'frame-src')).toBe("frame-src 'self'");
    expect(cspDirective(csp, 'connect-src')).toBe(
      `connect-src 'self' ${new URL(stack.issuer).origin} https://api.example.com http://localhost:*`,
    );
    expect(cspDirective(csp, 'img-src')).toBe("img-src 'self' data: https://*.oktacdn.com");
  });
});

/** One directive of a policy, as written: its name and its sources. */
function cspDirective(policy: string, name: string): string | undefined {
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith(`${name} `));
}
