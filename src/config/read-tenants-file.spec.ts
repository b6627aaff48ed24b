import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from './package-root';
import { readTenantsFile, type TenantsFileContext } from './read-tenants-file';
import { tenantRelyingParty } from './tenants-config';

const DEVELOPMENT: TenantsFileContext = { production: false, appBaseUrl: 'http://localhost:8080' };
const PRODUCTION: TenantsFileContext = { production: true, appBaseUrl: 'https://app.example.com' };
/** Looks like a real client secret; no message may ever contain it. */
const SECRET = 'Zq8rT2vKx9LmN4pW6yB1cD3fG5hJ7kS0';
const ACME_OKTA = {
  issuer: 'https://acme.okta.com/oauth2/default',
  clientId: '0oa1acmeEXAMPLE',
  clientSecret: SECRET,
};

/**
 * A tenant's client authentication when the file says nothing of it: AuthModule's default (its
 * client secret, Basic), and no PAR.
 */
const SECRET_BASIC = {
  clientAuthentication: undefined,
  privateKey: undefined,
  privateKeyId: undefined,
  pushedAuthorizationRequests: false,
};

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tenants-file-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `content` (JSON unless a string) to a file of its own and reads it. */
function read(content: unknown, context = DEVELOPMENT) {
  const file = join(dir, `tenants-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const problems: string[] = [];
  const config = readTenantsFile(file, context, problems);
  return { file, config, problems };
}

describe('readTenantsFile: valid files', () => {
  it("reads the repository's tenants.example.json: two development tenants on localhost", () => {
    const problems: string[] = [];
    const file = join(packageRoot(), 'tenants.example.json');
    const config = readTenantsFile(file, DEVELOPMENT, problems);
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ resolution: 'host', baseDomain: 'localhost:8080' });
    expect([...config!.tenants.keys()]).toEqual(['acme', 'globex']);
    const acme = config!.tenants.get('acme')!;
    expect(acme).toEqual({
      id: 'acme',
      displayName: 'Acme Corporation',
      oktaClient: undefined,
      signInMode: 'redirect',
      scopes: ['openid', 'profile', 'email'],
      groupsClaim: undefined,
      postLogoutRedirectUri: undefined,
      clientAuth: SECRET_BASIC,
      baseUrl: 'http://acme.localhost:8080',
    });
    expect(tenantRelyingParty(acme)).toEqual({
      signInMode: 'redirect',
      scopes: ['openid', 'profile', 'email'],
      redirectUri: 'http://acme.localhost:8080/authorization-code/callback',
      postLogoutRedirectUri: 'http://acme.localhost:8080',
      universalLogout: false,
    });
    expect(config!.tenants.get('globex')).toMatchObject({ signInMode: 'widget' });
  });

  it('names a tenant by its id when the file gives it no displayName', () => {
    const { config, problems } = read({ tenants: { initech: {} } });
    expect(problems).toEqual([]);
    expect(config!.tenants.get('initech')).toMatchObject({ id: 'initech', displayName: 'initech' });
  });

  it("follows the app to any port: the example names none, and a port of its own must be the app's", () => {
    const elsewhere = { production: false, appBaseUrl: 'http://localhost:9420' };
    const problems: string[] = [];
    const config = readTenantsFile(
      join(packageRoot(), 'tenants.example.json'),
      elsewhere,
      problems,
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ baseDomain: 'localhost:9420' });
    expect(config!.tenants.get('acme')).toMatchObject({ baseUrl: 'http://acme.localhost:9420' });
    const bound = read({ baseDomain: 'localhost:8080', tenants: { acme: {} } }, elsewhere);
    expect(bound.problems).toEqual([
      `${bound.file}, "baseDomain": its port ("8080") must be APP_BASE_URL's ("9420"), the port the app listens on; leave "baseDomain" out to follow APP_BASE_URL, or set "localhost:9420". Example: "baseDomain": "localhost:8080" (tenants at acme.localhost:8080)`,
    ]);
  });

  it('reads an Okta tenant with every setting, under path resolution', () => {
    const { config, problems } = read(
      {
        resolution: 'path',
        tenants: {
          acme: {
            ...ACME_OKTA,
            displayName: ' Acme Corporation ',
            issuer: ` ${ACME_OKTA.issuer} `,
            signInMode: 'widget',
            scopes: ['openid', 'profile', 'openid', 'offline_access'],
            groupsClaim: 'roles',
            postLogoutRedirectUri: 'https://acme.example.com/bye',
          },
        },
      },
      PRODUCTION,
    );
    expect(problems).toEqual([]);
    const acme = config!.tenants.get('acme')!;
    expect(acme).toEqual({
      id: 'acme',
      displayName: 'Acme Corporation',
      oktaClient: ACME_OKTA,
      signInMode: 'widget',
      scopes: ['openid', 'profile', 'offline_access'],
      groupsClaim: 'roles',
      postLogoutRedirectUri: 'https://acme.example.com/bye',
      clientAuth: SECRET_BASIC,
      baseUrl: 'https://app.example.com/t/acme',
    });
    expect(tenantRelyingParty(acme)).toMatchObject({
      redirectUri: 'https://app.example.com/t/acme/login/callback',
      postLogoutRedirectUri: 'https://acme.example.com/bye',
    });
  });

  it('reads a tenant signing with a key: its file beside the tenants file, and no secret', () => {
    const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'acme-1' };
    writeFileSync(join(dir, 'acme.jwks.json'), JSON.stringify({ keys: [jwk] }));
    const { issuer, clientId } = ACME_OKTA;
    const settings = {
      issuer,
      clientId,
      clientAuthentication: 'private_key_jwt',
      privateKeyFile: 'acme.jwks.json',
      privateKeyId: 'acme-1',
      pushedAuthorizationRequests: 'auto',
    };
    const { config, problems } = read({ tenants: { acme: settings } }, PRODUCTION);
    expect(problems).toEqual([]);
    expect(config!.tenants.get('acme')).toMatchObject({
      oktaClient: { issuer, clientId, clientSecret: '' },
      clientAuth: {
        clientAuthentication: 'private_key_jwt',
        privateKey: { keys: [jwk] },
        privateKeyId: 'acme-1',
        pushedAuthorizationRequests: 'auto',
      },
    });
  });

  it("puts tenants under APP_BASE_URL's host when no baseDomain is given", () => {
    const { config, problems } = read({ tenants: { globex: ACME_OKTA } }, PRODUCTION);
    expect(problems).toEqual([]);
    expect(config?.baseDomain).toBe('app.example.com');
    expect(config?.tenants.get('globex')?.baseUrl).toBe('https://globex.app.example.com');
  });

  it('finds no Object property for a tenant id such as "constructor"', () => {
    const { config } = read({ tenants: { acme: {} } });
    expect(config?.tenants.get('constructor')).toBeUndefined();
  });
});

