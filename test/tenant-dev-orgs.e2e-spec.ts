import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { ResolvedTenant } from '../src/config/app-config';
import { ConfigError } from '../src/config/config.error';
import {
  resolveIdentityProvider,
  type ResolvedConfig,
} from '../src/dev-identity-provider/resolve-identity-provider';
import { readAppConfig } from '../src/read-app-config';
import { Browser } from './support/browser';
import { signInForTokens } from './support/provider-tokens';
import { acceptsConnections } from './support/reachability';
import {
  followToCallback,
  openSignInPage,
  signInUntilCallback,
  submitCredentials,
} from './support/sign-in';
import { ADA, GUS } from './support/tenant-visits';

/**
 * With TENANTS_FILE and tenants without an Okta org, the development identity provider serves
 * one Okta-shaped org per tenant, each in its own process with its own issuer, keys and users,
 * so that what holds between two real Okta orgs holds here: an Acme user cannot sign in to
 * Globex, and one org going down leaves the other signing people in.
 */
const ROOT = join(__dirname, '..');
const SCOPE = 'openid profile email';
/** The app is never started here: its port is only what the configuration says. */
const APP_PORT = 9420;

/**
 * A port that was free a moment ago. Only for what these tests are about, the ports the app is
 * told to start its providers on (DEV_IDP_PORT and the ones after it); servers the tests start
 * themselves listen on port 0, or take over a `HeldPort`.
 */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'tenant-orgs-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Resolves the identity providers as `npm start` does, from a tenants file. */
async function start(tenantsFile: string, env: Record<string, string> = {}) {
  return resolveIdentityProvider(
    readAppConfig({
      NODE_ENV: 'test',
      PORT: String(APP_PORT),
      DEV_IDP_PORT: '0',
      TENANTS_FILE: tenantsFile,
      ...env,
    }),
  );
}

async function stop(resolved: ResolvedConfig | undefined): Promise<void> {
  await Promise.all([...(resolved?.devOrgs?.values() ?? [])].map((org) => org.stop()));
  await resolved?.devIdentityProvider?.stop();
}

function tenant(resolved: ResolvedConfig, id: string): ResolvedTenant {
  const found = resolved.config.tenants?.tenants.get(id);
  if (!found) throw new Error(`No tenant ${id}`);
  return found;
}

