import { ThrottlerStorageService } from '@nestjs/throttler';
import { UnsecuredJWT } from 'jose';
import type { TenantAuthOptions } from '../options/auth-module-options';
import { TokenVault } from '../tokens/token-vault';
import { resolveOrgSettings } from '../options/org-settings';
import { revocationOrgs } from './revocation-orgs';
import { ScopeRegistry } from './scope-registry';

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

describe('revocationOrgs', () => {
  const throttlerStorage = new ThrottlerStorageService();
  const orgs = resolveOrgSettings({
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
  const registry = new ScopeRegistry(orgs, { vault: new TokenVault(60_000), throttlerStorage });
  const orgFor = revocationOrgs(registry);
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

  it('picks the one org of a module without tenants', () => {
    const single = new ScopeRegistry(
      resolveOrgSettings({
        ...tenant('solo', 'https://solo.okta.com/oauth2/default'),
        universalLogout: {},
      }),
      { vault: new TokenVault(60_000), throttlerStorage },
    );
    try {
      const org = revocationOrgs(single)(claiming('https://solo.okta.com'))!;
      expect(org.sessions.map(({ tenant, issuer }) => [tenant, issuer])).toEqual([
        [undefined, 'https://solo.okta.com/oauth2/default'],
      ]);
      expect(revocationOrgs(single)(claiming('https://other.okta.com'))).toBeUndefined();
    } finally {
      single.close();
    }
  });
});
