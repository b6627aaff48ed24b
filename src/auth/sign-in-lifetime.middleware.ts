import type { NextFunction, Request, Response } from 'express';
import type { SessionUser } from './session.serializer';

/**
 * Ends a sign-in once it is older than the absolute limit, however active the user has been;
 * the idle limit is the session cookie's rolling expiry. The request then continues anonymously,
 * so guards send the user to sign in again and back to the page they asked for.
 */
export function signInLifetime(absoluteTimeoutMs: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const user = req.user as SessionUser | undefined;
    if (!user || Date.now() - user.signedInAt < absoluteTimeoutMs) {
      next();
      return;
    }
    req.logout({ keepSessionInfo: false }, next);
  };
}
