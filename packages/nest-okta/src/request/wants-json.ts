import type { Request } from 'express';
import { requestContextOf } from './request-context';
import { isUnder } from './route-prefix';

/**
 * API clients get JSON: anything under the app's `/api` (after its global prefix), or a request
 * that prefers JSON to HTML.
 */
export function wantsJson(req: Request): boolean {
  const { prefix } = requestContextOf(req).routePrefix;
  const path = isUnder(req.path, prefix) ? req.path.slice(prefix.length) : req.path;
  return path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}
