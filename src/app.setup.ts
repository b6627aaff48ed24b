import { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';
import hbs from 'hbs';
import helmet from 'helmet';
import { join } from 'node:path';
import passport from 'passport';
import { AppModule, AppModuleOptions } from './app.module';
import type { AppConfig } from './config/app-config';
import { contentSecurityPolicy } from './common/content-security-policy';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { packageRoot } from './common/package-root';
import { pageLocals } from './common/page-locals.middleware';
import { registerViews } from './common/view-helpers';

export interface CreateAppOptions extends AppModuleOptions {
  logger?: LoggerService | LogLevel[] | false;
}

/** Builds the app exactly as `main.ts` runs it; the end-to-end tests use this too. */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    logger: options.logger,
  });
  configureApp(app, options.config);
  return app;
}

function configureApp(app: NestExpressApplication, config: AppConfig): void {
  const root = packageRoot();
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    }),
  );
  app.use(
    session({
      name: config.session.cookieName,
      secret: config.session.secret,
      resave: false,
      saveUninitialized: false,
      cookie: {
        httpOnly: true,
        // Lax, not Strict: the browser must send the cookie on the redirect back from Okta.
        sameSite: 'lax',
        secure: config.session.secureCookie,
        maxAge: config.session.maxAgeMs,
      },
    }),
  );
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(pageLocals(config.usesDevIdentityProvider));
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useStaticAssets(join(root, 'public'), { prefix: '/assets/' });
  app.setBaseViewsDir(join(root, 'views'));
  app.setViewEngine('hbs');
  registerViews(hbs, join(root, 'views'));
}
