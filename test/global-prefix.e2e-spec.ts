import 'reflect-metadata';
import { type LoggerService } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import session from 'express-session';
import { AuthOptionsError, type AuthModuleOptions } from 'nest-okta';
import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { PrefixedAppModule } from './global-prefix/prefixed-app.module';
import { Browser } from './support/browser';
import { HeldPort } from './support/held-port';
import { startAll } from './support/started';
import { ALICE, BOB, signIn } from './support/sign-in';

const SECRET = 'a-prefixed-app-client-secret-long-enough';

/** Nest's route log, as the app prints it at start-up. */
function routeLog(): { logger: LoggerService; routes: string[] } {
  const routes: string[] = [];
  const note = (message: unknown) => {
    const mapped = /^Mapped \{(.+)\} route$/.exec(String(message));
    if (mapped) routes.push(mapped[1]);
  };
  return {
    routes,
    logger: { log: note, error: () => {}, warn: () => {}, debug: () => {}, verbose: () => {} },
  };
}

/** The app under the prefix `app`, on `port`; if it cannot start, it is closed and the port let go. */
async function startPrefixedApp(
  module: ReturnType<typeof PrefixedAppModule.with>,
  port: HeldPort,
  logger: LoggerService,
  exclude: string[] = [],
): Promise<NestExpressApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [module] }).compile();
  return startAll(async (started) => {
    started.add(port, (held) => held.release());
    const app = started.add(
      moduleRef.createNestApplication<NestExpressApplication>({ logger }),
      (nest) => nest.close(),
    );
    app.setGlobalPrefix('app', { exclude });
    app.use(session({ secret: SECRET, resave: false, saveUninitialized: false }));
    await port.listen(app);
    return app;
  });
}

describe('AuthModule under a global prefix', () => {
  let provider: RunningIdentityProvider;
  let app: NestExpressApplication;
  let baseUrl: string;
  const log = routeLog();
  const url = (path: string) => `${baseUrl}${path}`;

  beforeAll(async () => {
    const port = await HeldPort.hold();
    baseUrl = `http://127.0.0.1:${port.number}`;
    provider = await launchDevIdentityProvider({
      port: 0,
      host: '127.0.0.1',
      clients: [
        {
          client_id: 'prefixed-app',
          client_secret: SECRET,
          redirect_uris: [url('/app/authorization-code/callback')],
          post_logout_redirect_uris: [url('/app')],
        },
      ],
    });
    const options: AuthModuleOptions = {
      issuer: provider.issuer,
      clientId: 'prefixed-app',
      clientSecret: SECRET,
      redirectUri: url('/app/authorization-code/callback'),
      postLogoutRedirectUri: url('/app'),
      universalLogout: {},
    };
    app = await startPrefixedApp(PrefixedAppModule.with(options), port, log.logger);
  });

  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  it("maps the module's routes under the prefix, in Nest's route log", () => {
    expect(log.routes).toEqual(
      expect.arrayContaining([
        '/app/login, GET',
        '/app/authorization-code/callback, GET',
        '/app/logout, POST',
        '/app/logout/everywhere, POST',
        '/app/global-token-revocation, POST',
        '/app/welcome, GET',
      ]),
    );
    expect(log.routes.filter((route) => !route.startsWith('/app/'))).toEqual([]);
  });

  it('sends a deep link through the prefixed sign-in and back to it', async () => {
    const browser = new Browser();
    const first = await browser.request(url('/app/dashboard'));
    expect(first.status).toBe(302);
    expect(first.location).toBe(url('/app/login?returnTo=%2Fapp%2Fdashboard'));
    expect((await browser.request(url('/login'))).status).toBe(404);
    const landed = await signIn(
      browser,
      url('/app/dashboard'),
      ALICE,
      url('/app/authorization-code/callback'),
    );
    expect(landed.url).toBe(url('/app/dashboard'));
    expect(landed.body).toBe('Dashboard of Alice Admin');
  });

  it('answers API calls with 401 JSON, and @Groups with 200 or 403', async () => {
    expect((await new Browser('application/json').request(url('/app/api/audit'))).status).toBe(401);
    const alice = new Browser('application/json');
    await signIn(alice, url('/app/login'), ALICE, url('/app/authorization-code/callback'));
    expect((await alice.request(url('/app/api/audit'))).status).toBe(200);
    const bob = new Browser('application/json');
    await signIn(bob, url('/app/login'), BOB, url('/app/authorization-code/callback'));
    expect((await bob.request(url('/app/api/audit'))).status).toBe(403);
  });

  it('signs out under the prefix with the CSRF token', async () => {
    const browser = new Browser('application/json');
    await signIn(browser, url('/app/login'), BOB, url('/app/authorization-code/callback'));
    const { csrfToken } = JSON.parse((await browser.request(url('/app/api/session'))).body) as {
      csrfToken: string;
    };
    const signOut = await browser.request(url('/app/logout'), { form: { _csrf: csrfToken } });
    expect(signOut.status).toBe(302);
    expect(signOut.location).toMatch(new RegExp(`^${provider.issuer}/v1/logout\\?id_token_hint=`));
    expect((await browser.request(url('/app/api/audit'))).status).toBe(401);
  });

  it('refuses to start when the redirect URI is not under the prefix, naming the fix', async () => {
    const port = await HeldPort.hold();
    const outside: AuthModuleOptions = {
      issuer: provider.issuer,
      clientId: 'prefixed-app',
      clientSecret: SECRET,
      redirectUri: `http://127.0.0.1:${port.number}/authorization-code/callback`,
      postLogoutRedirectUri: `http://127.0.0.1:${port.number}/app`,
    };
    const failure = await startPrefixedApp(
      PrefixedAppModule.with(outside),
      port,
      routeLog().logger,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthOptionsError);
    expect((failure as Error).message).toMatch(
      /redirectUri: its path "\/authorization-code\/callback" is not under the app's global prefix "\/app"/,
    );
    const excluded = await startPrefixedApp(
      PrefixedAppModule.with(outside),
      await HeldPort.hold(),
      log.logger,
      ['authorization-code/callback'],
    );
    await excluded.close();
  });
});

