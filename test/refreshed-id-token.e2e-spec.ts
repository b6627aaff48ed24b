import { type AppInstance, startAppInstance } from './support/app-instance';
import { HeldPort } from './support/held-port';
import { Browser, signOut } from './support/browser';
import { LogCollector } from './support/log-collector';
import {
  type ProviderProxy,
  type RefreshIdToken,
  startProviderBehindProxy,
} from './support/provider-proxy';
import { ALICE, signIn } from './support/sign-in';
import { isSignedIn, sessionIdOf, sessionTokensOf, storedRecord } from './support/stored-sessions';
import { SessionStorage } from '../src/session/session-storage';

const TOKEN_TTL_SECONDS = 2;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * OpenID Connect Core 12.2: an ID token a refresh returns is checked like the sign-in's, and must
 * name the same user. The app signs users in at the development identity provider through a
 * proxy that can change the ID token in the answer to a refresh (re-signed with a key the key set
 * it serves includes, so only the change under test is wrong). `GET /api/me/live` refreshes the
 * access token, which lives two seconds here.
 */
describe('The ID token a refresh returns', () => {
  const logs = new LogCollector();
  let proxy: ProviderProxy;
  let app: AppInstance;
  let stopProvider: () => Promise<void>;

  beforeAll(async () => {
    const port = await HeldPort.hold();
    let client;
    ({ client, proxy } = await startProviderBehindProxy([port.number], {
      accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
    }));
    stopProvider = () => client.provider.stop();
    app = await startAppInstance(
      port,
      client,
      { OKTA_SCOPES: 'openid profile email offline_access', LOG_LEVEL: 'info' },
      logs,
    );
  });
  afterAll(async () => {
    await app?.close();
    await stopProvider?.();
  });
  afterEach(() => {
    proxy.refreshIdToken = 'as-issued';
  });

  /** Alice, signed in, once her access token has expired: her next API call refreshes it. */
  async function signedInUntilExpiry(): Promise<Browser> {
    const browser = new Browser();
    await signIn(browser, app.url('/login'), ALICE, app.url('/authorization-code/callback'));
    await pause(TOKEN_TTL_SECONDS * 1000 + 500);
    return browser;
  }

  const live = (browser: Browser) =>
    browser.request(app.url('/api/me/live'), { accept: 'application/json' });

  it.each<[RefreshIdToken, RegExp]>([
    ['wrong-iss', /ID token claim check failed: iss/],
    ['wrong-sub', /ID token names another user/],
    ['bad-signature', /ID token signature is invalid/],
  ])(
    'refuses a refresh whose ID token has a %s: the session ends with a 401, and the reason is logged',
    async (change, reason) => {
      const browser = await signedInUntilExpiry();
      const sessionId = await sessionIdOf(browser, app.baseUrl);
      proxy.refreshIdToken = change;
      logs.lines.splice(0);

      const answer = await live(browser);

      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 401 });
      expect(await isSignedIn(browser, app.url('/api/me'))).toBe(false);
      const store = app.app.get(SessionStorage).store;
      expect(await storedRecord(store, `${sessionId}:tokens`)).toBeFalsy();
      expect(logs.lines.filter((line) => /Ending session/.test(line)).join('\n')).toMatch(reason);
      // The refresh token that came with it is of no use to anyone: the app revokes it.
      expect(proxy.revoked).toContain(proxy.refreshAnswers.at(-1)?.refresh_token);
    },
  );

  it('accepts a refresh without an ID token, and signs out with the ID token of the sign-in', async () => {
    const browser = await signedInUntilExpiry();
    const signedIn = await sessionTokensOf(app, browser);
    proxy.refreshIdToken = 'missing';

    expect((await live(browser)).status).toBe(200);
    expect((await sessionTokensOf(app, browser)).accessToken).not.toBe(signedIn.accessToken);

    const signedOut = await signOut(browser, app.baseUrl);
    expect(new URL(signedOut.location!).searchParams.get('id_token_hint')).toBe(signedIn.idToken);
  });

  it('keeps the newest valid ID token, and signs out with it', async () => {
    const browser = await signedInUntilExpiry();
    const signedIn = await sessionTokensOf(app, browser);

    expect((await live(browser)).status).toBe(200);
    const refreshedIdToken = proxy.refreshAnswers.at(-1)?.id_token;
    expect(refreshedIdToken).toEqual(expect.any(String));
    expect(refreshedIdToken).not.toBe(signedIn.idToken);

    const signedOut = await signOut(browser, app.baseUrl);
    expect(new URL(signedOut.location!).searchParams.get('id_token_hint')).toBe(refreshedIdToken);
  });
});
