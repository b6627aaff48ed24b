import { Browser } from './support/browser';
import { LogCollector } from './support/log-collector';
import { universalLogoutFromProvider } from './support/provider-universal-logout';
import { BOB, signIn } from './support/sign-in';
import { startStack, type Stack } from './support/stack';
import { isSignedIn } from './support/stored-sessions';

const CALLBACK = '/authorization-code/callback';

/**
 * The app as `OKTA_SCOPES="openid profile" npm start` runs it: without the `email` scope its
 * sessions record no email address, so a Universal Logout naming a user by email can find no
 * session. Answering 204 would tell Okta the user was signed out while they were not; the app
 * says it cannot (422), and says so at start-up. The app's only app started in this file, so
 * its start-up lines come to this file's log (see `LogCollector`).
 */
describe('Universal Logout when the scopes lack email (OKTA_SCOPES="openid profile")', () => {
  const logs = new LogCollector();
  let stack: Stack;
  const url = (path: string) => `${stack.baseUrl}${path}`;

  beforeAll(async () => {
    stack = await startStack({
      env: { OKTA_SCOPES: 'openid profile', LOG_LEVEL: 'info' },
      logDestination: logs,
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function bobSignedIn(): Promise<Browser> {
    const browser = new Browser();
    await signIn(browser, url('/login'), BOB, url(CALLBACK));
    expect(await isSignedIn(browser, url('/api/me'))).toBe(true);
    return browser;
  }

  it('warns at start-up that Universal Logout by email cannot work with these scopes', () => {
    const warnings = logs.lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter(({ msg }) => /Universal Logout by email/.test(msg));
    expect(warnings).toHaveLength(1);
    // pino's level 40: a warning.
    expect(warnings[0].level).toBe(40);
    expect(warnings[0].msg).toMatch(/cannot end any session.*lack "email".*422/);
  });

  it('answers a logout by email with 422, in one log line saying why, and ends nothing', async () => {
    const bob = await bobSignedIn();
    logs.lines.splice(0);

    expect(await universalLogoutFromProvider(stack.issuer, BOB.username, 'email')).toBe(422);

    const lines = logs.lines.filter((line) => /Universal Logout \(email/.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/b…@example\.com\) not done: .*no email.*: 422/);
    expect(logs.lines.join('\n')).not.toContain(BOB.username);
    // Okta knows the user was not signed out; the session is as it was.
    expect(await isSignedIn(bob, url('/api/me'))).toBe(true);
  });

  it('still signs Bob out by iss_sub', async () => {
    const bob = await bobSignedIn();
    expect(await universalLogoutFromProvider(stack.issuer, BOB.username, 'iss_sub')).toBe(204);
    expect(await isSignedIn(bob, url('/api/me'))).toBe(false);
  });
});
