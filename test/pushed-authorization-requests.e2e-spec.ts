import { Browser } from './support/browser';
import { CLOSED_PORT } from './support/closed-port';
import { LogCollector } from './support/log-collector';
import { ScriptedProvider } from './support/scripted-provider';
import { startStack, type Stack } from './support/stack';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DISCOVERY = '/.well-known/openid-configuration';

/**
 * PAR against a provider that does not offer it (its discovery document names no
 * pushed_authorization_request_endpoint): `true` cannot sign anyone in, and says why; `auto`
 * falls back to the whole authorize URL.
 */
describe('Pushed authorization requests without a PAR endpoint', () => {
  let provider: ScriptedProvider;
  const stacks: Stack[] = [];

  beforeAll(async () => {
    provider = await new ScriptedProvider().start();
  });
  afterAll(async () => {
    await Promise.all(stacks.map((stack) => stack.close()));
    await provider.stop();
  });

  async function stackWith(par: string, logs?: LogCollector): Promise<Stack> {
    const stack = await startStack({
      env: { ...provider.appEnv, OKTA_PAR: par, LOG_LEVEL: 'warn' },
      logDestination: logs,
    });
    stacks.push(stack);
    return stack;
  }

  it('answers 503 naming the setting with true, and warns of it at start-up', async () => {
    const logs = new LogCollector();
    const discoveries = provider.count(DISCOVERY);
    const stack = await stackWith('true', logs);
    // The warning comes from the org's discovery, fetched as the app starts.
    const warned = () => logs.lines.some((line) => line.includes('pushedAuthorizationRequests'));
    for (let wait = 0; wait < 40 && !warned(); wait++) await pause(50);
    expect(logs.lines.join('\n')).toContain(
      `pushedAuthorizationRequests is true, but ${provider.issuer} advertises no pushed_authorization_request_endpoint`,
    );

    const page = await new Browser().request(`${stack.baseUrl}/login`);
    expect(page.status).toBe(503);
    expect(page.body).toContain('(pushedAuthorizationRequests is true)');
    const json = await new Browser('application/json').request(`${stack.baseUrl}/login`);
    expect(json.status).toBe(503);
    expect(JSON.parse(json.body)).toMatchObject({
      statusCode: 503,
      message: expect.stringContaining('pushedAuthorizationRequests is true') as string,
    });
    // The start-up's discovery is the org's own: the sign-ins used it, and fetched none again.
    expect(provider.count(DISCOVERY) - discoveries).toBe(1);
  });

  it('starts while the provider cannot be reached, and the sign-in says so', async () => {
    const stack = await startStack({
      env: {
        ...provider.appEnv,
        OKTA_ISSUER: `http://127.0.0.1:${CLOSED_PORT}/oauth2/default`,
        OKTA_PAR: 'true',
      },
    });
    stacks.push(stack);
    const page = await new Browser('application/json').request(`${stack.baseUrl}/login`);
    expect(page.status).toBe(503);
    expect(JSON.parse(page.body)).toMatchObject({ error: 'Sign-in is unavailable' });
  });

  it('sends the whole authorize URL with auto', async () => {
    const stack = await stackWith('auto');
    const start = await new Browser().request(`${stack.baseUrl}/login`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.location!);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/authorize`);
    expect(authorize.searchParams.get('code_challenge')).toEqual(expect.any(String));
    expect(authorize.searchParams.has('request_uri')).toBe(false);
  });
});
