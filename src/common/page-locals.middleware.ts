import type { NextFunction, Request, Response } from 'express';
import { csrfTokenFor } from '../auth/csrf';
import type { OktaUser } from '../auth/okta-user';

/** What every page's layout needs: who is signed in and the token for the sign-out form. */
export function pageLocals(usesDevIdentityProvider: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const user = req.user as OktaUser | undefined;
    res.locals.devIdentityProvider = usesDevIdentityProvider;
    if (user) {
      res.locals.currentUser = { name: user.name, isAdmin: user.groups.includes('admin') };
      res.locals.csrfToken = csrfTokenFor(req);
    }
    next();
  };
}
