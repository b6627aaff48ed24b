import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { randomToken } from '../oidc/pkce';

declare module 'express-session' {
  interface SessionData {
    /** The synchronizer token for sign-out forms, made new with every sign-in. */
    csrfToken?: string;
  }
}

/** Gives the session a fresh synchronizer token; called at every sign-in. */
export function renewCsrfToken(req: Request): void {
  req.session.csrfToken = randomToken();
}

/**
 * The session's token for state-changing forms. A stored value that is not a string (the store
 * is not to be trusted) is replaced rather than used.
 */
export function csrfTokenFor(req: Request): string {
  if (typeof req.session.csrfToken !== 'string') renewCsrfToken(req);
  return req.session.csrfToken!;
}

export function isValidCsrfToken(req: Request, submitted: unknown): boolean {
  const expected: unknown = req.session?.csrfToken;
  if (typeof expected !== 'string' || expected === '' || typeof submitted !== 'string') {
    return false;
  }
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}
