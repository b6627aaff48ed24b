import type { NextFunction, Request, Response } from 'express';
import { isSessionlessPath } from './sessionless-paths';

/**
 * Pages and API answers depend on who is signed in, and sign-in responses carry one-time
 * values: no browser or shared cache may keep them. Static assets and probes set their own.
 */
export function noStore(req: Request, res: Response, next: NextFunction): void {
  if (!isSessionlessPath(req.path)) res.setHeader('Cache-Control', 'no-store');
  next();
}