/** [case, file content, context, what the one problem says] */
type Mistake = [string, unknown, TenantsFileContext, RegExp];

const mistakes: Mistake[] = [
  ['a JSON array', [{ acme: {} }], DEVELOPMENT, /: must hold a JSON object of tenants/],
  [
    'JSON that stops early',
    '{ "tenants": { "acme": {} }',
    DEVELOPMENT,
    /: is not valid JSON \(Expected ',' or '}' after property value at line 1, column 28\)/,
  ],
  [
    'an unknown top-level setting (a tenant outside "tenants")',
    { tenants: { acme: {} }, globex: {} },
    DEVELOPMENT,
    /: unknown setting "globex"; .*each tenant's settings go under "tenants"/,
  ],
  [
    'an unknown resolution',
    { resolution: 'subdomain', tenants: { acme: {} } },
    DEVELOPMENT,
    /, "resolution": must be "host" \(acme\.example\.com\) or "path" \(\/t\/acme\/…\); got "subdomain". Example: "resolution": "host"/,
  ],
  [
    'a baseDomain with a scheme',
    { baseDomain: 'http://localhost:8080', tenants: { acme: {} } },
    DEVELOPMENT,
    /, "baseDomain": must be a lowercase domain name, with an optional port, without a scheme or path; got "http:\/\/localhost:8080". Example: "baseDomain": "localhost:8080"/,
  ],
  [
    'a baseDomain that is an IP address',
    { baseDomain: '127.0.0.1:8080', tenants: { acme: {} } },
    DEVELOPMENT,
    /"baseDomain": must be a domain name, not an IP address \(acme\.127\.0\.0\.1 names no host\)/,
  ],
  [
    'a baseDomain outside localhost while the app is on plain http',
    { baseDomain: 'example.com', tenants: { acme: {} } },
    DEVELOPMENT,
    /"baseDomain": APP_BASE_URL is plain http, which is allowed only for localhost/,
  ],
  [
    'a baseDomain with path resolution',
    { resolution: 'path', baseDomain: 'localhost:8080', tenants: { acme: {} } },
    DEVELOPMENT,
    /"baseDomain": applies to "resolution": "host" only/,
  ],
  [
    'no tenants',
    { resolution: 'host', tenants: {} },
    DEVELOPMENT,
    /, "tenants": must be an object with at least one tenant, by id/,
  ],
  [
    'an uppercase tenant id',
    { tenants: { Acme: {} } },
    DEVELOPMENT,
    /, tenant "Acme": a tenant id must be a lowercase DNS label .* Example: "acme"$/,
  ],
  [
    'a tenant id that is no DNS label',
    { tenants: { acme_corp: {} } },
    DEVELOPMENT,
    /, tenant "acme_corp": a tenant id must be a lowercase DNS label/,
  ],
  [
    'a tenant that is not an object',
    { tenants: { acme: 'https://acme.okta.com' } },
    DEVELOPMENT,
    /, tenant "acme": must be an object of settings/,
  ],
  [
    'a misspelt setting',
    { tenants: { acme: { groups_claim: 'roles' } } },
    DEVELOPMENT,
    /, tenant "acme": unknown setting "groups_claim" \(did you mean "groupsClaim"\?\).*Example: "groupsClaim": "groups"/,
  ],
  [
    'a client secret that is not a string',
    { tenants: { acme: { ...ACME_OKTA, clientSecret: 12345678 } } },
    DEVELOPMENT,
    /, tenant "acme", "clientSecret": must be a non-empty string. Example: "clientSecret": /,
  ],
  [
    'an issuer without its client',
    { tenants: { acme: { issuer: ACME_OKTA.issuer, clientId: ACME_OKTA.clientId } } },
    DEVELOPMENT,
    /, tenant "acme", "clientSecret": is required with "issuer" and "clientId": give all three/,
  ],
  [
    'a tenant without an Okta org in production',
    { tenants: { acme: {} } },
    PRODUCTION,
    /, tenant "acme": "issuer", "clientId" and "clientSecret" are required when NODE_ENV=production/,
  ],
  [
    'a display name that is not a string',
    { tenants: { acme: { displayName: 42 } } },
    DEVELOPMENT,
    /, tenant "acme", "displayName": must be a non-empty string. Example: "displayName": "Acme Corporation"/,
  ],
  [
    'an unknown sign-in mode',
    { tenants: { acme: { signInMode: 'popup' } } },
    DEVELOPMENT,
    /, tenant "acme", "signInMode": must be "redirect" \(Okta-hosted page\) or "widget" \(embedded Sign-In Widget\); got "popup". Example: "signInMode": "widget"/,
  ],
  [
    'scopes as one string',
    { tenants: { acme: { scopes: 'openid profile' } } },
    DEVELOPMENT,
    /, tenant "acme", "scopes": must be a list of scope names without spaces. Example: "scopes": \["openid", "profile", "email"\]/,
  ],
  [
    'a groups claim with a space',
    { tenants: { acme: { groupsClaim: 'my groups' } } },
    DEVELOPMENT,
    /, tenant "acme", "groupsClaim": must be a claim name without spaces/,
  ],
];

