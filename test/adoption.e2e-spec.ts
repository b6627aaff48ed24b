import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthModule, AuthOptionsError } from 'nest-okta';
// The one deep import: to show that redirect-only use never resolves the widget package.
// eslint-disable-next-line no-restricted-imports
import * as widgetAssets from '../src/auth/widget/widget-assets';
import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { ForeignAppModule } from './adoption/foreign-app.module';
import { startForeignApp } from './adoption/start-foreign-app';
import { Browser } from './support/browser';
import { freePort } from './support/free-port';
import { ALICE, BOB, signIn } from './support/sign-in';

const SESSION_SECRET = 'a-foreign-app-session-secret-of-enough-length';
const CALLBACK_PATH = '/auth/okta/callback';

/**
 * A Nest app that is not this one, with its own ConfigModule and controllers, adopts AuthModule
 * exactly as the README shows (forRootAsync with ConfigService, express-session in main.ts), and
 * is driven over real HTTP against the development identity provider.
 */
describe('AuthModule adopted by another Nest app', () => {
  let provider: RunningIdentityProvider;
  let app: NestExpressApplication;
  let baseUrl: string;
  const savedEnv = { ...process.env };
  const resolveWidget = jest.spyOn(widgetAssets, 'widgetDistFolder');
  const url = (path: string) => `${baseUrl}${path}`;

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    provider = await launchDevIdentityProvider({
      port: 0,
      host: '127.0.0.1',
      clients: [
        {
          client_id: 'foreign-app',
          client_secret: 'foreign-app-client-secret',
          redirect_uris: [url(CALLBACK_PATH)],
          post_logout_redirect_uris: [baseUrl],
        },
      ],
    });
    Object.assign(process.env, {
      OKTA_ISSUER: provider.issuer,
      OKTA_CLIENT_ID: 'foreign-app',
      OKTA_CLIENT_SECRET: 'foreign-app-client-secret',
      OKTA_REDIRECT_URI: url(CALLBACK_PATH),
      OKTA_POST_LOGOUT_REDIRECT_URI: baseUrl,
    });
    const moduleRef = await Test.createTestingModule({ imports: [ForeignAppModule] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    await startForeignApp(app, port, SESSION_SECRET);
  });

  afterAll(async () => {
    await app?.close();
    await provider?.stop();
    process.env = savedEnv;
  });

  it('leaves @Public() routes open and answers anonymous API calls with 401 JSON', async () => {
    const browser = new Browser();
    const welcome = await browser.request(url('/welcome'), { accept: 'application/json' });
    expect(welcome.status).toBe(200);
    const reports = await browser.request(url('/api/reports'), { accept: 'application/json' });
    expect(reports.status).toBe(401);
    expect(JSON.parse(reports.body)).toMatchObject({ statusCode: 401 });
  });

  it('sends a deep link through sign-in on its own callback path and back', async () => {
    const browser = new Browser();
    const first = await browser.request(url('/dashboard'));
    expect(first.status).toBe(302);
    expect(first.location).toBe(url('/login?returnTo=%2Fdashboard'));
    const landed = await signIn(browser, url('/dashboard'), ALICE, url(CALLBACK_PATH));
    expect(landed.url).toBe(url('/dashboard'));
    expect(landed.body).toBe('Dashboard of Alice Admin');
  });

  it('lets the admin group through @Groups and refuses others with 403', async () => {
    const alice = new Browser('application/json');
    await signIn(alice, url('/login?returnTo=/api/audit'), ALICE, url(CALLBACK_PATH));
    const audit = await alice.request(url('/api/audit'));
    expect(audit.status).toBe(200);
    expect(JSON.parse(audit.body)).toEqual({ auditor: 'alice@example.com' });

    const bob = new Browser('application/json');
    await signIn(bob, url('/login'), BOB, url(CALLBACK_PATH));
    expect((await bob.request(url('/api/reports'))).status).toBe(200);
    const refused = await bob.request(url('/api/audit'));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 403 });
  });

  it('signs out with the CSRF token, at the provider too', async () => {
    const browser = new Browser('application/json');
    await signIn(browser, url('/login'), BOB, url(CALLBACK_PATH));
    const { csrfToken } = JSON.parse((await browser.request(url('/api/session'))).body) as {
      csrfToken: string;
    };
    const forged = await browser.request(url('/logout'), { form: { _csrf: 'forged' } });
    expect(forged.status).toBe(403);
    const signOut = await browser.request(url('/logout'), { form: { _csrf: csrfToken } });
    expect(signOut.status).toBe(302);
    expect(signOut.location).toMatch(new RegExp(`^${provider.issuer}/v1/logout\\?id_token_hint=`));
    expect((await browser.request(url('/api/reports'))).status).toBe(401);
  });

  it('never resolves the Sign-In Widget package in redirect mode', () => {
    expect(resolveWidget).not.toHaveBeenCalled();
  });

  it('shows the README the code this test runs', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const file of ['foreign-app.module.ts', 'start-foreign-app.ts']) {
      const code = readFileSync(join(__dirname, 'adoption', file), 'utf8')
        .replace("'../../src/auth'", "'./auth'")
        .trim();
      expect(readme).toContain(code);
    }
  });
});

describe('AuthModule at start-up', () => {
  async function boot(options: Record<string, unknown>, withSession: boolean): Promise<unknown> {
    @Module({
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => options] }),
        AuthModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            issuer: config.get<string>('issuer')!,
            clientId: 'client',
            clientSecret: 'secret',
            redirectUri: 'http://localhost:3000/callback',
            postLogoutRedirectUri: 'http://localhost:3000',
          }),
        }),
      ],
    })
    class BootModule {}
    const app = (
      await Test.createTestingModule({ imports: [BootModule] }).compile()
    ).createNestApplication<NestExpressApplication>({ logger: false });
    if (withSession) await startForeignApp(app, 0, SESSION_SECRET);
    else await app.init();
    await app.close();
    return undefined;
  }

  it('names a wrong option, Okta-aware, before anything starts', async () => {
    const failure = await boot(
      { issuer: 'https://dev-1-admin.okta.com/oauth2/default' },
      true,
    ).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuthOptionsError);
    expect((failure as Error).message).toMatch(
      /issuer: "dev-1-admin.okta.com" is the Admin Console address/,
    );
  });

  it('refuses to start without express-session, and says how to add it', async () => {
    await expect(boot({ issuer: 'https://dev-1.okta.com/oauth2/default' }, false)).rejects.toThrow(
      /AuthModule needs express-session mounted before the app starts: app\.use\(session\(/,
    );
    await expect(
      boot({ issuer: 'https://dev-1.okta.com/oauth2/default' }, true),
    ).resolves.toBeUndefined();
  });
});
