import type { NextFunction, Request, Response } from 'express';

/**
 * Pages and API answers depend on who is signed in, and sign-in responses carry one-time
 * values: no browser or shared cache may keep them. Static assets set their own caching.
 */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!req.path.startsWith('/assets/')) res.setHeader('Cache-Control', 'no-store');
  next();
}
