import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { RequestHandler } from 'express';
import hbs from 'hbs';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import passport from 'passport';
import { AppModule, AppModuleOptions } from './app.module';
import { signInLifetime } from './auth/sign-in-lifetime.middleware';
import { WIDGET_ASSETS_PATH, WIDGET_DIST } from './auth/widget/widget-assets';
import { contentSecurityPolicy } from './common/content-security-policy';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { noStore } from './common/no-store.middleware';
import { packageRoot } from './common/package-root';
import { pageLocals } from './common/page-locals.middleware';
import { registerViews } from './common/view-helpers';
import type { AppConfig } from './config/app-config';
import { sessionActivity } from './session/session-activity.middleware';
import { onSessionRoutes, sessionMiddleware } from './session/session.middleware';
import { SessionStorage } from './session/session-storage';

export type CreateAppOptions = AppModuleOptions;

/** Builds the app exactly as `main.ts` runs it; the end-to-end tests use this too. */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(options), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  configureApp(app, options.config);
  return app;
}

function configureApp(app: NestExpressApplication, config: AppConfig): void {
  const root = packageRoot();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    }),
  );
  app.use(noStore);
  app.use(sessionMiddleware(config.session, app.get(SessionStorage)));
  app.use(onSessionRoutes(sessionActivity(config.session.idleTimeoutMs)));
  app.use(passport.initialize());
  app.use(onSessionRoutes(passport.session() as RequestHandler));
  app.use(onSessionRoutes(signInLifetime(config.session.absoluteTimeoutMs)));
  app.use(pageLocals(config.usesDevIdentityProvider));
  app.useGlobalFilters(new HttpExceptionFilter());
  app.useStaticAssets(join(root, 'public'), { prefix: '/assets/' });
  if (config.okta.signInMode === 'widget') {
    app.useStaticAssets(WIDGET_DIST, { prefix: `${WIDGET_ASSETS_PATH}/`, maxAge: '1d' });
  }
  app.setBaseViewsDir(join(root, 'views'));
  app.setViewEngine('hbs');
  // Express caches compiled views only when NODE_ENV=production; only development wants edits
  // to show without a restart.
  app.set('view cache', config.nodeEnv !== 'development');
  registerViews(hbs, join(root, 'views'));
}
