import type { Browser } from './support/browser';
import { describeWithRedisServer, RedisServer } from './support/redis-server';
import { universalLogoutFromProvider } from './support/provider-universal-logout';
import { signIn } from './support/sign-in';
import { isSignedIn, signOutEverywhere } from './support/stored-sessions';
import { tenantBrowser } from './support/tenant-visits';
import { startTenantsStack, type TenantsStack } from './support/tenants-stack';
import { emailSubject, postRevocation, TestOrg } from './support/test-org';
import { startUniversalLogoutApp, type UniversalLogoutApp } from './support/universal-logout-app';
import { callbackUrl, identify, openWidgetPage, widgetAuthClient } from './support/widget-client';
import { HeldPort } from './support/held-port';

const ENDPOINT = '/global-token-revocation';
/** A contractor with an account at both orgs, under the same email. */
const SAM = 'sam@contractors.example';
const SAM_AT_ACME = { username: SAM, password: 'Sam-Acme-1' };
const SAM_AT_GLOBEX = { username: SAM, password: 'Sam-Globex-1' };

/**
 * Acme (hosted page) and Globex (embedded widget), each at its own development org, both of which
 * send Universal Logout to the app's one endpoint, as the development provider is told to. With
 * `redisUrl`, every tenant's sessions and session index entries share one Redis.
 */
function universalLogoutAtEachOrg(redisUrl?: () => string) {
  let stack: TenantsStack;
  const at = (tenant: string, path: string) => stack.at(tenant, path);

  beforeAll(async () => {
    stack = await startTenantsStack({
      tenants: { acme: {}, globex: { signInMode: 'widget' } },
      env: redisUrl ? { REDIS_URL: redisUrl() } : {},
    });
  });
  afterAll(() => stack?.close());

  async function samAtAcme(): Promise<Browser> {
    const visitor = tenantBrowser();
    const callback = at('acme', '/authorization-code/callback');
    await signIn(visitor, at('acme', '/login'), SAM_AT_ACME, callback);
    expect(await isSignedIn(visitor, at('acme', '/api/me'))).toBe(true);
    return visitor;
  }

  async function samAtGlobex(): Promise<Browser> {
    const visitor = tenantBrowser();
    const { options } = await openWidgetPage(visitor, at('globex', '/login'));
    const transaction = await identify(widgetAuthClient(options), options, SAM_AT_GLOBEX);
    expect((await visitor.request(callbackUrl(options, transaction))).status).toBe(302);
    expect(await isSignedIn(visitor, at('globex', '/api/me'))).toBe(true);
    return visitor;
  }

  it.each(['email', 'iss_sub'] as const)(
    "by %s: Acme's org ends Sam's Acme sessions and leaves his Globex session, then Globex's ends that",
    async (format) => {
      const [atAcme, alsoAtAcme, atGlobex] = [
        await samAtAcme(),
        await samAtAcme(),
        await samAtGlobex(),
      ];

      expect(await universalLogoutFromProvider(stack.issuerOf('acme'), SAM, format)).toBe(204);
      expect(await isSignedIn(atAcme, at('acme', '/api/me'))).toBe(false);
      expect(await isSignedIn(alsoAtAcme, at('acme', '/api/me'))).toBe(false);
      expect(await isSignedIn(atGlobex, at('globex', '/api/me'))).toBe(true);

      expect(await universalLogoutFromProvider(stack.issuerOf('globex'), SAM, format)).toBe(204);
      expect(await isSignedIn(atGlobex, at('globex', '/api/me'))).toBe(false);
    },
  );

  it("signs out everywhere at Globex: Sam's other Globex session ends, his Acme one does not", async () => {
    const [here, there, atAcme] = [await samAtGlobex(), await samAtGlobex(), await samAtAcme()];

    const signedOut = await signOutEverywhere(here, at('globex', '/profile'));
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toMatch(new RegExp(`^${stack.issuerOf('globex')}/v1/logout\\?`));
    expect(await isSignedIn(here, at('globex', '/api/me'))).toBe(false);
    expect(await isSignedIn(there, at('globex', '/api/me'))).toBe(false);
    expect(await isSignedIn(atAcme, at('acme', '/api/me'))).toBe(true);
  });
}

describe("Universal Logout from each tenant's development org (memory sessions)", () =>
  universalLogoutAtEachOrg());

describeWithRedisServer("Universal Logout from each tenant's development org (Redis)", () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(() => redis?.stop());
  universalLogoutAtEachOrg(() => redis.url);
});

/**
 * Two tenants whose issuers are at orgs of the test's own, so the test signs Universal Logout
 * tokens with either org's key and any claims: each request is checked against the org its
 * issuer names, and only that org's key will do.
 */
