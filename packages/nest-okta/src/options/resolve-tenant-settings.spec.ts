import type { Request } from 'express';
import type { MultiTenantAuthModuleOptions, TenantAuthOptions } from './auth-module-options';
import { AuthOptionsError } from './auth-options.error';
import { resolveTenantSettings } from './resolve-tenant-settings';

const acme: TenantAuthOptions = {
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa-acme',
  clientSecret: 'acme-secret-long-enough-for-anyone',
  redirectUri: 'https://acme.app.example.com/authorization-code/callback',
  postLogoutRedirectUri: 'https://acme.app.example.com',
};
const globex: TenantAuthOptions = {
  ...acme,
  issuer: 'https://globex.okta.com/oauth2/default',
  clientId: '0oa-globex',
  redirectUri: 'https://globex.app.example.com/authorization-code/callback',
  postLogoutRedirectUri: 'https://globex.app.example.com',
  groupsClaim: 'roles',
};

function options(
  tenants: Partial<MultiTenantAuthModuleOptions['tenants']>,
): MultiTenantAuthModuleOptions {
  return {
    tenants: { resolve: 'host', baseDomain: 'app.example.com', byId: { acme, globex }, ...tenants },
  };
}

function problemsOf(given: MultiTenantAuthModuleOptions): string[] {
  try {
    resolveTenantSettings(given);
  } catch (error) {
    if (error instanceof AuthOptionsError)
      return error.problems.map((p) => `${p.option}: ${p.message}`);
    throw error;
  }
  throw new Error('Expected the options to be refused');
}

const requestAt = (host: string) => ({ host }) as Request;

describe('resolveTenantSettings', () => {
  it("resolves each tenant's settings from its own Okta app integration", () => {
    const { byId } = resolveTenantSettings(options({}));
    expect(byId.get('acme')).toMatchObject({ issuer: acme.issuer, groupsClaim: 'groups' });
    expect(byId.get('globex')).toMatchObject({ clientId: '0oa-globex', groupsClaim: 'roles' });
    expect(byId.get('globex')!.routes.login).toBe('/login');
  });

  it('resolves hosts under the base domain to tenant ids, and nothing else', () => {
    const { resolve } = resolveTenantSettings(options({}));
    if (resolve === 'path') throw new Error('resolved by host');
    expect(resolve(requestAt('acme.app.example.com'))).toBe('acme');
    expect(resolve(requestAt('GLOBEX.App.Example.com'))).toBe('globex');
    expect(resolve(requestAt('app.example.com'))).toBeUndefined();
    expect(resolve(requestAt('a.b.app.example.com'))).toBeUndefined();
    expect(resolve(requestAt('acme.evil.example.com'))).toBeUndefined();
  });

  it('signs a tenant in with the embedded widget at its own org, beside a redirect tenant', () => {
    const widget = { signInMode: 'widget', widget: { signInHint: 'Globex people only' } } as const;
    const { byId } = resolveTenantSettings({
      ...options({ byId: { acme, globex: { ...globex, ...widget } } }),
      widget: { signInHint: 'Everyone', language: 'de' },
    });
    expect(byId.get('acme')).toMatchObject({
      signInMode: 'redirect',
      widget: { signInHint: 'Everyone', language: 'de' },
    });
    expect(byId.get('globex')).toMatchObject({
      signInMode: 'widget',
      issuer: globex.issuer,
      // The tenant's own widget settings replace the shared ones, one by one.
      widget: { signInHint: 'Globex people only', language: 'de' },
    });
  });

  it("checks Universal Logout against each tenant's own org, at the one endpoint's URL", () => {
    const audience = 'https://app.example.com/global-token-revocation';
    const { byId } = resolveTenantSettings({ ...options({}), universalLogout: { audience } });
    expect(byId.get('acme')!.universalLogout).toMatchObject({
      orgIssuer: 'https://acme.okta.com',
      audience,
    });
    expect(byId.get('globex')!.universalLogout).toMatchObject({
      orgIssuer: 'https://globex.okta.com',
      audience,
    });
    expect(
      problemsOf({
        ...options({}),
        universalLogout: { orgIssuer: 'https://acme.okta.com' },
      }),
    ).toEqual([
      expect.stringMatching(/^universalLogout\.audience: is required with tenants/),
      expect.stringMatching(/^universalLogout\.orgIssuer: is each tenant's own/),
    ]);
  });

  it('uses a resolver function as given', () => {
    const resolve = () => 'acme';
    expect(resolveTenantSettings(options({ resolve })).resolve).toBe(resolve);
  });

  it("serves a tenant resolved by path its callback at the redirect URI's path after the prefix", () => {
    const under = (id: string) => ({
      redirectUri: `https://app.example.com/t/${id}/authorization-code/callback`,
      postLogoutRedirectUri: `https://app.example.com/t/${id}/`,
    });
    const tenants = resolveTenantSettings(
      options({
        resolve: 'path',
        baseDomain: undefined,
        byId: { acme: { ...acme, ...under('acme') }, globex: { ...globex, ...under('globex') } },
      }),
    );
    expect(tenants.resolve).toBe('path');
    expect(tenants.byId.get('acme')!.routes).toMatchObject({
      login: '/login',
      callback: '/authorization-code/callback',
    });
    expect(tenants.byId.get('acme')!.redirectUri).toBe(under('acme').redirectUri);
  });

  it("refuses a path tenant's redirect URI outside its prefix, or on another module route", () => {
    expect(
      problemsOf(
        options({
          resolve: 'path',
          baseDomain: undefined,
          byId: {
            acme: { ...acme, redirectUri: 'https://app.example.com/t/globex/callback' },
            globex: { ...globex, redirectUri: 'https://app.example.com/t/globex/login' },
          },
        }),
      ),
    ).toEqual([
      "tenants.byId.acme.redirectUri: must be under the tenant's path /t/acme/ when tenants are resolved by path",
      'tenants.byId.globex.redirectUri: its path after /t/globex ("/login") cannot be a route of its own',
    ]);
  });

  it('names the tenant in every problem with its Okta settings', () => {
    expect(
      problemsOf(
        options({
          byId: {
            acme: { ...acme, issuer: 'https://acme-admin.okta.com/oauth2/default' },
            globex: { ...globex, redirectUri: 'http://globex.example.com/callback' },
          },
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^tenants\.byId\.acme\.issuer: .*admin/),
      expect.stringMatching(/^tenants\.byId\.globex\.redirectUri: must use https/),
    ]);
  });

  it('refuses unknown resolutions and ids that cannot be host names', () => {
    expect(
      problemsOf(options({ resolve: 'subdomain' as 'host', byId: { Acme: acme, globex } })),
    ).toEqual([
      'tenants.resolve: must be "host", "path" or a function (req) => tenant id; got "subdomain"',
      'tenants.byId.Acme: is not a lowercase DNS label',
    ]);
    expect(problemsOf(options({ baseDomain: undefined }))).toEqual([
      'tenants.baseDomain: is required to resolve tenants by host',
    ]);
    expect(problemsOf(options({ byId: {} }))).toEqual(['tenants.byId: names no tenant']);
    expect(problemsOf(options({ resolve: 'path', byId: { acme } }))).toEqual([
      'tenants.baseDomain: applies to host resolution only; leave it out with "path"',
      expect.stringMatching(/^tenants\.byId\.acme\.redirectUri: must be under/),
    ]);
  });
});
