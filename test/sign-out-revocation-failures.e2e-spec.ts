import { Browser, signOut } from './support/browser';
import { LogCollector } from './support/log-collector';
import { ScriptedProvider } from './support/scripted-provider';
import { sessionTokensOf } from './support/stored-sessions';
import { startStack, type Stack } from './support/stack';

/**
 * Revocation is best effort: a provider that refuses or never answers it delays sign-out by the
 * provider timeout at most, and the app logs why, never with the token. This suite reads the
 * app's logs, so its app is the first and only one in this file.
 */
describe('Sign-out when revocation fails', () => {
  const logs = new LogCollector();
  let provider: ScriptedProvider;
  let stack: Stack;

  beforeAll(async () => {
    provider = await new ScriptedProvider().start();
    stack = await startStack({
      env: { ...provider.appEnv, LOG_LEVEL: 'warn' },
      logDestination: logs,
    });
  });
  afterAll(async () => {
    await stack?.close();
    await provider?.stop();
  });
  afterEach(() => {
    provider.behaviour = 'honest';
  });

  async function signedIn(): Promise<{ browser: Browser; accessToken: string }> {
    const browser = new Browser();
    const login = await browser.request(`${stack.baseUrl}/login`);
    const callback = await browser.request(login.location!);
    expect((await browser.request(callback.location!)).status).toBe(302);
    const { accessToken } = await sessionTokensOf(stack, browser);
    return { browser, accessToken };
  }

  it('revokes with client_secret_basic and the access_token hint when the provider answers', async () => {
    const { browser, accessToken } = await signedIn();
    expect((await signOut(browser, stack.baseUrl)).status).toBe(302);
    expect(provider.revoked).toContainEqual({ token: accessToken, hint: 'access_token' });
  });

  it.each(['revocation-fails', 'revocation-hangs'] as const)(
    'still signs out, within the provider timeout, when %s, and logs it without the token',
    async (behaviour) => {
      const { browser, accessToken } = await signedIn();
      provider.behaviour = behaviour;
      const logged = logs.lines.length;
      const started = Date.now();
      const loggedOut = await signOut(browser, stack.baseUrl);
      // The provider timeout is 5 seconds by default.
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(loggedOut.status).toBe(302);
      expect(loggedOut.location).toMatch(new RegExp(`^${provider.issuer}/logout\\?id_token_hint=`));
      const me = await browser.request(`${stack.baseUrl}/api/me`, { accept: 'application/json' });
      expect(me.status).toBe(401);

      const written = logs.lines.slice(logged).join('\n');
      expect(written).toMatch(/could not revoke the access_token|stopped waiting/);
      expect(written).not.toContain(accessToken);
    },
  );
});
