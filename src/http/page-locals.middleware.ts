import type { NextFunction, Request, Response } from 'express';
import type { OktaUser } from 'nest-okta';

/** The Okta group whose members see the admin link. */
const ADMIN_GROUP = 'admin';

/**
 * Who is signed in, for the app's layout (beside what AuthModule provides: the sign-out form's
 * token and paths). Mounted with the app's own middleware, ahead of AuthModule's, so it reads
 * the user when a view renders rather than on every request: API answers never need it, and
 * the app needs no middleware layer of its own after AuthModule's.
 */
export function pageLocals(req: Request, res: Response, next: NextFunction): void {
  Object.defineProperty(res.locals, 'currentUser', {
    enumerable: true,
    configurable: true,
    get: () => {
      const user = req.user as OktaUser | undefined;
      return user && { name: user.name, isAdmin: user.groups.includes(ADMIN_GROUP) };
    },
  });
  next();
}