/** Where the app sends a browser to sign in at the tenant's org. */
function authorizeUrl(client: ResolvedTenant): string {
  const authorize = new URL(`${client.issuer}/v1/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope: SCOPE,
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(randomBytes(32)).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  return authorize.toString();
}

function openSignInPageOf(client: ResolvedTenant, browser = new Browser()) {
  return openSignInPage(browser, authorizeUrl(client));
}

/** Verifies an ID token against an issuer's published keys, as the app does. */
function verifyIdToken(idToken: string, issuer: string, audience: string) {
  const keys = createRemoteJWKSet(new URL(`${issuer}/v1/keys`));
  return jwtVerify(idToken, keys, { issuer, audience });
}

describe("tenants.example.json: the development provider's Acme and Globex orgs", () => {
  let resolved: ResolvedConfig;
  let acme: ResolvedTenant;
  let globex: ResolvedTenant;
  beforeAll(async () => {
    resolved = await start(join(ROOT, 'tenants.example.json'));
    acme = tenant(resolved, 'acme');
    globex = tenant(resolved, 'globex');
  });
  afterAll(() => stop(resolved));

  it("starts one org per tenant, beside the single-tenant provider, with the tenant's client", () => {
    expect([...resolved.devOrgs!.keys()]).toEqual(['acme', 'globex']);
    // The example file names no port: its tenants live on whatever port the app has.
    const { port } = new URL(resolved.config.baseUrl);
    expect(port).not.toBe('8080');
    expect(acme).toEqual({
      id: 'acme',
      displayName: 'Acme Corporation',
      baseUrl: `http://acme.localhost:${port}`,
      issuer: resolved.devOrgs!.get('acme')!.issuer,
      clientId: 'nest-okta-acme',
      clientSecret: expect.stringMatching(/^[\w-]{32}$/) as string,
      // Unset: AuthModule's default, the client secret (Basic).
      clientAuthentication: undefined,
      privateKey: undefined,
      privateKeyId: undefined,
      pushedAuthorizationRequests: false,
      signInMode: 'redirect',
      scopes: ['openid', 'profile', 'email'],
      redirectUri: `http://acme.localhost:${port}/authorization-code/callback`,
      postLogoutRedirectUri: `http://acme.localhost:${port}`,
      universalLogout: false,
      groupsClaim: undefined,
      usesDevIdentityProvider: true,
    });
    // Globex signs in with the embedded widget: its callback is the widget's.
    expect(globex).toMatchObject({
      signInMode: 'widget',
      redirectUri: `http://globex.localhost:${port}/login/callback`,
    });
    expect(globex.clientSecret).not.toBe(acme.clientSecret);
    const issuers = new Set([acme.issuer, globex.issuer, resolved.config.okta.issuer]);
    expect(issuers.size).toBe(3);
    for (const issuer of issuers)
      expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2\/default$/);
  });

  it('gives each org its own discovery document and signing keys', async () => {
    const discover = async (issuer: string) =>
      (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
        issuer: string;
        jwks_uri: string;
      };
    const keyIds = async (jwksUri: string) =>
      ((await (await fetch(jwksUri)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
    const [acmeMetadata, globexMetadata] = await Promise.all([
      discover(acme.issuer),
      discover(globex.issuer),
    ]);
    expect(acmeMetadata).toMatchObject({ issuer: acme.issuer, jwks_uri: `${acme.issuer}/v1/keys` });
    expect(globexMetadata).toMatchObject({
      issuer: globex.issuer,
      jwks_uri: `${globex.issuer}/v1/keys`,
    });
    const acmeKeys = await keyIds(acmeMetadata.jwks_uri);
    const globexKeys = await keyIds(globexMetadata.jwks_uri);
    expect(acmeKeys.length).toBeGreaterThan(0);
    expect(globexKeys.filter((kid) => acmeKeys.includes(kid))).toEqual([]);
  });

  it("lists only the org's own demo users on its sign-in page", async () => {
    const acmePage = await openSignInPageOf(acme);
    expect(acmePage.body).toContain('ada@acme.example');
    expect(acmePage.body).not.toContain('gus@globex.example');
    expect(acmePage.body).not.toContain('alice@example.com');
    const globexPage = await openSignInPageOf(globex);
    expect(globexPage.body).toContain('gus@globex.example');
    expect(globexPage.body).not.toContain('ada@acme.example');
  });

  it("signs an Acme user in at Acme's org, with a token only Acme's keys verify", async () => {
    const tokens = await signInForTokens(acme, ADA, SCOPE);
    expect(tokens.status).toBe(200);
    const { payload } = await verifyIdToken(tokens.body.id_token, acme.issuer, acme.clientId);
    expect(payload).toMatchObject({ email: 'ada@acme.example', groups: ['Everyone', 'admin'] });
    await expect(
      verifyIdToken(tokens.body.id_token, globex.issuer, acme.clientId),
    ).rejects.toThrow();
  });

  it("refuses an Acme user's credentials at Globex's sign-in page, and takes Globex's own", async () => {
    const browser = new Browser();
    const signInPage = await openSignInPageOf(globex, browser);
    const refused = await submitCredentials(browser, signInPage, ADA);
    expect(refused.status).toBe(401);
    expect(refused.body).toContain('Incorrect username or password.');
    expect(refused.location).toBeUndefined();

    const tokens = await signInForTokens(globex, GUS, SCOPE);
    expect(tokens.status).toBe(200);
    const { payload } = await verifyIdToken(tokens.body.id_token, globex.issuer, globex.clientId);
    expect(payload.email).toBe('gus@globex.example');
  });

  it("keeps each org's session in one browser: signing in at Globex does not end Acme's", async () => {
    // Both orgs live on 127.0.0.1, and cookies ignore ports, so only their names tell them apart.
    const browser = new Browser();
    await signInUntilCallback(browser, authorizeUrl(acme), ADA, acme.redirectUri);
    await signInUntilCallback(browser, authorizeUrl(globex), GUS, globex.redirectUri);
    const again = await followToCallback(browser, authorizeUrl(acme), acme.redirectUri);
    expect(new URL(again).searchParams.get('code')).toEqual(expect.any(String));
  });

  it("does not know one tenant's client at another tenant's org", async () => {
    const crossed = { ...globex, issuer: acme.issuer };
    await expect(openSignInPageOf(crossed)).rejects.toThrow(/Expected the provider's sign-in page/);
    const page = await new Browser().get(
      `${acme.issuer}/v1/authorize?${new URLSearchParams({
        response_type: 'code',
        client_id: globex.clientId,
        redirect_uri: globex.redirectUri,
        scope: SCOPE,
      }).toString()}`,
    );
    expect(page.status).toBe(400);
    expect(page.body).toContain('invalid_client');
  });
});

describe('One development org down', () => {
  let resolved: ResolvedConfig | undefined;
  afterAll(() => stop(resolved));

  it('leaves the other org signing its users in', async () => {
    resolved = await start(join(ROOT, 'tenants.example.json'));
    const acme = tenant(resolved, 'acme');
    const globex = tenant(resolved, 'globex');
    await resolved.devOrgs!.get('acme')!.stop();

    expect(await acceptsConnections('127.0.0.1', Number(new URL(acme.issuer).port))).toBe(false);
    const discovery = await fetch(`${globex.issuer}/.well-known/openid-configuration`);
    expect(discovery.status).toBe(200);
    const tokens = await signInForTokens(globex, GUS, SCOPE);
    expect(tokens.status).toBe(200);
  });
});

describe('Tenants under path resolution, one of them with its own Okta org', () => {
  let resolved: ResolvedConfig | undefined;
  afterAll(() => stop(resolved));

  it('starts an org for the development tenant only, registered at its /t/ path', async () => {
    const file = join(dir, 'path-tenants.json');
    const okta = {
      issuer: 'https://acme.okta.com/oauth2/default',
      clientId: '0oa1acmeEXAMPLE',
      clientSecret: 'Zq8rT2vKx9LmN4pW6yB1cD3fG5hJ7kS0',
    };
    writeFileSync(
      file,
      JSON.stringify({
        resolution: 'path',
        tenants: { acme: okta, globex: { signInMode: 'widget' } },
      }),
    );
    resolved = await start(file);

    expect([...resolved.devOrgs!.keys()]).toEqual(['globex']);
    expect(tenant(resolved, 'acme')).toMatchObject({
      ...okta,
      redirectUri: `http://localhost:${APP_PORT}/t/acme/authorization-code/callback`,
      usesDevIdentityProvider: false,
    });
    const globex = tenant(resolved, 'globex');
    expect(globex).toMatchObject({
      baseUrl: `http://localhost:${APP_PORT}/t/globex`,
      redirectUri: `http://localhost:${APP_PORT}/t/globex/login/callback`,
      postLogoutRedirectUri: `http://localhost:${APP_PORT}/t/globex/`,
      usesDevIdentityProvider: true,
    });
    // The org accepts the tenant's own redirect URI, and signs Globex's users in with it.
    const tokens = await signInForTokens(globex, GUS, SCOPE);
    expect(tokens.status).toBe(200);
  });
});

describe('A development tenant without demo users', () => {
  it('is refused before any org starts, and the single-tenant provider is stopped again', async () => {
    const file = join(dir, 'initech.json');
    writeFileSync(file, JSON.stringify({ tenants: { acme: {}, initech: {} } }));
    const devIdpPort = await freePort();
    const failure = start(file, { DEV_IDP_PORT: String(devIdpPort) });

    await expect(failure).rejects.toThrow(ConfigError);
    await expect(failure).rejects.toThrow(
      `${file}, tenant "initech": has no "issuer", so it signs in at the development identity provider's org "initech", which has no demo users: add packages/okta-dev-idp/users/users.initech.json (like packages/okta-dev-idp/users/users.acme.json)`,
    );
    expect(await acceptsConnections('127.0.0.1', devIdpPort)).toBe(false);
  });
});

describe('A development org that cannot start', () => {
  let blocker: Server | undefined;
  afterAll(() => blocker?.close());

  /** A port whose next two are free too, with something else already listening on the next. */
  async function portsWithTheNextTaken(): Promise<number> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const base = await freePort();
      if (base + 2 > 65535 || (await acceptsConnections('127.0.0.1', base + 2))) continue;
      const server = createServer().listen(base + 1, '127.0.0.1');
      const outcome = await Promise.race([once(server, 'listening'), once(server, 'error')]);
      if (outcome.length === 0) {
        blocker = server;
        return base;
      }
    }
    throw new Error('No three consecutive free ports found');
  }

  it('stops the orgs and the provider that did start, and names the tenant', async () => {
    const devIdpPort = await portsWithTheNextTaken();
    // Acme's org would listen on DEV_IDP_PORT + 1, which is taken; Globex's on + 2 starts.
    const failure = start(join(ROOT, 'tenants.example.json'), { DEV_IDP_PORT: String(devIdpPort) });

    await expect(failure).rejects.toThrow(
      /^Tenant "acme" \(.*tenants\.example\.json\): .*EADDRINUSE/,
    );
    expect(await acceptsConnections('127.0.0.1', devIdpPort + 2)).toBe(false);
    expect(await acceptsConnections('127.0.0.1', devIdpPort)).toBe(false);
  });
});
