import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { applyHeaders, type HeaderChanges } from './recorded-headers';
import { isSessionlessPath } from './sessionless-paths';

/**
 * The headers every answer carries (helmet's, recorded once at start-up), and no-store: pages
 * and API answers depend on who is signed in, and sign-in responses carry one-time values, so
 * no browser or shared cache may keep them. Static assets and probes set their own caching.
 */
export function responseHeaders(constant: HeaderChanges): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    applyHeaders(res, constant);
    if (!isSessionlessPath(req.path)) res.setHeader('Cache-Control', 'no-store');
    next();
  };
}
