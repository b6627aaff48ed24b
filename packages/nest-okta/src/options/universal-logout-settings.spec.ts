import type { AuthModuleOptions } from './auth-module-options';
import { AuthOptionsError } from './auth-options.error';
import { resolveAuthSettings } from './resolve-auth-settings';

const BASE: AuthModuleOptions = {
  issuer: 'https://dev-123456.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4EXAMPLE',
  clientSecret: 'a-client-secret',
  redirectUri: 'https://app.example.com/authorization-code/callback',
  postLogoutRedirectUri: 'https://app.example.com',
};

function problemsWith(options: Partial<AuthModuleOptions>): string {
  try {
    resolveAuthSettings({ ...BASE, ...options });
  } catch (error) {
    if (error instanceof AuthOptionsError) return error.message;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('Universal Logout and sign-out everywhere options', () => {
  it('has no Global Token Revocation endpoint unless asked, and sign-out everywhere at /logout/everywhere', () => {
    const settings = resolveAuthSettings(BASE);
    expect(settings.universalLogout).toBe(false);
    expect(settings.routes.logoutEverywhere).toBe('/logout/everywhere');
    expect(resolveAuthSettings({ ...BASE, universalLogout: false }).universalLogout).toBe(false);
  });

  it('derives the org from the issuer and the audience from the redirect URI', () => {
    expect(resolveAuthSettings({ ...BASE, universalLogout: {} }).universalLogout).toEqual({
      path: '/global-token-revocation',
      orgIssuer: 'https://dev-123456.okta.com',
      audience: 'https://app.example.com/global-token-revocation',
      rateLimit: { limit: 600, windowMs: 60_000 },
      emailSubjects: true,
    });
  });

  it('takes every setting as given', () => {
    const settings = resolveAuthSettings({
      ...BASE,
      routes: { logoutEverywhere: '/account/sign-out-all' },
      universalLogout: {
        path: '/okta/gtr',
        orgIssuer: 'https://login.example.com',
        audience: 'https://api.example.com/okta/gtr',
        rateLimit: { limit: 10, windowSeconds: 5 },
      },
    });
    expect(settings.routes.logoutEverywhere).toBe('/account/sign-out-all');
    expect(settings.universalLogout).toEqual({
      path: '/okta/gtr',
      orgIssuer: 'https://login.example.com',
      audience: 'https://api.example.com/okta/gtr',
      rateLimit: { limit: 10, windowMs: 5_000 },
      emailSubjects: true,
    });
    expect(
      resolveAuthSettings({ ...BASE, universalLogout: { rateLimit: false } }).universalLogout,
    ).toMatchObject({ rateLimit: false });
  });

  it.each<[string, Partial<AuthModuleOptions>, RegExp]>([
    [
      'a path that is no path',
      { universalLogout: { path: 'gtr' } },
      /universalLogout\.path: must be a path/,
    ],
    [
      'an org over plain http',
      { universalLogout: { orgIssuer: 'http://dev-123456.okta.com' } },
      /universalLogout\.orgIssuer: must use https:\/\//,
    ],
    [
      'an org with a trailing slash',
      { universalLogout: { orgIssuer: 'https://dev-123456.okta.com/' } },
      /universalLogout\.orgIssuer: must not end with a slash/,
    ],
    [
      'an audience with a query',
      { universalLogout: { audience: 'https://app.example.com/gtr?x=1' } },
      /universalLogout\.audience: must not have a query or fragment/,
    ],
    [
      'a rate limit of nothing',
      { universalLogout: { rateLimit: { limit: 0 } } },
      /universalLogout\.rateLimit: must be false or/,
    ],
    [
      'a setting that is not an object',
      { universalLogout: true as never },
      /universalLogout: must be false or/,
    ],
    [
      'an endpoint on the sign-out route',
      { universalLogout: { path: '/logout' } },
      /universalLogout\.path: "\/logout" is already another of the module's routes/,
    ],
    [
      'sign-out everywhere on the login route',
      { routes: { logoutEverywhere: '/login' } },
      /routes\.logoutEverywhere: "\/login" is already another/,
    ],
    [
      'a sign-out everywhere route that is no path',
      { routes: { logoutEverywhere: 'everywhere' } },
      /routes\.logoutEverywhere: must be a path/,
    ],
  ])('refuses %s', (_case, options, message) => {
    expect(problemsWith(options)).toMatch(message);
  });

  it('refuses a session index that is not one', () => {
    expect(problemsWith({ sessionIndex: {} as never })).toMatch(
      /sessionIndex: must be a SessionIndexStore/,
    );
  });
});