describe('Path tenants under a global prefix', () => {
  let provider: RunningIdentityProvider;
  let app: NestExpressApplication;
  let baseUrl: string;
  const log = routeLog();
  const url = (path: string) => `${baseUrl}${path}`;
  const callback = (tenant: string) => url(`/app/t/${tenant}/authorization-code/callback`);

  beforeAll(async () => {
    const port = await HeldPort.hold();
    baseUrl = `http://127.0.0.1:${port.number}`;
    provider = await launchDevIdentityProvider({
      port: 0,
      host: '127.0.0.1',
      clients: ['acme', 'globex'].map((tenant) => ({
        client_id: `${tenant}-app`,
        client_secret: SECRET,
        redirect_uris: [callback(tenant)],
        post_logout_redirect_uris: [url(`/app/t/${tenant}/`)],
      })),
    });
    const tenant = (id: string) => ({
      issuer: provider.issuer,
      clientId: `${id}-app`,
      clientSecret: SECRET,
      redirectUri: callback(id),
      postLogoutRedirectUri: url(`/app/t/${id}/`),
    });
    app = await startPrefixedApp(
      PrefixedAppModule.with({
        tenants: { resolve: 'path', byId: { acme: tenant('acme'), globex: tenant('globex') } },
      }),
      port,
      log.logger,
    );
  });

  afterAll(async () => {
    await app?.close();
    await provider?.stop();
  });

  it('puts the prefix first, then the tenant, on every redirect', async () => {
    expect(log.routes).toEqual(
      expect.arrayContaining(['/app/login, GET', '/app/authorization-code/callback, GET']),
    );
    const browser = new Browser();
    const first = await browser.request(url('/app/t/acme/dashboard'));
    expect(first.location).toBe(url('/app/t/acme/login?returnTo=%2Fapp%2Fdashboard'));
    const landed = await signIn(browser, url('/app/t/acme/dashboard'), ALICE, callback('acme'));
    expect(landed.url).toBe(url('/app/t/acme/dashboard'));
    expect(landed.body).toBe('Dashboard of Alice Admin');
    // Signed in at Acme only: Globex's pages still send the browser to Globex's sign-in.
    const globex = await browser.request(url('/app/t/globex/dashboard'));
    expect(globex.location).toBe(url('/app/t/globex/login?returnTo=%2Fapp%2Fdashboard'));
  });

  it('answers an unknown tenant with 404 and a malformed path with 400', async () => {
    const browser = new Browser('application/json');
    expect((await browser.request(url('/app/t/initech/login'))).status).toBe(404);
    expect((await browser.request(url('/app/t/acme//login'))).status).toBe(400);
    expect((await browser.request(url('/app/t/acme/%E0%A4%A/login'))).status).toBe(400);
  });
});
