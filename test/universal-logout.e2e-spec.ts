import { SessionStorage } from '../src/session/session-storage';
import { LogCollector } from './support/log-collector';
import { Browser } from './support/browser';
import { type ProviderClient, startSharedProvider } from './support/app-instance';
import { CLOSED_PORT } from './support/closed-port';
import { HeldPort } from './support/held-port';
import { refresh, type TokenClient, tokenClientOf } from './support/provider-tokens';
import { universalLogoutFromProvider } from './support/provider-universal-logout';
import { ALICE, BOB, signIn } from './support/sign-in';
import { startStack, type Stack } from './support/stack';
import { isSignedIn, refreshTokenOf, signOutEverywhere } from './support/stored-sessions';
import { emailSubject, postRevocation, TestOrg } from './support/test-org';
import { startUniversalLogoutApp, type UniversalLogoutApp } from './support/universal-logout-app';

const CALLBACK = '/authorization-code/callback';
const ENDPOINT = '/global-token-revocation';
const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/**
 * The app as `npm start` runs it with zero configuration (memory sessions, the development
 * identity provider), which sends Universal Logout the way Okta does.
 */
describe('Universal Logout sent by the development identity provider (memory sessions)', () => {
  const logs = new LogCollector();
  let stack: Stack;
  let tokenClient: TokenClient;
  const url = (path: string) => `${stack.baseUrl}${path}`;

  beforeAll(async () => {
    stack = await startStack({
      env: { OKTA_SCOPES: 'openid profile email offline_access', LOG_LEVEL: 'info' },
      logDestination: logs,
    });
    tokenClient = tokenClientOf(stack.config);
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function signedInAs(credentials: typeof BOB): Promise<Browser> {
    const browser = new Browser();
    await signIn(browser, url('/login'), credentials, url(CALLBACK));
    expect(await isSignedIn(browser, url('/api/me'))).toBe(true);
    return browser;
  }

  const refreshTokenIn = (browser: Browser) =>
    refreshTokenOf(browser, stack.baseUrl, stack.app.get(SessionStorage).store);

  it.each(['email', 'iss_sub'] as const)(
    'by %s: signs Bob out in both his browsers, revokes his refresh tokens, and leaves Alice alone',
    async (format) => {
      const [bobAtWork, bobAtHome, alice] = [
        await signedInAs(BOB),
        await signedInAs(BOB),
        await signedInAs(ALICE),
      ];
      const bobsTokens = [await refreshTokenIn(bobAtWork), await refreshTokenIn(bobAtHome)];
      const alicesToken = await refreshTokenIn(alice);

      expect(await universalLogoutFromProvider(stack.issuer, BOB.username, format)).toBe(204);

      expect(await isSignedIn(bobAtWork, url('/api/me'))).toBe(false);
      expect(await isSignedIn(bobAtHome, url('/api/me'))).toBe(false);
      for (const token of bobsTokens) {
        const refused = await refresh(tokenClient, token);
        expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      }
      expect(await isSignedIn(alice, url('/api/me'))).toBe(true);
      expect((await refresh(tokenClient, alicesToken)).status).toBe(200);
    },
  );

  it('answers 204 for a user without a session: there was nothing to end', async () => {
    expect(await universalLogoutFromProvider(stack.issuer, 'carol@example.com')).toBe(204);
  });

  it('logs the subject format and the outcome, never the token or the whole email', async () => {
    logs.lines.splice(0);
    await signedInAs(BOB);
    expect(await universalLogoutFromProvider(stack.issuer, BOB.username)).toBe(204);

    const line = logs.lines.find((l) => /Universal Logout \(email/.test(l));
    expect(line).toMatch(/email b…@example\.com\): 1 session\(s\) ended, 1 refresh token\(s\)/);
    const everything = logs.lines.join('\n');
    expect(everything).not.toContain(BOB.username);
    expect(everything).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
  });

  it("signs out everywhere from one browser: the other browser's session ends too, Alice's not", async () => {
    const [here, there, alice] = [
      await signedInAs(BOB),
      await signedInAs(BOB),
      await signedInAs(ALICE),
    ];
    const thereToken = await refreshTokenIn(there);

    const signedOut = await signOutEverywhere(here, url('/profile'));
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toMatch(new RegExp(`^${stack.issuer}/v1/logout\\?`));

    expect(await isSignedIn(here, url('/api/me'))).toBe(false);
    expect(await isSignedIn(there, url('/api/me'))).toBe(false);
    expect((await refresh(tokenClient, thereToken)).body.error).toBe('invalid_grant');
    expect(await isSignedIn(alice, url('/api/me'))).toBe(true);
  });

  it('refuses sign out everywhere without the form’s CSRF token, and ends nothing', async () => {
    const [here, there] = [await signedInAs(BOB), await signedInAs(BOB)];

    const forged = await here.request(url('/logout/everywhere'), { form: { _csrf: 'guessed' } });
    expect(forged.status).toBe(403);
    expect(await isSignedIn(here, url('/api/me'))).toBe(true);
    expect(await isSignedIn(there, url('/api/me'))).toBe(true);
  });
});

/**
 * An app trusting an org of the test's own, so each request below is right in every way but the
 * one under test: anything not proven to come from the org is refused, and ends nothing.
 */
describe('The Global Token Revocation endpoint', () => {
  let org: TestOrg;
  let client: ProviderClient;
  let app: UniversalLogoutApp;
  let audience: string;
  let bob: Browser;

  beforeAll(async () => {
    org = await TestOrg.start();
    const port = await HeldPort.hold();
    client = await startSharedProvider([port.number]);
    audience = `http://127.0.0.1:${port.number}${ENDPOINT}`;
    app = await startUniversalLogoutApp({
      port,
      client,
      universalLogout: { orgIssuer: org.issuer, rateLimit: false },
    });
    bob = new Browser();
    await signIn(bob, app.url('/login'), BOB, app.url(CALLBACK));
  });
  afterAll(async () => {
    await app?.close();
    await client?.provider.stop();
    await org?.stop();
  });

  const post = (body: unknown, token?: string, contentType?: string) =>
    postRevocation(app.url(ENDPOINT), body, token, contentType);

  async function forgedKey() {
    const { generateKeyPair } = await import('jose');
    return (await generateKeyPair('RS256')).privateKey;
  }

  const unsigned = (claims: Record<string, unknown>) =>
    `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;

  it.each<[string, () => Promise<string | undefined>]>([
    ['no token', () => Promise.resolve(undefined)],
    ['a token that is no JWT', () => Promise.resolve('not-a-jwt')],
    [
      'a signature by another key under the org’s key id',
      async () => org.sign(audience, {}, await forgedKey()),
    ],
    ['another issuer', () => org.sign(audience, { iss: 'https://evil.example' })],
    ['another audience', () => org.sign(`${audience}-elsewhere`)],
    ['an expired token', () => org.sign(audience, { iat: now() - 900, exp: now() - 300 })],
    [
      'alg none',
      () =>
        Promise.resolve(
          unsigned({ iss: org.issuer, aud: audience, iat: now(), exp: now() + 300, jti: 'x' }),
        ),
    ],
  ])('answers 401 to %s, and ends nothing', async (_case, token) => {
    const answer = await post(emailSubject(BOB.username), await token());

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await isSignedIn(bob, app.url('/api/me'))).toBe(true);
  });

  it('answers 401 to a replayed token, even naming someone else, and ends nothing', async () => {
    const token = await org.sign(audience);
    expect((await post(emailSubject('carol@example.com'), token)).status).toBe(204);

    expect((await post(emailSubject(BOB.username), token)).status).toBe(401);
    expect(await isSignedIn(bob, app.url('/api/me'))).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['a body that is not JSON', 'subject=bob', FORM_TYPE],
    ['JSON without a subject', { user: BOB.username }, JSON_TYPE],
    [
      'an unknown subject format',
      { subject: { format: 'phone_number', phone_number: '+1' } },
      JSON_TYPE,
    ],
    [
      'an email subject without an address',
      { subject: { format: 'email', email: 'bob' } },
      JSON_TYPE,
    ],
    [
      'an iss_sub subject without sub',
      { subject: { format: 'iss_sub', iss: 'https://issuer.example' } },
      JSON_TYPE,
    ],
  ])('answers 400 to %s from the org, and ends nothing', async (_case, body, contentType) => {
    const answer = await post(body, await org.sign(audience), contentType);

    expect(answer.status).toBe(400);
    expect(await isSignedIn(bob, app.url('/api/me'))).toBe(true);
  });

  it('answers 400 to JSON that does not parse', async () => {
    const answer = await post('{"subject": ', await org.sign(audience));
    expect(answer.status).toBe(400);
    expect(await isSignedIn(bob, app.url('/api/me'))).toBe(true);
  });

  /**
   * Bodies the app's parser (Nest's, ahead of every route) refuses with 400, 413 or 415 when it
   * reads them. From a client that is not the org they must never be read: the token is checked
   * first, at every spelling of the endpoint's path the app routes to it, so such a client learns
   * nothing about the parser, and costs no parsing.
   */
  it.each<[string, string, string, Record<string, string>?]>([
    ['JSON that does not parse', '{"subject": ', JSON_TYPE],
    [
      'a body over the parser’s size limit',
      JSON.stringify({ pad: 'x'.repeat(200_000) }),
      JSON_TYPE,
    ],
    ['a charset the parser cannot read', '{}', 'application/json; charset=koi8-r'],
    ['an unknown content encoding', '{}', JSON_TYPE, { 'content-encoding': 'x-unknown' }],
    ['a form nested deeper than the parser allows', `a${'[b]'.repeat(40)}=1`, FORM_TYPE],
  ])(
    'answers 401 to %s without a valid token: the token is checked before the body is read',
    async (_case, body, contentType, headers = {}) => {
      const forged = await org.sign(audience, {}, await forgedKey());
      for (const path of [ENDPOINT, ENDPOINT.toUpperCase(), `${ENDPOINT}/`]) {
        for (const token of [undefined, forged]) {
          const authorization: Record<string, string> = token
            ? { authorization: `Bearer ${token}` }
            : {};
          const answer = await fetch(app.url(path), {
            method: 'POST',
            headers: { 'content-type': contentType, ...authorization, ...headers },
            body,
          });
          expect({ path, token: !!token, status: answer.status }).toEqual({
            path,
            token: !!token,
            status: 401,
          });
          expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
          expect(await answer.json()).toEqual({
            error: 'invalid_token',
            error_description: 'The request is not authenticated by the Okta org.',
          });
        }
      }
      expect(await isSignedIn(bob, app.url('/api/me'))).toBe(true);
    },
  );

  it('reads the body once the token is proven: one over the parser’s limit is then refused', async () => {
    const big = JSON.stringify({ ...emailSubject(BOB.username), pad: 'x'.repeat(200_000) });
    const answer = await post(big, await org.sign(audience));
    expect(answer.status).toBe(413);
    expect(await isSignedIn(bob, app.url('/api/me'))).toBe(true);
  });

  it('signs Bob out for a request from the org, by email or by the org’s own iss_sub', async () => {
    expect((await post(emailSubject('BOB@example.com'), await org.sign(audience))).status).toBe(
      204,
    );
    expect(await isSignedIn(bob, app.url('/api/me'))).toBe(false);

    // Okta still has Bob signed in (single sign-on): no password is asked.
    expect((await bob.follow(app.url('/login?returnTo=/api/me'))).status).toBe(200);
    const { sub } = JSON.parse((await bob.request(app.url('/api/me'))).body) as { sub: string };
    const byOrg = { subject: { format: 'iss_sub', iss: org.issuer, sub } };
    expect((await post(byOrg, await org.sign(audience))).status).toBe(204);
    expect(await isSignedIn(bob, app.url('/api/me'))).toBe(false);
  });
});

describe('The Global Token Revocation endpoint under load or without its org', () => {
  let client: ProviderClient;
  let app: UniversalLogoutApp;
  let orgIssuer: string;

  beforeAll(async () => {
    const port = await HeldPort.hold();
    orgIssuer = `http://127.0.0.1:${CLOSED_PORT}`;
    client = await startSharedProvider([port.number]);
    app = await startUniversalLogoutApp({
      port,
      client,
      universalLogout: {
        orgIssuer,
        rateLimit: { limit: 3, windowSeconds: 60 },
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await client?.provider.stop();
  });

  it('answers 503 while the org’s keys cannot be fetched, then 429 once over its budget', async () => {
    const claims = Buffer.from(JSON.stringify({ iss: orgIssuer })).toString('base64url');
    const token = `${Buffer.from('{"alg":"RS256","kid":"k"}').toString('base64url')}.${claims}.c2ln`;
    for (let request = 0; request < 3; request++) {
      expect(
        (await postRevocation(app.url(ENDPOINT), emailSubject(BOB.username), token)).status,
      ).toBe(503);
    }
    const limited = await postRevocation(app.url(ENDPOINT), emailSubject(BOB.username), token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

/**
 * Tokens forged under a new `kid` each, claiming the org the app trusts (its `iss`, the right
 * `aud`): each names a key the app has not seen, which could send it to fetch the org's keys
 * again. However many arrive, the org's key set is fetched about once a second, and a real
 * rotation in the middle of the flood still gets in.
 */
describe('The Global Token Revocation endpoint flooded with made-up key ids', () => {
  let org: TestOrg;
  let client: ProviderClient;
  let app: UniversalLogoutApp;
  let audience: string;

  beforeAll(async () => {
    org = await TestOrg.start();
    const port = await HeldPort.hold();
    client = await startSharedProvider([port.number]);
    audience = `http://127.0.0.1:${port.number}${ENDPOINT}`;
    app = await startUniversalLogoutApp({
      port,
      client,
      universalLogout: { orgIssuer: org.issuer, rateLimit: false },
    });
  });
  afterAll(async () => {
    await app?.close();
    await client?.provider.stop();
    await org?.stop();
  });

  const nobody = emailSubject('carol@example.com');
  const genuine = async () =>
    (await postRevocation(app.url(ENDPOINT), nobody, await org.sign(audience))).status;

  /** `senders` clients, each sending forgeries back to back for `ms`: the statuses they got. */
  async function flood(senders: number, ms: number): Promise<number[]> {
    const until = Date.now() + ms;
    const statuses: number[] = [];
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (Date.now() < until) {
          const forged = await org.forge(audience);
          statuses.push((await postRevocation(app.url(ENDPOINT), nobody, forged)).status);
        }
      }),
    );
    return statuses;
  }

  it('fetches the org’s keys about once a second, however many made-up kids arrive', async () => {
    expect(await genuine()).toBe(204);
    const before = org.keyFetches;
    const started = Date.now();

    const statuses = await flood(50, 2_000);

    const seconds = (Date.now() - started) / 1000;
    expect(statuses.length).toBeGreaterThanOrEqual(50);
    expect(new Set(statuses)).toEqual(new Set([401]));
    expect(org.keyFetches - before).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
  });

  it('picks up a real rotation within a second, in the middle of a flood', async () => {
    const flooding = flood(50, 2_500);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await org.rotate();
    const token = await org.sign(audience);

    const sent = Date.now();
    const answer = await postRevocation(app.url(ENDPOINT), nobody, token);

    expect(answer.status).toBe(204);
    expect(Date.now() - sent).toBeLessThan(1_500);
    expect(new Set(await flooding)).toEqual(new Set([401]));
  });
});

function now(): number {
  return Math.floor(Date.now() / 1000);
}
