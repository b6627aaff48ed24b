import { Browser } from './support/browser';
import { ScriptedProvider, SLOW_TOKEN_MS } from './support/scripted-provider';
import { startStack } from './support/stack';

/**
 * `main.ts` enables Nest's shutdown hooks, so SIGTERM runs `app.close()`: these tests hold
 * `app.close()` to its promise while a sign-in is still talking to the identity provider.
 */
describe('Graceful shutdown', () => {
  let provider: ScriptedProvider;

  beforeAll(async () => {
    provider = await new ScriptedProvider().start();
    provider.behaviour = 'token-slow';
  });
  afterAll(() => provider.stop());

  it('lets an in-flight sign-in finish, then stops accepting connections', async () => {
    const stack = await startStack({
      env: {
        OKTA_ISSUER: provider.issuer,
        OKTA_CLIENT_ID: provider.clientId,
        OKTA_CLIENT_SECRET: provider.clientSecret,
      },
    });
    const browser = new Browser();
    const login = await browser.request(`${stack.baseUrl}/login?returnTo=%2Fprofile`);
    const callback = await browser.request(login.location!);
    const tokenCallsBefore = provider.count('/token');

    const inFlight = browser.request(callback.location!);
    while (provider.count('/token') === tokenCallsBefore) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const closingStarted = Date.now();
    const closed = stack.close();

    const landed = await inFlight;
    expect(landed.status).toBe(302);
    expect(landed.location).toBe(`${stack.baseUrl}/profile`);
    await closed;
    expect(Date.now() - closingStarted).toBeGreaterThanOrEqual(SLOW_TOKEN_MS / 2);
    await expect(fetch(`${stack.baseUrl}/health/live`)).rejects.toThrow();
  });
});
