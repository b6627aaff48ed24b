import { LogCollector } from './support/log-collector';
import { Browser, readForm } from './support/browser';
import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './support/app-instance';
import { HeldPort } from './support/held-port';
import { ALICE, signInUntilCallback } from './support/sign-in';
import { sessionIdOf } from './support/stored-sessions';
import { SessionStorage } from '../src/session/session-storage';

const SESSION_SECRET = 'a-session-secret-that-must-never-be-logged-3c9f';

describe('Logs', () => {
  const logs = new LogCollector();
  let client: ProviderClient;
  let app: AppInstance;

  beforeAll(async () => {
    const port = await HeldPort.hold();
    client = await startSharedProvider([port.number], { accessTokenTtlSeconds: 1 });
    app = await startAppInstance(
      port,
      client,
      {
        LOG_LEVEL: 'trace',
        SESSION_SECRET,
        OKTA_SCOPES: 'openid profile email offline_access',
      },
      logs,
    );
  });
  afterAll(async () => {
    await app?.close();
    await client?.provider.stop();
  });

  it('writes JSON lines with request ids, and never a token, code, cookie, session id or secret', async () => {
    const browser = new Browser();
    const callback = await signInUntilCallback(
      browser,
      app.url('/login?returnTo=/profile'),
      ALICE,
      app.url('/authorization-code/callback'),
    );
    await browser.request(callback);
    const replay = await browser.request(callback);
    expect(replay.status).toBe(400);

    const tokens = await sessionTokens(app);
    expect(tokens).toHaveLength(3);
    expect(tokens.every((token) => typeof token === 'string' && token.length > 20)).toBe(true);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(
      (await browser.request(app.url('/api/me/live'), { accept: 'application/json' })).status,
    ).toBe(200);
    const refreshed = await sessionTokens(app);
    const cookie = (await browser.cookieValue(app.url('/'), 'nest-okta.sid'))!;
    const sessionId = await sessionIdOf(browser, app.url('/'));
    const profile = await browser.request(app.url('/profile'));
    const signOut = readForm(profile.body, profile.url);
    await browser.request(signOut.action, { form: signOut.fields });

    const callbackUrl = new URL(callback);
    const secrets = {
      code: callbackUrl.searchParams.get('code')!,
      state: callbackUrl.searchParams.get('state')!,
      cookie,
      sessionId,
      clientSecret: client.clientSecret,
      sessionSecret: SESSION_SECRET,
      csrfToken: signOut.fields._csrf,
    };
    const written = logs.lines.join('\n');
    for (const [name, value] of Object.entries(secrets)) {
      expect(value.length).toBeGreaterThan(8);
      expect({ name, found: written.includes(value) }).toEqual({ name, found: false });
    }
    for (const token of [...tokens, ...refreshed]) expect(written).not.toContain(token);
    expect(written).not.toMatch(/eyJ[\w-]+\.eyJ/);

    const entries = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((entry) => entry.msg === 'request completed');
    expect(requests.length).toBeGreaterThanOrEqual(5);
    for (const entry of requests) {
      expect(entry).toMatchObject({
        req: { id: expect.any(String) as unknown, method: expect.any(String) as unknown },
        res: { statusCode: expect.any(Number) as unknown },
      });
    }
    expect(requests.map((entry) => (entry.req as { path: string }).path)).toContain(
      '/authorization-code/callback',
    );
    expect(
      entries.some(
        (entry) => entry.level === 40 && /expired|already used|state/i.test(String(entry.msg)),
      ),
    ).toBe(true);
  });

  it('logs a known error code from a callback, never the text the client sent', async () => {
    const junk = 'attacker-chosen-'.repeat(350);
    const browser = new Browser();
    const login = await browser.request(app.url('/login'));
    const state = new URL(login.location!).searchParams.get('state')!;
    const iss = encodeURIComponent(client.provider.issuer);
    const refused = await browser.request(
      app.url(
        `/authorization-code/callback?error=${junk}&error_description=${junk}&state=${state}&iss=${iss}`,
      ),
    );
    expect(refused.status).toBe(400);
    const written = logs.lines.join('\n');
    expect(written).not.toContain('attacker-chosen');
    expect(written).toMatch(/provider returned error=other/);
  });
});

/** The tokens held in the app's (memory) session store, where the token vault keeps them. */
async function sessionTokens(app: AppInstance): Promise<(string | undefined)[]> {
  const { store } = app.app.get(SessionStorage);
  const sessions = await new Promise<unknown[]>((resolve, reject) =>
    store.all!((error, all) =>
      error ? reject(error as Error) : resolve(Object.values(all ?? {})),
    ),
  );
  return sessions.flatMap((record) => {
    const { tokens } = record as { tokens?: Record<string, string> };
    return tokens ? [tokens.idToken, tokens.accessToken, tokens.refreshToken] : [];
  });
}
