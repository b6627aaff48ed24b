import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { TenantAuthOptions } from 'nest-okta';
import type { ResolvedConfig } from '../src/dev-identity-provider/resolve-identity-provider';
import { startTenantApp } from './adoption/tenant-app.module';
import { Browser } from './support/browser';
import { HeldPort } from './support/held-port';
import { loopbackFetch } from './support/loopback-fetch';
import { signIn } from './support/sign-in';
import { resolveTenantsFile } from './support/tenants-stack';
import { ADA, GUS } from './support/tenant-visits';

/**
 * AuthModule adopted by an app that resolves tenants with its own function (a map of customer
 * domains), signing in at the development orgs of a tenants file.
 */

describe('AuthModule with a tenant resolver function', () => {
  let dir: string;
  let port: number;
  let resolved: ResolvedConfig;
  let app: NestExpressApplication;
  const at = (tenant: string, path: string) => `http://${tenant}.localhost:${port}${path}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tenant-resolver-'));
    const held = await HeldPort.hold();
    port = held.number;
    const file = join(dir, 'tenants.json');
    writeFileSync(
      file,
      JSON.stringify({ baseDomain: `localhost:${port}`, tenants: { acme: {}, globex: {} } }),
    );
    resolved = await resolveTenantsFile(file, port);
    const byId: Record<string, TenantAuthOptions> = {};
    for (const tenant of resolved.config.tenants!.tenants.values()) {
      const { issuer, clientId, clientSecret, redirectUri, postLogoutRedirectUri } = tenant;
      byId[tenant.id] = { issuer, clientId, clientSecret, redirectUri, postLogoutRedirectUri };
    }
    app = await startTenantApp(byId, held, 'a-session-secret-for-the-tenant-resolver-test');
  });

  afterAll(async () => {
    await app?.close();
    await Promise.all([...(resolved?.devOrgs?.values() ?? [])].map((org) => org.stop()));
    await resolved?.devIdentityProvider?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs each tenant in at its own org, and @CurrentUser() names the tenant', async () => {
    for (const [tenant, user] of [
      ['acme', ADA],
      ['globex', GUS],
    ] as const) {
      const browser = new Browser('application/json', loopbackFetch);
      await signIn(browser, at(tenant, '/login'), user, at(tenant, '/authorization-code/callback'));
      const whoami = await browser.request(at(tenant, '/api/whoami'));
      expect(JSON.parse(whoami.body)).toEqual({ email: user.username, tenant });
    }
  });

  it('answers 404 where the function names no tenant', async () => {
    const page = await new Browser('application/json', loopbackFetch).request(
      at('initech', '/login'),
    );
    expect(page.status).toBe(404);
    expect(JSON.parse(page.body)).toMatchObject({ error: 'Unknown tenant' });
  });
});
