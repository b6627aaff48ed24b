import { Browser } from './support/browser';
import { type Behaviour, ScriptedProvider } from './support/scripted-provider';
import { startStack, type Stack } from './support/stack';

/**
 * Relying-party checks against a provider that breaks the protocol on purpose. Every failure
 * must give a clear page with the right status, leave no session, and leave the app healthy.
 */
describe('Sign-in against a misbehaving provider', () => {
  let provider: ScriptedProvider;
  let stack: Stack;
  const url = (path: string) => `${stack.baseUrl}${path}`;

  beforeAll(async () => {
    provider = await new ScriptedProvider().start();
    stack = await startStack({ env: provider.appEnv });
  });
  afterAll(async () => {
    await stack.close();
    await provider.stop();
  });
  afterEach(() => {
    provider.behaviour = 'honest';
  });

  async function attemptSignIn(): Promise<{ status: number; body: string; browser: Browser }> {
    const browser = new Browser();
    const login = await browser.request(url('/login?returnTo=%2Fprofile'));
    const callback = await browser.request(login.location!);
    const landed = await browser.request(callback.location!);
    return { status: landed.status, body: landed.body, browser };
  }

  async function expectSignedOut(browser: Browser): Promise<void> {
    const me = await browser.request(url('/api/me'), { accept: 'application/json' });
    expect(me.status).toBe(401);
  }

  it('signs in when the provider follows the protocol, sending PKCE and client_secret_basic', async () => {
    const { status, browser } = await attemptSignIn();
    expect(status).toBe(302);
    const me = await browser.request(url('/api/me'), { accept: 'application/json' });
    expect(JSON.parse(me.body)).toMatchObject({ sub: 'user-1', email: 'scripted@example.com' });
  });

  it.each<[Behaviour, number, string]>([
    ['id-token-forged', 401, 'could not verify'],
    ['id-token-alg-none', 401, 'could not verify'],
    ['id-token-wrong-nonce', 401, 'could not verify'],
    ['id-token-wrong-aud', 401, 'could not verify'],
    ['id-token-wrong-iss', 401, 'could not verify'],
    ['id-token-expired', 401, 'could not verify'],
    ['id-token-missing', 502, 'could not use'],
    ['id-token-not-a-jwt', 401, 'could not verify'],
    ['id-token-bad-payload', 401, 'could not verify'],
    ['id-token-number', 502, 'could not use'],
    ['id-token-object', 502, 'could not use'],
    ['userinfo-other-sub', 401, 'inconsistent information'],
    ['userinfo-not-json', 502, 'could not use'],
    ['token-refused', 400, 'did not accept this sign-in'],
    ['token-html', 502, 'could not use'],
    ['token-server-error', 503, 'cannot be reached'],
  ])('answers %s with %i and no session', async (behaviour, expectedStatus, words) => {
    provider.behaviour = behaviour;
    const { status, body, browser } = await attemptSignIn();
    expect(status).toBe(expectedStatus);
    expect(body).toContain(words);
    expect(body).not.toMatch(/node_modules|at \w+ \(/);
    await expectSignedOut(browser);
  });

  it('gives up on a token endpoint that never answers with a 503', async () => {
    provider.behaviour = 'token-hangs';
    const started = Date.now();
    const { status, browser } = await attemptSignIn();
    expect(status).toBe(503);
    expect(Date.now() - started).toBeLessThan(15_000);
    await expectSignedOut(browser);
  });

  it('fetches discovery and keys once, and never calls the provider for signed-in requests', async () => {
    const { browser } = await attemptSignIn();
    const before = new Map(provider.calls);
    for (let i = 0; i < 5; i++) {
      expect((await browser.request(url('/api/me'), { accept: 'application/json' })).status).toBe(
        200,
      );
      expect((await browser.request(url('/profile'))).status).toBe(200);
    }
    expect(provider.calls).toEqual(before);
    await attemptSignIn();
    expect(provider.count('/.well-known/openid-configuration')).toBe(1);
    expect(provider.count('/keys')).toBe(1);
    expect(provider.count('/token') - (before.get('/token') ?? 0)).toBe(1);
    expect(provider.count('/userinfo') - (before.get('/userinfo') ?? 0)).toBe(1);
  });
});

describe('Sign-in while the provider is unreachable', () => {
  let stack: Stack;
  const url = (path: string) => `${stack.baseUrl}${path}`;

  beforeAll(async () => {
    const closed = await new ScriptedProvider().start();
    await closed.stop();
    stack = await startStack({
      env: { OKTA_ISSUER: closed.issuer, OKTA_CLIENT_ID: 'client', OKTA_CLIENT_SECRET: 'secret' },
    });
  });
  afterAll(() => stack.close());

  it('answers /login with a clear 503 page while public pages keep working', async () => {
    const browser = new Browser();
    const login = await browser.request(url('/login'));
    expect(login.status).toBe(503);
    expect(login.body).toContain('cannot be reached');
    expect((await browser.request(url('/'))).status).toBe(200);
    expect((await browser.request(url('/health'))).status).toBe(200);
    expect((await browser.request(url('/login'))).status).toBe(503);
  });
});
