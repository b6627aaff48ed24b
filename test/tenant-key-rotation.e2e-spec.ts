import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TenantAuthOptions } from 'nest-okta';
import {
  launchDevIdentityProvider,
  type DevIdentityProviderOptions,
  type RunningIdentityProvider,
} from 'okta-dev-idp';
import { startTenantApp } from './adoption/tenant-app.module';
import { Browser } from './support/browser';
import { HeldPort } from './support/held-port';
import { loopbackFetch } from './support/loopback-fetch';
import { signIn } from './support/sign-in';
import { ADA, GUS } from './support/tenant-visits';

/**
 * Each tenant's org rotates its signing keys on its own schedule. The development org makes new
 * keys at every start, so restarting Acme's org (same port, issuer and client) is a rotation:
 * Acme's next ID token carries a `kid` the app has never seen, and only Acme's key set may be
 * fetched again for it.
 */
describe("One tenant's org rotating its signing keys", () => {
  let port: number;
  let app: NestExpressApplication;
  const orgOptions = new Map<string, DevIdentityProviderOptions>();
  const orgs = new Map<string, RunningIdentityProvider>();
  const at = (tenant: string, path: string) => `http://${tenant}.localhost:${port}${path}`;

  async function startOrg(tenant: string): Promise<void> {
    orgs.set(tenant, await launchDevIdentityProvider(orgOptions.get(tenant)!));
  }

  async function signedIn(tenant: string, user: { username: string; password: string }) {
    const browser = new Browser('application/json', loopbackFetch);
    await signIn(browser, at(tenant, '/login'), user, at(tenant, '/authorization-code/callback'));
    const whoami = await browser.request(at(tenant, '/api/whoami'));
    expect(whoami.status).toBe(200);
    return JSON.parse(whoami.body) as { email: string; tenant: string };
  }

  /** The `kid`s an org publishes at its key set (`{issuer}/v1/keys`). */
  async function keyIds(tenant: string): Promise<string[]> {
    const jwks = await fetch(`${orgOptions.get(tenant)!.issuer}/v1/keys`);
    expect(jwks.status).toBe(200);
    return ((await jwks.json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
  }

  beforeAll(async () => {
    const held = await HeldPort.hold();
    port = held.number;
    const byId: Record<string, TenantAuthOptions> = {};
    for (const tenant of ['acme', 'globex']) {
      const clientSecret = randomBytes(24).toString('base64url');
      const redirectUri = at(tenant, '/authorization-code/callback');
      const postLogoutRedirectUri = at(tenant, '/');
      const options: DevIdentityProviderOptions = {
        org: tenant,
        port: 0,
        host: '127.0.0.1',
        clients: [
          {
            client_id: `client-${tenant}`,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            post_logout_redirect_uris: [postLogoutRedirectUri],
          },
        ],
      };
      const org = await launchDevIdentityProvider(options);
      orgs.set(tenant, org);
      // Started again on the port it picked, a rotation keeps its issuer.
      orgOptions.set(tenant, { ...options, port: org.port, issuer: org.issuer });
      byId[tenant] = {
        issuer: org.issuer,
        clientId: `client-${tenant}`,
        clientSecret,
        redirectUri,
        postLogoutRedirectUri,
      };
    }
    app = await startTenantApp(byId, held, 'a-session-secret-for-the-key-rotation-test');
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([...orgs.values()].map((org) => org.stop()));
  });

  it("verifies Acme's tokens under its new keys, and Globex's as before", async () => {
    expect(await signedIn('acme', ADA)).toEqual({ email: ADA.username, tenant: 'acme' });
    expect(await signedIn('globex', GUS)).toEqual({ email: GUS.username, tenant: 'globex' });

    const acmeKeys = await keyIds('acme');
    const globexKeys = await keyIds('globex');
    await orgs.get('acme')!.stop();
    await startOrg('acme');
    // A rotation indeed: Acme's org signs with keys the app has not seen; Globex's are unchanged.
    expect((await keyIds('acme')).some((kid) => acmeKeys.includes(kid))).toBe(false);
    expect(await keyIds('globex')).toEqual(globexKeys);

    expect(await signedIn('acme', ADA)).toEqual({ email: ADA.username, tenant: 'acme' });
    expect(await signedIn('globex', GUS)).toEqual({ email: GUS.username, tenant: 'globex' });
  });
});
