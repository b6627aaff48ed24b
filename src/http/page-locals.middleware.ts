import type { NextFunction, Request, Response } from 'express';
import type { OktaUser } from '../auth';

/** The Okta group whose members see the admin link. */
const ADMIN_GROUP = 'admin';

/**
 * What the app's layout needs beside what AuthModule provides (the sign-out form's token and
 * path): who is signed in, and whether the development provider stands in for Okta.
 */
export function pageLocals(usesDevIdentityProvider: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const user = req.user as OktaUser | undefined;
    res.locals.devIdentityProvider = usesDevIdentityProvider;
    if (user) {
      res.locals.currentUser = { name: user.name, isAdmin: user.groups.includes(ADMIN_GROUP) };
    }
    next();
  };
}
