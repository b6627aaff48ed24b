import type { NextFunction, Request, Response } from 'express';

/** One of the module's own routes, whose path comes from the module's options. */
export interface AuthRoute {
  method: 'GET' | 'POST';
  path: string;
  /** Errors it throws reach the app's exception filters, as a controller's would. */
  handle(req: Request, res: Response): Promise<void>;
}

/**
 * Serves the module's routes from middleware. Their paths are options, which `forRootAsync`
 * knows only once the app runs, after controllers' routes are fixed; middleware is set up then.
 * Nest's middleware proxy hands what a handler throws to the exception filters.
 */
export function serveAuthRoutes(routes: AuthRoute[]) {
  const table = new Map(routes.map((route) => [`${route.method} ${route.path}`, route]));
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const route = table.get(`${method} ${req.path}`);
    if (!route) {
      next();
      return;
    }
    await route.handle(req, res);
  };
}
