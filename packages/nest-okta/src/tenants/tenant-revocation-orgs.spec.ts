import { ThrottlerStorageService } from '@nestjs/throttler';
import { UnsecuredJWT } from 'jose';
import type { TenantAuthOptions } from '../options/auth-module-options';
import { TokenVault } from '../tokens/token-vault';
import { resolveTenantSettings } from './resolve-tenant-settings';
import { TenantRegistry } from './tenant-registry';
import { tenantRevocationOrgs } from './tenant-revocation-orgs';

function tenant(id: string, issuer: string): TenantAuthOptions {
  return {
    issuer,
    clientId: `0oa-${id}`,
    clientSecret: `${id}-secret-long-enough-for-anyone`,
    redirectUri: `https://${id}.app.example.com/authorization-code/callback`,
    postLogoutRedirectUri: `https://${id}.app.example.com`,
  };
}

/** A token as it arrives, before anything is verified: only its claimed issuer matters here. */
const claiming = (iss: string) => new UnsecuredJWT({ iss }).encode();

describe('tenantRevocationOrgs', () => {
  const throttlerStorage = new ThrottlerStorageService();
  const tenants = resolveTenantSettings({
    tenants: {
      resolve: 'host',
      baseDomain: 'app.example.com',
      byId: {
        // Two tenants at one org, each with its own authorization server; one at an org of its own.
        acme: tenant('acme', 'https://shared.okta.com/oauth2/aus-acme'),
        globex: tenant('globex', 'https://shared.okta.com/oauth2/aus-globex'),
        initech: tenant('initech', 'https://initech.okta.com/oauth2/default'),
      },
    },
    universalLogout: { audience: 'https://app.example.com/global-token-revocation' },
  });
  const registry = new TenantRegistry(tenants, { vault: new TokenVault(60_000), throttlerStorage });
  const orgFor = tenantRevocationOrgs(tenants, registry);
  afterAll(() => {
    registry.close();
    throttlerStorage.onApplicationShutdown();
  });

  it("picks the tenants signing in at the org the token's issuer names, with their issuers", () => {
    const shared = orgFor(claiming('https://shared.okta.com'))!;
    expect(shared.orgIssuer).toBe('https://shared.okta.com');
    expect(shared.sessions.map(({ tenant, issuer }) => [tenant, issuer])).toEqual([
      ['acme', 'https://shared.okta.com/oauth2/aus-acme'],
      ['globex', 'https://shared.okta.com/oauth2/aus-globex'],
    ]);
    expect(shared.authenticator).toBe(registry.scopeOf('acme')!.revocation!.authenticator);
    expect(orgFor(claiming('https://initech.okta.com'))!.sessions.map((s) => s.tenant)).toEqual([
      'initech',
    ]);
  });

  it('picks none for an org no tenant signs in at, or a token that is no JWT', () => {
    expect(orgFor(claiming('https://evil.okta.com'))).toBeUndefined();
    expect(orgFor(claiming('https://shared.okta.com/oauth2/aus-acme'))).toBeUndefined();
    expect(orgFor('not-a-jwt')).toBeUndefined();
    expect(orgFor(new UnsecuredJWT({}).encode())).toBeUndefined();
  });
});
