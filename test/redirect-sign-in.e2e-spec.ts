import { Browser, readForm } from './support/browser';
import {
  ALICE,
  followToCallback,
  openSignInPage,
  signIn,
  signInUntilCallback,
  submitCredentials,
} from './support/sign-in';
import { useStack } from './support/stack';

const SESSION_COOKIE = 'nest-okta.sid';

describe('Sign-in with the redirect model, against the development identity provider', () => {
  const stack = useStack();
  const { url } = stack;

  it('sends /login to the authorization endpoint with state, nonce and PKCE S256', async () => {
    const browser = new Browser();
    const login = await browser.request(url('/login'));
    expect(login.status).toBe(302);
    const authorize = new URL(login.location!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${stack.issuer}/v1/authorize`);
    const params = authorize.searchParams;
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(stack.config.okta.clientId);
    expect(params.get('redirect_uri')).toBe(stack.callbackPrefix());
    expect(params.get('scope')).toBe('openid profile email');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(params.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    expect(params.get('state')).not.toBe(params.get('nonce'));
  });

  it('signs in from a protected page, lands back on it, and serves the claims as HTML and JSON', async () => {
    const browser = new Browser();
    const protectedPage = await browser.request(url('/profile'));
    expect(protectedPage.status).toBe(302);
    expect(protectedPage.location).toBe(url('/login?returnTo=%2Fprofile'));

    const callback = await signInUntilCallback(
      browser,
      url('/profile'),
      ALICE,
      stack.callbackPrefix(),
    );
    const sidBefore = await browser.cookieValue(stack.baseUrl, SESSION_COOKIE);
    const landed = await browser.request(callback);
    expect(landed.status).toBe(302);
    expect(landed.location).toBe(url('/profile'));
    const sidAfter = await browser.cookieValue(stack.baseUrl, SESSION_COOKIE);
    expect(sidAfter).toBeDefined();
    expect(sidAfter).not.toBe(sidBefore);

    const profile = await browser.request(url('/profile'));
    expect(profile.status).toBe(200);
    expect(profile.body).toContain('Alice');
    expect(profile.body).toContain('alice@example.com');
    expect(profile.body).toContain('00u');

    const me = await browser.request(url('/api/me'), { accept: 'application/json' });
    expect(me.status).toBe(200);
    const claims = JSON.parse(me.body) as Record<string, unknown>;
    expect(claims.email).toBe('alice@example.com');
    expect(typeof claims.preferred_username).toBe('string');
    expect(claims.sub).toMatch(/^00u/);
    expect(me.body).not.toMatch(/access_token|id_token|refresh_token/);

    const home = await browser.request(url('/'));
    expect(home.body).toContain('Welcome, Alice');
    expect(home.body).toContain('<code>email</code>');
  });

  it('keeps tokens out of the cookie, which is HttpOnly and SameSite=Lax', async () => {
    const browser = new Browser();
    const callback = await signInUntilCallback(
      browser,
      url('/login'),
      ALICE,
      stack.callbackPrefix(),
    );
    const landed = await browser.request(callback);
    const setCookie = landed.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie!.length).toBeLessThan(200);
    expect(landed.headers.getSetCookie().join('\n')).not.toMatch(/eyJ/);
  });

  it('signs out of the app and of the provider, so the next sign-in asks for the password', async () => {
    const browser = new Browser();
    await signIn(browser, url('/login'), ALICE, stack.callbackPrefix());
    const profile = await browser.request(url('/profile'));
    const form = readForm(profile.body, profile.url);
    expect(form.action).toBe(url('/logout'));

    const logout = await browser.request(form.action, { form: form.fields });
    expect(logout.status).toBe(302);
    const endSession = new URL(logout.location!);
    expect(`${endSession.origin}${endSession.pathname}`).toBe(`${stack.issuer}/v1/logout`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(stack.baseUrl);

    const me = await browser.request(url('/api/me'), { accept: 'application/json' });
    expect(me.status).toBe(401);
    expect(JSON.parse(me.body)).toMatchObject({ statusCode: 401 });

    const confirm = await browser.follow(logout.location!);
    const confirmForm = readForm(confirm.body, confirm.url);
    const done = await browser.follow(confirmForm.action, { form: confirmForm.fields });
    expect(done.url.startsWith(stack.baseUrl)).toBe(true);

    await openSignInPage(browser, url('/login'));
  });

  it('refuses a sign-out posted without the session CSRF token', async () => {
    const browser = new Browser();
    await signIn(browser, url('/login'), ALICE, stack.callbackPrefix());
    const forged = await browser.request(url('/logout'), { form: { _csrf: 'forged' } });
    expect(forged.status).toBe(403);
    expect((await browser.request(url('/api/me'), { accept: 'application/json' })).status).toBe(
      200,
    );
  });

  it('shows a clear error on the provider page for a wrong password and signs in nobody', async () => {
    const browser = new Browser();
    const signInPage = await openSignInPage(browser, url('/login'));
    const wrong = await submitCredentials(browser, signInPage, { ...ALICE, password: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatch(/Incorrect username or password/);
    expect((await browser.request(url('/api/me'), { accept: 'application/json' })).status).toBe(
      401,
    );
  });

  it('answers access_denied from the provider with a 403 page and no session', async () => {
    const browser = new Browser();
    const login = await browser.request(url('/login'));
    const state = new URL(login.location!).searchParams.get('state')!;
    const denied = await browser.request(
      `${stack.callbackPrefix()}?error=access_denied&error_description=User+is+not+assigned&state=${state}&iss=${encodeURIComponent(stack.issuer)}`,
    );
    expect(denied.status).toBe(403);
    expect(denied.body).toContain('Sign-in was denied');
    expect(denied.body).not.toMatch(/at \w+ \(|node_modules/);
    expect((await browser.request(url('/api/me'), { accept: 'application/json' })).status).toBe(
      401,
    );
  });

  it('rejects a callback whose state does not match the sign-in it started', async () => {
    const browser = new Browser();
    const callback = new URL(
      await signInUntilCallback(browser, url('/login'), ALICE, stack.callbackPrefix()),
    );
    callback.searchParams.set('state', 'not-the-state-we-sent');
    const mismatch = await browser.request(callback.toString());
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toContain('expired or was already used');
    expect((await browser.request(url('/api/me'), { accept: 'application/json' })).status).toBe(
      401,
    );
  });

  it('rejects a replayed callback, in the same browser and in another', async () => {
    const browser = new Browser();
    const callback = await signInUntilCallback(
      browser,
      url('/login'),
      ALICE,
      stack.callbackPrefix(),
    );
    expect((await browser.request(callback)).status).toBe(302);
    const replay = await browser.request(callback);
    expect(replay.status).toBe(400);

    const attacker = new Browser();
    const stolen = await attacker.request(callback);
    expect(stolen.status).toBe(400);
    expect((await attacker.request(url('/api/me'), { accept: 'application/json' })).status).toBe(
      401,
    );
  });

  it.each([
    ['no parameters', ''],
    ['a code without state', '?code=abc'],
    ['repeated codes', '?code=a&code=b&state=c'],
    ['an empty code', '?code=&state=abc'],
  ])('answers a callback with %s with a 400 page', async (_name, query) => {
    const browser = new Browser();
    const page = await browser.request(`${stack.callbackPrefix()}${query}`);
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('answers API clients with JSON errors', async () => {
    const api = new Browser('application/json');
    const page = await api.request(
      `${stack.callbackPrefix()}?code=abc&state=nope&iss=${encodeURIComponent(stack.issuer)}`,
    );
    expect(page.status).toBe(400);
    expect(JSON.parse(page.body)).toMatchObject({ statusCode: 400, error: 'Sign-in link expired' });
    const profile = await api.request(url('/profile'));
    expect(profile.status).toBe(401);
  });

  it('ignores a returnTo that leaves the site', async () => {
    for (const returnTo of ['https://evil.example', '//evil.example', '/\\evil.example']) {
      const browser = new Browser();
      const callback = await signInUntilCallback(
        browser,
        url(`/login?returnTo=${encodeURIComponent(returnTo)}`),
        ALICE,
        stack.callbackPrefix(),
      );
      const landed = await browser.request(callback);
      expect(landed.location).toBe(url('/'));
    }
  });

  it('keeps a signed-in user on the site whatever dot segments returnTo hides a // behind', async () => {
    const browser = new Browser();
    await signIn(browser, url('/login'), ALICE, stack.callbackPrefix());
    for (const returnTo of [
      '/.//evil.example/x',
      '/..//evil.example/x',
      '/%2e//evil.example/x',
      '/x/../..//evil.example/x',
    ]) {
      const page = await browser.request(url(`/login?returnTo=${encodeURIComponent(returnTo)}`));
      expect({ returnTo, location: page.location }).toEqual({ returnTo, location: url('/') });
    }
  });

  it('refuses a callback naming another issuer (RFC 9207), or none, and makes no session', async () => {
    for (const iss of ['https://evil.example/oauth2/default', undefined]) {
      const browser = new Browser();
      const callback = new URL(
        await signInUntilCallback(browser, url('/login'), ALICE, stack.callbackPrefix()),
      );
      expect(callback.searchParams.get('iss')).toBe(stack.issuer);
      if (iss === undefined) callback.searchParams.delete('iss');
      else callback.searchParams.set('iss', iss);
      const refused = await browser.request(callback.toString());
      expect(refused.status).toBe(400);
      expect(refused.body).toContain('did not come from the expected identity provider');
      expect((await browser.request(url('/api/me'), { accept: 'application/json' })).status).toBe(
        401,
      );
    }
  });

  it('completes sign-ins started in two tabs', async () => {
    const browser = new Browser();
    const first = await signInUntilCallback(
      browser,
      url('/login?returnTo=%2Fshop'),
      ALICE,
      stack.callbackPrefix(),
    );
    const second = await followToCallback(
      browser,
      url('/login?returnTo=%2Fprofile'),
      stack.callbackPrefix(),
    );
    expect((await browser.request(second)).location).toBe(url('/profile'));
    expect((await browser.request(first)).location).toBe(url('/shop'));
  });

  it('serves /health and public pages anonymously', async () => {
    const browser = new Browser();
    const health = await browser.request(url('/health'), { accept: 'application/json' });
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toEqual({
      status: 'ok',
      checks: { sessionStore: { kind: 'memory', status: 'up' } },
    });
    const home = await browser.request(url('/'));
    expect(home.status).toBe(200);
    expect(home.body).toContain('Sign in');
  });
});
