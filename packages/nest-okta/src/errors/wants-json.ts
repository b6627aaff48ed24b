import type { Request } from 'express';

/** API clients get JSON: anything under /api, or a request that prefers JSON to HTML. */
export function wantsJson(req: Request): boolean {
  return req.path.startsWith('/api/') || req.accepts(['html', 'json']) === 'json';
}
