import type { AuthModuleOptions, TenantAuthOptions } from './auth-module-options';
import { emailSubjectWarnings } from './email-subjects';
import { resolveAuthSettings } from './resolve-auth-settings';
import { resolveTenantSettings } from './resolve-tenant-settings';

const ONE_ORG: AuthModuleOptions = {
  issuer: 'https://dev-123456.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4EXAMPLE',
  clientSecret: 'a-client-secret',
  redirectUri: 'https://app.example.com/authorization-code/callback',
  postLogoutRedirectUri: 'https://app.example.com',
  universalLogout: {},
};

const tenant = (org: string, id: string, scopes?: string[]): TenantAuthOptions => ({
  issuer: `https://${org}.okta.com/oauth2/${id}`,
  clientId: `0oa-${id}`,
  clientSecret: `${id}-secret-long-enough-for-anyone`,
  redirectUri: `https://${id}.app.example.com/authorization-code/callback`,
  postLogoutRedirectUri: `https://${id}.app.example.com`,
  scopes,
});

describe('Universal Logout by email, as the scopes allow it', () => {
  it('finds users by email when the scopes ask for it, the default', () => {
    const settings = resolveAuthSettings(ONE_ORG);
    expect(settings.universalLogout).toMatchObject({ emailSubjects: true });
    expect(emailSubjectWarnings(new Map([[undefined, settings]]))).toEqual([]);
  });

  it('cannot without the email scope, and says so once', () => {
    const settings = resolveAuthSettings({ ...ONE_ORG, scopes: ['openid', 'profile'] });
    expect(settings.universalLogout).toMatchObject({ emailSubjects: false });
    const warnings = emailSubjectWarnings(new Map([[undefined, settings]]));
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Universal Logout by email cannot end any session for https:\/\/dev-123456\.okta\.com: the scopes lack "email".* answered 422/,
      ),
    ]);
  });

  it("answers per org: an email can find a session when any of the org's tenants records emails", () => {
    const { byId } = resolveTenantSettings({
      tenants: {
        resolve: 'host',
        baseDomain: 'app.example.com',
        byId: {
          acme: tenant('shared', 'acme', ['openid', 'profile']),
          initech: tenant('shared', 'initech'),
          globex: tenant('globex', 'globex', ['openid', 'profile']),
          hooli: tenant('globex', 'hooli', ['openid']),
        },
      },
      universalLogout: { audience: 'https://app.example.com/global-token-revocation' },
    });
    const emailSubjects = (id: string) => {
      const { universalLogout } = byId.get(id)!;
      return universalLogout && universalLogout.emailSubjects;
    };

    expect(['acme', 'initech', 'globex', 'hooli'].map(emailSubjects)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(emailSubjectWarnings(byId)).toEqual([
      expect.stringMatching(
        /^Universal Logout by email cannot end any session for https:\/\/globex\.okta\.com: the scopes of globex, hooli lack "email"/,
      ),
    ]);
  });
});
