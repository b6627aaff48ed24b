import type { NextFunction, Request, RequestHandler, Response } from 'express';

type Routes = (req: Request, res: Response, next: NextFunction) => Promise<void>;
/** Static files under `path`, handed the request as Express would (they may answer or not). */
type Assets = { path: string; handler: RequestHandler };

/**
 * Everything the module does per request, as one middleware: the session work first, then the
 * widget's files or the module's routes. One layer instead of three keeps Express and Nest from
 * matching and proxying every request three times; what a step throws or passes on as an error
 * reaches Nest's exception filters through its middleware proxy.
 */
export function authMiddleware(steps: {
  session: RequestHandler;
  assets?: Assets;
  routes: Routes;
}) {
  const { session } = steps;
  const assetsOrRoutes = widgetAssetsOr(steps.assets, steps.routes);
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    await new Promise<void>((resolve, reject) =>
      session(req, res, (error?: unknown) => (error ? reject(toError(error)) : resolve())),
    );
    await assetsOrRoutes(req, res, next);
  };
}

/** The widget's files under their path, when the sign-in serves them; otherwise the routes. */
export function widgetAssetsOr(assets: Assets | undefined, routes: Routes): Routes {
  if (!assets) return routes;
  return async (req, res, next) => {
    if (req.path.startsWith(`${assets.path}/`)) {
      assets.handler(req, res, next);
      return;
    }
    await routes(req, res, next);
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
