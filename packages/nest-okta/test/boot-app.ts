import 'reflect-metadata';
import { type LoggerService, Module, type Type } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { RequestHandler } from 'express';
import session, { type Store } from 'express-session';
import { AuthModule, type AuthModuleOptions } from '../src';

export const OPTIONS: AuthModuleOptions = {
  issuer: 'https://dev-1.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4EXAMPLE',
  clientSecret: 'a-client-secret-for-start-up-tests',
  redirectUri: 'http://localhost:3000/authorization-code/callback',
  postLogoutRedirectUri: 'http://localhost:3000',
};

/** What the app's express-session signs its cookies with. */
export const SESSION_SECRET = 'a-session-secret-of-enough-length';

export interface BootOptions {
  /** Mount express-session first, as an adopting app's main.ts does. Default `true`. */
  withSession?: boolean;
  /** express-session's store; its memory store when not given. */
  store?: Store;
  /** The app's own controllers, beside AuthModule. */
  controllers?: Type[];
  /** Express's `trust proxy` setting. */
  trustProxy?: number | false;
  logger?: LoggerService | false;
  /** Mounted with app.use() before express-session, as main.ts would. */
  firstMiddleware?: RequestHandler;
  /** What to do with the running app before it stops. */
  visit?: (baseUrl: string) => Promise<void>;
}

/**
 * Starts an app importing AuthModule (through `forRootAsync`) on 127.0.0.1, runs `visit`
 * against it, then stops it, whatever failed in between.
 */
export async function bootApp(
  options: AuthModuleOptions,
  {
    withSession = true,
    store,
    controllers = [],
    trustProxy,
    logger = false,
    firstMiddleware,
    visit,
  }: BootOptions = {},
): Promise<void> {
  @Module({ imports: [AuthModule.forRootAsync({ useFactory: () => options })], controllers })
  class BootModule {}
  const moduleRef = await Test.createTestingModule({ imports: [BootModule] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger });
  try {
    if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
    if (firstMiddleware) app.use(firstMiddleware);
    if (withSession) {
      app.use(
        session({
          secret: SESSION_SECRET,
          store,
          resave: false,
          saveUninitialized: false,
        }),
      );
    }
    await app.listen(0, '127.0.0.1');
    await visit?.(await app.getUrl());
  } finally {
    await app.close();
  }
}
