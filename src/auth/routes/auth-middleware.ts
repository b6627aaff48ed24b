import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Everything the module does per request, as one middleware: the session work first, then the
 * widget's files or the module's routes. One layer instead of three keeps Express and Nest from
 * matching and proxying every request three times; what a step throws or passes on as an error
 * reaches Nest's exception filters through its middleware proxy.
 */
export function authMiddleware(steps: {
  session: RequestHandler;
  /** Static files under `path`, handed the request as Express would (they may answer or not). */
  assets?: { path: string; handler: RequestHandler };
  routes: (req: Request, res: Response, next: NextFunction) => Promise<void>;
}) {
  const { session, assets, routes } = steps;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    await new Promise<void>((resolve, reject) =>
      session(req, res, (error?: unknown) => (error ? reject(toError(error)) : resolve())),
    );
    if (assets && req.path.startsWith(`${assets.path}/`)) {
      assets.handler(req, res, next);
      return;
    }
    await routes(req, res, next);
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
