import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { randomToken } from '../oidc/pkce';

declare module 'express-session' {
  interface SessionData {
    csrfToken?: string;
  }
}

/** The session's synchronizer token for state-changing forms, created on first use. */
export function csrfTokenFor(req: Request): string {
  req.session.csrfToken ??= randomToken();
  return req.session.csrfToken;
}

export function isValidCsrfToken(req: Request, submitted: unknown): boolean {
  const expected = req.session?.csrfToken;
  if (!expected || typeof submitted !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}
