import 'reflect-metadata';
import { type LoggerService, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import session from 'express-session';
import { AuthModule } from '../src';

/** An app whose login route is reached as the tests say, with what Nest logs kept. */
async function withApp(
  trustProxy: number | false,
  visit: (baseUrl: string) => Promise<void>,
): Promise<string[]> {
  const warnings: string[] = [];
  const logger: LoggerService = {
    log: () => {},
    error: () => {},
    warn: (message: unknown) => warnings.push(String(message)),
  };
  @Module({
    imports: [
      AuthModule.forRoot({
        // Nothing listens here: the login route fails after it has counted the request.
        issuer: 'http://127.0.0.1:9/oauth2/default',
        clientId: '0oa1b2c3d4EXAMPLE',
        clientSecret: 'a-client-secret-for-proxy-tests',
        redirectUri: 'http://localhost:3000/authorization-code/callback',
        postLogoutRedirectUri: 'http://localhost:3000',
        providerTimeoutMs: 500,
      }),
    ],
  })
  class ProxiedModule {}
  const moduleRef = await Test.createTestingModule({ imports: [ProxiedModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger });
  try {
    app.set('trust proxy', trustProxy);
    app.use(
      session({
        secret: 'a-session-secret-of-enough-length',
        resave: false,
        saveUninitialized: false,
      }),
    );
    await app.listen(0, '127.0.0.1');
    await visit(await app.getUrl());
  } finally {
    await app.close();
  }
  return warnings.filter((warning) => warning.includes('X-Forwarded-For'));
}

const throughProxy = { headers: { 'x-forwarded-for': '203.0.113.7', accept: 'application/json' } };

describe('the rate limits behind a proxy', () => {
  it('warns once when requests come through a proxy Express does not trust', async () => {
    const warnings = await withApp(false, async (baseUrl) => {
      await fetch(`${baseUrl}/login`, throughProxy);
      await fetch(`${baseUrl}/login`, throughProxy);
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/all share one rate-limit budget/);
  });

  it('says nothing once the app trusts its proxy, or without one', async () => {
    expect(
      await withApp(1, async (baseUrl) => {
        await fetch(`${baseUrl}/login`, throughProxy);
      }),
    ).toEqual([]);
    expect(
      await withApp(false, async (baseUrl) => {
        await fetch(`${baseUrl}/login`, { headers: { accept: 'application/json' } });
      }),
    ).toEqual([]);
  });
});