describe('readTenantsFile: mistakes', () => {
  it.each(mistakes)('reports %s, naming the file, with an example', (_, content, context, says) => {
    const { file, problems } = read(content, context);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(says);
    expect(problems[0].startsWith(`${file}`)).toBe(true);
    expect(problems[0]).toContain('Example: ');
  });

  it('reports every problem of every tenant at once', () => {
    const { config, problems } = read({
      resolution: 'hosts',
      tenants: { acme: { signInMode: 'popup' }, globex: { scopes: [] }, Initech: {} },
    });
    expect(problems).toHaveLength(4);
    expect(config?.tenants.get('acme')).toBeDefined();
  });

  it('names a file that cannot be read, with where relative paths start', () => {
    const problems: string[] = [];
    expect(readTenantsFile('no-such-tenants.json', DEVELOPMENT, problems)).toBeUndefined();
    expect(problems).toEqual([
      `TENANTS_FILE: cannot read "no-such-tenants.json" (no such file in ${process.cwd()}). Example: TENANTS_FILE=tenants.example.json`,
    ]);
  });

  it('never shows a client secret: not from broken JSON, nor a misplaced or mistyped one', () => {
    const broken = read(`{ "tenants": { "acme": { "clientSecret": ${SECRET} } } }`);
    const misplaced = read({ tenants: { acme: { clientSecret: SECRET } }, clientSecret: SECRET });
    const mistyped = read({ tenants: { acme: { ...ACME_OKTA, clientsecret: SECRET } } });
    const partial = read({ tenants: { acme: { clientSecret: SECRET } } }, PRODUCTION);
    const problems = [broken, misplaced, mistyped, partial].flatMap((result) => result.problems);
    expect(broken.problems).toEqual([
      expect.stringContaining('is not valid JSON (a syntax error)'),
    ]);
    expect(problems.length).toBeGreaterThanOrEqual(6);
    for (const problem of problems) expect(problem).not.toContain(SECRET);
  });
});