describe("The tenants' Global Token Revocation endpoint", () => {
  let acmeOrg: TestOrg;
  let globexOrg: TestOrg;
  let strangerOrg: TestOrg;
  let app: UniversalLogoutApp;
  let audience: string;

  beforeAll(async () => {
    [acmeOrg, globexOrg, strangerOrg] = await Promise.all([
      TestOrg.start(),
      TestOrg.start(),
      TestOrg.start(),
    ]);
    const held = await HeldPort.hold();
    const port = held.number;
    audience = `http://127.0.0.1:${port}${ENDPOINT}`;
    const tenant = (org: TestOrg, id: string) => ({
      issuer: `${org.issuer}/oauth2/default`,
      clientId: `0oa-${id}`,
      clientSecret: `${id}-client-secret-long-enough-for-the-checks`,
      redirectUri: `http://${id}.localhost:${port}/authorization-code/callback`,
      postLogoutRedirectUri: `http://${id}.localhost:${port}`,
    });
    app = await startUniversalLogoutApp({
      port: held,
      tenants: {
        resolve: 'host',
        baseDomain: `localhost:${port}`,
        byId: { acme: tenant(acmeOrg, 'acme'), globex: tenant(globexOrg, 'globex') },
      },
      universalLogout: { audience, rateLimit: false },
    });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([acmeOrg, globexOrg, strangerOrg].map((org) => org?.stop()));
  });

  const post = (token: string) => postRevocation(app.url(ENDPOINT), emailSubject(SAM), token);

  it("accepts each tenant's org's own tokens", async () => {
    expect((await post(await acmeOrg.sign(audience))).status).toBe(204);
    expect((await post(await globexOrg.sign(audience))).status).toBe(204);
  });

  it("refuses a token signed by Globex's org that claims Acme's issuer", async () => {
    const forged = await globexOrg.sign(audience, { iss: acmeOrg.issuer });
    const refused = await post(forged);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('refuses a token from an org no tenant signs in at, and one that is no JWT', async () => {
    expect((await post(await strangerOrg.sign(audience))).status).toBe(401);
    expect((await post('not-a-jwt')).status).toBe(401);
  });

  it('refuses a token addressed to another endpoint', async () => {
    const elsewhere = await acmeOrg.sign(`http://acme.localhost${ENDPOINT}`);
    expect((await post(elsewhere)).status).toBe(401);
  });
});

/**
 * Whether an email can name a session is the org's question, not the tenant's: Acme and Initech
 * sign in at one org (an authorization server each), Acme without the `email` scope, Initech
 * with it; Globex at an org of its own, without it. An email from the shared org can still find
 * Initech's sessions; one from Globex's org can find none, and the app says so rather than
 * answering that the user is signed out.
 */
describe('Universal Logout by email at orgs whose tenants ask for no email', () => {
  let sharedOrg: TestOrg;
  let globexOrg: TestOrg;
  let app: UniversalLogoutApp;
  let audience: string;
  const withoutEmail = ['openid', 'profile'];

  beforeAll(async () => {
    [sharedOrg, globexOrg] = await Promise.all([TestOrg.start(), TestOrg.start()]);
    const held = await HeldPort.hold();
    const port = held.number;
    audience = `http://127.0.0.1:${port}${ENDPOINT}`;
    const tenant = (org: TestOrg, id: string, scopes?: string[]) => ({
      issuer: `${org.issuer}/oauth2/${id}`,
      clientId: `0oa-${id}`,
      clientSecret: `${id}-client-secret-long-enough-for-the-checks`,
      redirectUri: `http://${id}.localhost:${port}/authorization-code/callback`,
      postLogoutRedirectUri: `http://${id}.localhost:${port}`,
      scopes,
    });
    app = await startUniversalLogoutApp({
      port: held,
      tenants: {
        resolve: 'host',
        baseDomain: `localhost:${port}`,
        byId: {
          acme: tenant(sharedOrg, 'acme', withoutEmail),
          initech: tenant(sharedOrg, 'initech'),
          globex: tenant(globexOrg, 'globex', withoutEmail),
        },
      },
      universalLogout: { audience, rateLimit: false },
    });
  });
  afterAll(async () => {
    await app?.close();
    await Promise.all([sharedOrg, globexOrg].map((org) => org?.stop()));
  });

  const post = async (org: TestOrg, subject: unknown) =>
    (await postRevocation(app.url(ENDPOINT), subject, await org.sign(audience))).status;

  it('acts on an email from an org where one tenant records emails: 204', async () => {
    expect(await post(sharedOrg, emailSubject(SAM))).toBe(204);
  });

  it('answers 422 to an email from an org where no tenant records one; iss_sub still works', async () => {
    expect(await post(globexOrg, emailSubject(SAM))).toBe(422);
    const bySub = { subject: { format: 'iss_sub', iss: globexOrg.issuer, sub: '00u-sam' } };
    expect(await post(globexOrg, bySub)).toBe(204);
  });
});
