import type { Request, Response } from 'express';
import type { RouteHandler } from '../request/route-handler';
import { returnToWithinTenant } from '../request/tenant-return-to';
import { requireSession } from '../session/require-session';
import { signedInUser } from '../user/signed-in-user';
import type { SignInRateLimit } from './sign-in-rate-limit';
import type { SignInRequest } from './sign-in-request';

/**
 * Either sign-in model: the login route starts a sign-in (or resumes the widget's), `start`
 * begins one for any request with what it asks of the provider, and the callback route
 * completes it.
 */
export interface SignInFlow {
  login: RouteHandler;
  callback: RouteHandler;
  /** Answers the request with the sign-in's first step: a redirect to Okta, or the widget. */
  start(req: Request, res: Response, returnTo: string, request: SignInRequest): Promise<void>;
}

/**
 * A sign-in model with what both models do first: count the request against the client's
 * sign-in budget and make sure there is a usable session. A user already signed in who comes to
 * the login route just goes where they were heading; `start` signs them in again (a step-up).
 */
export function admittedSignIn(rateLimit: SignInRateLimit, flow: SignInFlow): SignInFlow {
  const admit = async (req: Request, res: Response) => {
    await rateLimit.count(req, res);
    requireSession(req);
  };
  return {
    login: async (req, res) => {
      await admit(req, res);
      if (signedInUser(req)) {
        res.redirect(returnToWithinTenant(req, req.query.returnTo));
        return;
      }
      await flow.login(req, res);
    },
    callback: async (req, res) => {
      await admit(req, res);
      await flow.callback(req, res);
    },
    start: async (req, res, returnTo, request) => {
      await admit(req, res);
      await flow.start(req, res, returnTo, request);
    },
  };
}
