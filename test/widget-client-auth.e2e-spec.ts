import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { type AppInstance, startAppInstance } from './support/app-instance';
import { Browser } from './support/browser';
import { HeldPort } from './support/held-port';
import { ALICE } from './support/sign-in';
import { callbackUrl, identify, openWidgetPage, widgetAuthClient } from './support/widget-client';
import { privateJwk, publicJwk, useKeyFolder } from './support/client-keys';

const KEY_CLIENT = 'widget-key-client';
const SECRET_CLIENT = { clientId: 'widget-secret-client', secret: 'a-widget-secret-never-shown-1' };
const CALLBACK = '/login/callback';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const keys = useKeyFolder();

/**
 * The embedded widget with a confidential client: the app starts the interaction at
 * `/v1/interact` itself, authenticated as at the token endpoint, and the page carries only the
 * interaction handle. The development provider refuses an unauthenticated interact for such a
 * client, so a page with a handle shows the app's interact was authenticated.
 */
describe('the Sign-In Widget with a confidential client: a server-started interaction', () => {
  const rsaKey = privateJwk('rsa', 'widget-rs256');
  const ecKey = privateJwk('ec', 'widget-es256');
  let provider: RunningIdentityProvider;
  let ports: HeldPort[];
  const apps: AppInstance[] = [];

  beforeAll(async () => {
    ports = await HeldPort.holdSeveral(4);
    const redirectUris = ports.map((port) => `http://127.0.0.1:${port.number}${CALLBACK}`);
    provider = await launchDevIdentityProvider({
      port: 0,
      host: '127.0.0.1',
      clients: [
        {
          client_id: KEY_CLIENT,
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [publicJwk(rsaKey), publicJwk(ecKey)] },
          redirect_uris: redirectUris,
          grant_types: ['authorization_code', 'interaction_code'],
        },
        {
          client_id: SECRET_CLIENT.clientId,
          client_secret: SECRET_CLIENT.secret,
          token_endpoint_auth_method: 'client_secret_basic',
          redirect_uris: redirectUris,
          grant_types: ['authorization_code', 'interaction_code'],
        },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all((ports ?? []).map((port) => port.release()));
    await provider?.stop();
  });

  async function widgetApp(
    port: HeldPort,
    client: { clientId: string; clientSecret: string },
    env: Record<string, string>,
  ): Promise<AppInstance> {
    const app = await startAppInstance(
      port,
      { provider, ...client },
      { OKTA_SIGN_IN_MODE: 'widget', ...env },
    );
    apps.push(app);
    return app;
  }

  /** What must never reach the browser: the secret, an assertion, a private key's parts. */
  function expectNoCredentials(page: string, secrets: string[]) {
    expect(page).not.toMatch(/client_secret|client_assertion/);
    expect(page).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
    for (const secret of secrets) expect(page).not.toContain(secret);
  }

  /** The interact the widget would send for a public client: no authentication at all. */
  async function unauthenticatedInteract(clientId: string, redirectUri: string) {
    const response = await fetch(`${provider.issuer}/v1/interact`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: clientId,
        scope: 'openid profile email',
        redirect_uri: redirectUri,
        code_challenge: 'c'.repeat(43),
        code_challenge_method: 'S256',
        state: 'some-state',
      }),
    });
    return { status: response.status, body: (await response.json()) as { error?: string } };
  }

  it.each([
    { name: 'private_key_jwt RS256', port: 0, key: rsaKey },
    { name: 'private_key_jwt ES256', port: 1, key: ecKey },
    { name: 'client_secret_basic', port: 2, key: undefined },
  ])(
    'signs in through the widget with $name; the page holds a handle and no credential',
    async ({ port, key }) => {
      const app = key
        ? await widgetApp(
            ports[port],
            { clientId: KEY_CLIENT, clientSecret: '' },
            {
              OKTA_CLIENT_AUTH: 'private_key_jwt',
              OKTA_PRIVATE_KEY_FILE: keys.file(`${String(key.kid)}.json`, key),
            },
          )
        : await widgetApp(
            ports[port],
            { clientId: SECRET_CLIENT.clientId, clientSecret: SECRET_CLIENT.secret },
            { OKTA_CLIENT_AUTH: 'client_secret_basic' },
          );
      const clientId = key ? KEY_CLIENT : SECRET_CLIENT.clientId;
      // Such a client cannot start an interaction unauthenticated, as the browser would.
      expect(await unauthenticatedInteract(clientId, app.url(CALLBACK))).toEqual({
        status: 401,
        body: expect.objectContaining({ error: 'invalid_client' }) as unknown,
      });

      const browser = new Browser();
      const { options, body } = await openWidgetPage(browser, app.url('/login'));
      expect(options.interactionHandle).toEqual(expect.any(String));
      expectNoCredentials(body, key ? [String(key.d)] : [SECRET_CLIENT.secret]);

      const transaction = await identify(widgetAuthClient(options), options, ALICE);
      await browser.follow(callbackUrl(options, transaction));
      const me = await browser.request(app.url('/api/me'), { accept: 'application/json' });
      expect(me.status).toBe(200);
      expect(JSON.parse(me.body)).toMatchObject({ email: ALICE.username });
    },
  );

  it('fails cleanly, with no session, when the provider refuses the key at /v1/interact', async () => {
    const stranger = privateJwk('ec', String(ecKey.kid));
    const app = await widgetApp(
      ports[3],
      { clientId: KEY_CLIENT, clientSecret: '' },
      {
        OKTA_CLIENT_AUTH: 'private_key_jwt',
        OKTA_PRIVATE_KEY_FILE: keys.file('stranger.json', stranger),
      },
    );
    const browser = new Browser();
    const page = await browser.request(app.url('/login?returnTo=%2Fprofile'));
    expect(page.status).toBe(502);
    expect(page.body).toContain('Sign-in is misconfigured');
    expect(page.body).not.toContain('okta-sign-in-widget-options');
    const json = await new Browser('application/json').request(app.url('/login'));
    expect(json.status).toBe(502);
    expect(JSON.parse(json.body)).toMatchObject({
      statusCode: 502,
      error: 'Sign-in is misconfigured',
    });
    const profile = await browser.request(app.url('/profile'));
    expect(profile.status).toBe(302);
    expect(profile.location).toBe(app.url('/login?returnTo=%2Fprofile'));
  });

  describe("the development provider's /v1/interact", () => {
    const form = (extra: Record<string, string>) =>
      new URLSearchParams({
        client_id: KEY_CLIENT,
        scope: 'openid',
        redirect_uri: `http://127.0.0.1:${ports[0].number}${CALLBACK}`,
        code_challenge: 'c'.repeat(43),
        code_challenge_method: 'S256',
        state: 'some-state',
        ...extra,
      });
    const interact = async (body: URLSearchParams, headers: Record<string, string> = {}) => {
      const response = await fetch(`${provider.issuer}/v1/interact`, {
        method: 'POST',
        headers,
        body,
      });
      const json = (await response.json()) as { error?: string; interaction_handle?: string };
      return { status: response.status, error: json.error, handle: json.interaction_handle };
    };
    const assertion = (aud: string) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: String(ecKey.kid) })
        .setIssuer(KEY_CLIENT)
        .setSubject(KEY_CLIENT)
        .setAudience(aud)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(createPrivateKey({ key: ecKey as never, format: 'jwk' }));
    const withAssertion = (jwt: string) =>
      form({ client_assertion_type: JWT_BEARER, client_assertion: jwt });

    it('takes an assertion for its own URL once, and refuses it a second time', async () => {
      const jwt = await assertion(`${provider.issuer}/v1/interact`);
      expect(await interact(withAssertion(jwt))).toMatchObject({
        status: 200,
        handle: expect.any(String) as unknown,
      });
      expect(await interact(withAssertion(jwt))).toMatchObject({
        status: 401,
        error: 'invalid_client',
      });
    });

    it('refuses an assertion whose aud is another endpoint', async () => {
      const jwt = await assertion(`${provider.issuer}/v1/token`);
      expect(await interact(withAssertion(jwt))).toMatchObject({
        status: 401,
        error: 'invalid_client',
      });
    });

    it("refuses a wrong secret, and a secret for a key's client", async () => {
      const basic = (id: string, secret: string) => ({
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
      });
      const secretForm = form({ client_id: SECRET_CLIENT.clientId });
      expect(await interact(secretForm, basic(SECRET_CLIENT.clientId, 'wrong'))).toMatchObject({
        status: 401,
        error: 'invalid_client',
      });
      expect(
        await interact(secretForm, basic(SECRET_CLIENT.clientId, SECRET_CLIENT.secret)),
      ).toMatchObject({ status: 200 });
      expect(await interact(form({ client_secret: SECRET_CLIENT.secret }))).toMatchObject({
        status: 401,
        error: 'invalid_client',
      });
    });
  });
});
