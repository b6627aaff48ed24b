import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AuthSettings } from '../options/auth-settings';
import { serveWidgetAssets } from '../widget/widget-assets.middleware';
import { type AuthRoute, serveAuthRoutes } from './auth-route';

type Routes = (req: Request, res: Response, next: NextFunction) => Promise<void>;

/**
 * Everything the module does per request, as one middleware: the steps that pass a request on
 * (the session work; with tenants, resolving the tenant first), then the module's routes, which
 * answer it or hand it to the app. One layer instead of one per step keeps Express and Nest from
 * matching, tracking and proxying every request once per step. A step answers by settling the
 * promise it returns without calling `next`; what a step throws, rejects with or passes on as
 * an error reaches Nest's exception filters through the layer's middleware proxy.
 */
export function authMiddleware(steps: RequestHandler[], routes: Routes) {
  return (req: Request, res: Response, next: NextFunction): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => reject(toError(error));
      let index = 0;
      const proceed = (error?: unknown): void => {
        if (error) {
          fail(error);
          return;
        }
        const step = steps[index++];
        if (!step) {
          routes(req, res, next).then(resolve, fail);
          return;
        }
        let passedOn = false;
        try {
          const result: unknown = step(req, res, (stepError?: unknown) => {
            passedOn = true;
            proceed(stepError);
          });
          if (result instanceof Promise) result.then(() => passedOn || resolve(), fail);
        } catch (thrown) {
          fail(thrown);
        }
      };
      proceed();
    });
}

/**
 * The module's routes for one org's settings: the widget's files under their path when it signs
 * in with the embedded widget, otherwise (and for every other path) the login, callback and
 * sign-out routes.
 */
export function moduleRoutes(settings: AuthSettings, routes: AuthRoute[]): Routes {
  const serve = serveAuthRoutes(routes);
  if (settings.signInMode !== 'widget') return serve;
  const { assetsPath } = settings.widget;
  const assets = serveWidgetAssets(assetsPath);
  const under = `${assetsPath}/`;
  return async (req, res, next) => {
    if (req.path.startsWith(under)) {
      assets(req, res, next);
      return;
    }
    await serve(req, res, next);
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
