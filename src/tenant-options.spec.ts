import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config/config.error';
import { packageRoot } from './config/package-root';
import { readAppConfig } from './read-app-config';

type Env = Record<string, string | undefined>;

const SECRET = 'Zq8rT2vKx9LmN4pW6yB1cD3fG5hJ7kS0';
const ACME = {
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1acmeEXAMPLE',
  clientSecret: SECRET,
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tenant-options-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tenantsFile(tenants: Record<string, unknown>, more: object = {}): string {
  const file = join(dir, `tenants-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ ...more, tenants }));
  return file;
}

function problemsFor(env: Env): string[] {
  try {
    readAppConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected readAppConfig to throw a ConfigError');
}

describe('TENANTS_FILE in the app configuration', () => {
  it('is absent unless set', () => {
    expect(readAppConfig({}).tenants).toBeUndefined();
  });

  it('reads the tenants with the rest of the environment', () => {
    const file = tenantsFile({ acme: ACME, globex: {} });
    const settings = readAppConfig({ TENANTS_FILE: file, APP_BASE_URL: 'http://localhost:3000' });
    expect(settings.tenants?.file).toBe(file);
    expect(settings.tenants?.tenants.get('acme')?.oktaClient).toEqual(ACME);
    expect(settings.tenants?.tenants.get('globex')?.baseUrl).toBe('http://globex.localhost:3000');
  });

  it("accepts docs/multi-tenancy.md's example of a tenants file", () => {
    const guide = readFileSync(join(packageRoot(), 'docs', 'multi-tenancy.md'), 'utf8');
    const section = guide.slice(guide.indexOf('## The tenants file'));
    const example = /```json\n([\s\S]*?)```/.exec(section)?.[1];
    const file = join(dir, 'readme-tenants.json');
    writeFileSync(file, example ?? '');
    const tenants = readAppConfig({ TENANTS_FILE: file }).tenants;
    expect([...(tenants?.tenants.keys() ?? [])]).toEqual(['acme', 'globex']);
  });

  /** [case, the tenant's settings, the setting named, what the one problem says] */
  const rejections: [string, object, string, RegExp][] = [
    [
      'the Admin Console (-admin) domain',
      { ...ACME, issuer: 'https://acme-admin.okta.com/oauth2/default' },
      'issuer',
      /remove "-admin" \(use acme\.okta\.com\)/,
    ],
    [
      'the {yourOktaDomain} placeholder',
      { ...ACME, issuer: 'https://{yourOktaDomain}/oauth2/default' },
      'issuer',
      /still holds the \{yourOktaDomain\} placeholder/,
    ],
    [
      'a trailing slash',
      { ...ACME, issuer: `${ACME.issuer}/` },
      'issuer',
      /must not end with a slash/,
    ],
    [
      'an issuer on plain http',
      { ...ACME, issuer: 'http://acme.okta.com/oauth2/default' },
      'issuer',
      /must use https:\/\//,
    ],
    [
      'a placeholder client secret',
      { ...ACME, clientSecret: '{clientSecret}' },
      'clientSecret',
      /still holds a placeholder; copy the real value/,
    ],
    ['scopes without openid', { ...ACME, scopes: ['profile'] }, 'scopes', /must include "openid"/],
    [
      'an unknown client authentication method',
      { ...ACME, clientAuthentication: 'tls_client_auth' },
      'clientAuthentication',
      /must be one of client_secret_basic, client_secret_post, private_key_jwt; got "tls_client_auth"/,
    ],
    [
      'a post-logout URI on plain http',
      { ...ACME, postLogoutRedirectUri: 'http://acme.example.com' },
      'postLogoutRedirectUri',
      /must use https:\/\//,
    ],
  ];

  it.each(rejections)(
    "refuses %s with AuthModule's check, naming the file, tenant and setting",
    (_, acme, setting, says) => {
      const file = tenantsFile({ acme, globex: {} });
      const problems = problemsFor({ TENANTS_FILE: file });
      expect(problems).toHaveLength(1);
      expect(problems[0].startsWith(`${file}, tenant "acme", "${setting}": `)).toBe(true);
      expect(problems[0]).toMatch(says);
      expect(problems[0]).toMatch(new RegExp(`Example: "${setting}": [["]`));
      expect(problems[0]).not.toContain(SECRET);
    },
  );

  it('reports problems of the file together with those of the environment', () => {
    const file = tenantsFile({ Acme: {} });
    const problems = problemsFor({ TENANTS_FILE: file, OKTA_SIGN_IN_MODE: 'popup' });
    expect(problems).toEqual([
      expect.stringContaining(`${file}, tenant "Acme": a tenant id must be a lowercase DNS label`),
      expect.stringMatching(/^OKTA_SIGN_IN_MODE: /),
    ]);
  });

  it("refuses a development org on the app's port: orgs take the ports after DEV_IDP_PORT", () => {
    const file = tenantsFile({ acme: ACME, globex: {}, initech: {} });
    expect(problemsFor({ TENANTS_FILE: file, PORT: '8083', DEV_IDP_PORT: '8081' })).toEqual([
      `PORT and DEV_IDP_PORT: the development identity provider's org for tenant "initech" (from ${file}) listens on DEV_IDP_PORT + 2, which is PORT (8083); each needs a port of its own. Example: DEV_IDP_PORT=8084`,
    ]);
    expect(problemsFor({ TENANTS_FILE: file, DEV_IDP_PORT: '65535' })).toEqual([
      expect.stringMatching(
        /^DEV_IDP_PORT: .*tenant "globex".*DEV_IDP_PORT \+ 1, which is past 65535/,
      ),
      expect.stringMatching(/^DEV_IDP_PORT: .*tenant "initech".*DEV_IDP_PORT \+ 2, which is past/),
    ]);
    expect(() =>
      readAppConfig({ TENANTS_FILE: file, PORT: '8080', DEV_IDP_PORT: '0' }),
    ).not.toThrow();
  });
});
