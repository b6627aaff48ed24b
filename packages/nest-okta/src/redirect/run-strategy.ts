import type { Request, Response } from 'express';
import type passport from 'passport';
import { failedSignIn } from '../errors/sign-in-failure';
import type { VerifiedSignIn } from '../user/okta-user';
import { OKTA_STRATEGY } from '../user/auth-passport';
import type { OktaAuthenticateOptions } from './okta.strategy';

export interface StrategyOutcome {
  user: VerifiedSignIn | false;
  info: unknown;
}

/**
 * Runs the Okta strategy for one request. It either answers the request itself (the redirect to
 * the provider: resolves with nothing) or reports a user or a failure; an error becomes the
 * user-facing exception for a failed sign-in.
 */
export function runOktaStrategy(
  authenticator: passport.Authenticator,
  req: Request,
  res: Response,
  options: OktaAuthenticateOptions,
): Promise<StrategyOutcome | undefined> {
  return new Promise((resolve, reject) => {
    const answered = () => resolve(undefined);
    res.once('finish', answered).once('close', answered);
    const authenticate = authenticator.authenticate(
      OKTA_STRATEGY,
      options as object,
      (err: unknown, user: VerifiedSignIn | false, info: unknown) => {
        res.off('finish', answered).off('close', answered);
        if (err) reject(failedSignIn(err));
        else resolve({ user, info });
      },
    ) as (req: Request, res: Response, next: (err?: unknown) => void) => void;
    authenticate(req, res, (err?: unknown) => (err ? reject(failedSignIn(err)) : answered()));
  });
}
