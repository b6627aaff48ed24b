import type { Request } from 'express';
import type { OktaUser } from './okta-user';

/**
 * The request's signed-in user, if any. Read from `req.user` (set by Passport from a session
 * already checked for shape), so it answers even where Passport did not run.
 */
export function signedInUser(req: Request): OktaUser | undefined {
  const user = req.user as OktaUser | undefined | null | false;
  return user || undefined;
}
