import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { type AppInstance, startAppInstance } from './support/app-instance';
import { Browser } from './support/browser';
import { HeldPort } from './support/held-port';
import { ALICE, signIn, signInUntilCallback } from './support/sign-in';
import { privateJwk, publicJwk, useKeyFolder } from './support/client-keys';

const CLIENT_ID = 'key-client';
const CALLBACK = '/authorization-code/callback';
const keys = useKeyFolder();

/**
 * One Okta app integration holding two public keys, as during a rotation: instances of the app
 * sign with either, by OKTA_PRIVATE_KEY_ID; a key Okta does not hold is refused cleanly.
 */
describe('private_key_jwt key rotation', () => {
  const oldKey = privateJwk('ec', 'key-2025');
  const newKey = privateJwk('ec', 'key-2026');
  const rotation = keys.file('rotation.jwks.json', { keys: [oldKey, newKey] });
  let provider: RunningIdentityProvider;
  let ports: HeldPort[];
  const apps: AppInstance[] = [];

  beforeAll(async () => {
    ports = await HeldPort.holdSeveral(4);
    provider = await launchDevIdentityProvider({
      port: 0,
      host: '127.0.0.1',
      clients: [
        {
          client_id: CLIENT_ID,
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [publicJwk(oldKey), publicJwk(newKey)] },
          redirect_uris: ports.map((port) => `http://127.0.0.1:${port.number}${CALLBACK}`),
          post_logout_redirect_uris: ports.map((port) => `http://127.0.0.1:${port.number}`),
        },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await Promise.all((ports ?? []).map((port) => port.release()));
    await provider?.stop();
  });

  async function appSigningWith(port: HeldPort, env: Record<string, string>): Promise<AppInstance> {
    const app = await startAppInstance(
      port,
      { provider, clientId: CLIENT_ID, clientSecret: '' },
      { OKTA_CLIENT_AUTH: 'private_key_jwt', ...env },
    );
    apps.push(app);
    return app;
  }

  it('signs in with either key of the JWKS, as OKTA_PRIVATE_KEY_ID names it', async () => {
    for (const [index, kid] of ['key-2025', 'key-2026'].entries()) {
      const app = await appSigningWith(ports[index], {
        OKTA_PRIVATE_KEY_FILE: rotation,
        OKTA_PRIVATE_KEY_ID: kid,
      });
      const landed = await signIn(new Browser(), app.url('/profile'), ALICE, app.url(CALLBACK));
      expect(landed.status).toBe(200);
      expect(landed.body).toContain(ALICE.username);
    }
  });

  it('fails a sign-in the provider refuses for a key it does not hold, and keeps no session', async () => {
    const stranger = keys.file('stranger.json', privateJwk('ec', 'key-2025'));
    const app = await appSigningWith(ports[2], { OKTA_PRIVATE_KEY_FILE: stranger });
    const browser = new Browser();
    const callback = await signInUntilCallback(
      browser,
      app.url('/profile'),
      ALICE,
      app.url(CALLBACK),
    );
    const failed = await browser.request(callback);
    expect(failed.status).toBe(502);
    expect(failed.body).toContain('Sign-in is misconfigured');
    expect(failed.body).toContain('did not accept the credentials of this app');
    // Nothing of the sign-in was kept: the protected page still sends the browser to sign in.
    const profile = await browser.request(app.url('/profile'));
    expect(profile.status).toBe(302);
    expect(profile.location).toBe(app.url('/login?returnTo=%2Fprofile'));
  });

  it('ends a sign-in whose pushed request the provider refuses with the usual page or JSON', async () => {
    const stranger = keys.file('par-stranger.json', privateJwk('ec', 'key-2026'));
    const app = await appSigningWith(ports[3], {
      OKTA_PRIVATE_KEY_FILE: stranger,
      OKTA_PAR: 'true',
    });
    const page = await new Browser().request(app.url('/login'));
    expect(page.status).toBe(502);
    expect(page.body).toContain('Sign-in is misconfigured');
    const json = await new Browser('application/json').request(app.url('/login'));
    expect(json.status).toBe(502);
    expect(JSON.parse(json.body)).toMatchObject({
      statusCode: 502,
      error: 'Sign-in is misconfigured',
    });
  });

  /** An assertion of the new key, as the module signs one, for `aud`. */
  function assertionFor(aud: string): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'key-2026' })
      .setIssuer(CLIENT_ID)
      .setSubject(CLIENT_ID)
      .setAudience(aud)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(createPrivateKey({ key: newKey as never, format: 'jwk' }));
  }

  /** A refresh with a token that is not one: the answer tells whether the client passed. */
  async function refreshWith(assertion: string): Promise<{ status: number; error: string }> {
    const response = await fetch(`${provider.issuer}/v1/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: 'not-a-refresh-token',
        client_id: CLIENT_ID,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    const { error } = (await response.json()) as { error: string };
    return { status: response.status, error };
  }

  it('refuses an assertion used a second time, as Okta does', async () => {
    const assertion = await assertionFor(`${provider.issuer}/v1/token`);
    // The client was authenticated; only the grant was wrong.
    expect(await refreshWith(assertion)).toMatchObject({ error: 'invalid_grant' });
    expect(await refreshWith(assertion)).toEqual({ status: 401, error: 'invalid_client' });
  });

  it('refuses an assertion whose aud is not the endpoint called', async () => {
    const assertion = await assertionFor(provider.issuer);
    expect(await refreshWith(assertion)).toEqual({ status: 401, error: 'invalid_client' });
  });
});
