import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import hbs from 'hbs';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { join } from 'node:path';
import { AppModule, type AppModuleOptions } from './app.module';
import type { RequestHandler } from 'express';
import type { AppConfig } from './config/app-config';
import { packageRoot } from './config/package-root';
import { contentSecurityPolicy } from './http/content-security-policy';
import { ExpressPrototypeAdapter } from './http/express-prototype-adapter';
import { pageLocals } from './http/page-locals.middleware';
import { headersSetBy } from './http/recorded-headers';
import { responseHeaders } from './http/response-headers.middleware';
import { sendProblem } from './http/send-problem';
import { isSessionlessPath } from './http/sessionless-paths';
import { registerViews } from './http/view-helpers';
import { HTTP_LOGGER } from './logging/logging.module';
import { sessionMiddleware } from './session/session.middleware';
import { SessionStorage } from './session/session-storage';
import { SessionStoreUnavailableException } from './session/session-store-unavailable';

export type CreateAppOptions = AppModuleOptions;

/** Builds the app exactly as `main.ts` runs it; the end-to-end tests use this too. */
export async function createApp(options: CreateAppOptions): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(options),
    new ExpressPrototypeAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  configureApp(app, options.config);
  return app;
}

/** What is the app's own, around AuthModule: headers, the session store, views and files. */
function configureApp(app: NestExpressApplication, config: AppConfig): void {
  const root = packageRoot();
  app.disable('x-powered-by');
  // Every answer but static files and probes is no-store (responseHeaders below): no cache keeps it, so
  // none revalidates it, and an ETag (a SHA-1 of each body) would be work for nothing. Static
  // files get theirs from serve-static.
  app.set('etag', false);
  app.set('trust proxy', config.http.trustProxy);
  app.use(app.get<RequestHandler>(HTTP_LOGGER));
  app.use(
    responseHeaders(
      headersSetBy(
        helmet({
          contentSecurityPolicy: {
            useDefaults: false,
            // With tenants, each tenant's org is added for its own requests (AppModule).
            directives: contentSecurityPolicy(config.tenants ? [] : [config.okta.issuer]),
          },
        }),
      ),
    ),
  );
  app.use(
    sessionMiddleware(config.session, app.get(SessionStorage), {
      skip: isSessionlessPath,
      onStoreFailure: (req, res, error) =>
        sendProblem(
          req,
          res,
          new SessionStoreUnavailableException(error).getResponse() as Parameters<
            typeof sendProblem
          >[2],
        ),
    }),
  );
  app.use(pageLocals(config));
  app.useStaticAssets(join(root, 'public'), { prefix: '/assets/' });
  app.setBaseViewsDir(join(root, 'views'));
  app.setViewEngine('hbs');
  // Express caches compiled views only when NODE_ENV=production; only development wants edits
  // to show without a restart.
  app.set('view cache', config.nodeEnv !== 'development');
  registerViews(hbs, join(root, 'views'));
}
