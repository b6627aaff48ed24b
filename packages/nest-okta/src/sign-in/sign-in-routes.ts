import type { Request, Response } from 'express';
import { signedInUser } from '../access/signed-in-user';
import type { AuthSettings } from '../options/auth-settings';
import type { AuthRoute } from '../routes/auth-route';
import { requireSession } from '../session/require-session';
import type { SignInRateLimit } from './sign-in-rate-limit';
import { returnToWithinTenant } from '../tenants/tenant-return-to';

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The login and callback routes of either sign-in model, with what both models do first: count
 * the request against the client's sign-in budget and make sure there is a usable session. A
 * user already signed in who comes to the login route just goes where they were heading.
 */
export function signInRoutes(
  settings: AuthSettings,
  rateLimit: SignInRateLimit,
  handlers: { login: Handler; callback: Handler },
): AuthRoute[] {
  const admitted =
    (handler: Handler, { forSignedIn }: { forSignedIn: boolean }): Handler =>
    async (req, res) => {
      await rateLimit.count(req, res);
      requireSession(req);
      if (forSignedIn && signedInUser(req)) {
        res.redirect(returnToWithinTenant(req, req.query.returnTo));
        return;
      }
      await handler(req, res);
    };
  return [
    {
      method: 'GET',
      path: settings.routes.login,
      handle: admitted(handlers.login, { forSignedIn: true }),
    },
    {
      method: 'GET',
      path: settings.routes.callback,
      handle: admitted(handlers.callback, { forSignedIn: false }),
    },
  ];
}
