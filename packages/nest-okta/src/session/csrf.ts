import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/**
 * Sign-out forms' CSRF tokens, derived from the session id with a keyed HMAC (OWASP's
 * HMAC-based token pattern) rather than stored in the session: nothing to keep per session,
 * every instance derives the same token, and sign-in's new session id gives a new token.
 */
export class CsrfTokens {
  private readonly key: Buffer;

  /** `secret` is one every instance shares; the key is derived from it for this use only. */
  constructor(secret: string) {
    this.key = createHash('sha256').update(`nest-okta csrf\0${secret}`).digest();
  }

  tokenFor(sessionId: string): string {
    return createHmac('sha256', this.key).update(sessionId).digest('base64url');
  }

  isValid(req: Request, submitted: unknown): boolean {
    if (!req.session || typeof submitted !== 'string') return false;
    const expected = Buffer.from(this.tokenFor(req.sessionID));
    const given = Buffer.from(submitted);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/**
 * The token for a signed-in user's sign-out form, as views get it in `res.locals.csrfToken`;
 * empty for anyone else.
 */
export function csrfTokenFor(req: Request): string {
  const token: unknown = req.res?.locals.csrfToken;
  return typeof token === 'string' ? token : '';
}
