import type { Request, Response } from 'express';
import type passport from 'passport';
import { failedSignIn } from '../errors/sign-in-failure';
import { safeReturnTo } from '../request/return-to';
import type { SignInFlow } from '../sign-in/admitted-sign-in';
import type { SignInCompletion } from '../sign-in/sign-in-completion';
import { loginRouteRequest, type SignInRequest } from '../sign-in/sign-in-request';
import type { SignInTransaction } from '../sign-in/sign-in-transactions';
import { runOktaStrategy } from './run-strategy';

/**
 * Okta's redirect model: the login route sends the browser to the Okta-hosted sign-in page, and
 * the redirect URI's route completes the sign-in and starts a new session.
 */
export class RedirectSignIn implements SignInFlow {
  constructor(
    private readonly authenticator: passport.Authenticator,
    private readonly completion: SignInCompletion,
  ) {}

  login(req: Request, res: Response): Promise<void> {
    return this.start(req, res, safeReturnTo(req.query.returnTo), loginRouteRequest(req.query));
  }

  async start(req: Request, res: Response, returnTo: string, request: SignInRequest) {
    await runOktaStrategy(this.authenticator, req, res, { returnTo, request });
  }

  async callback(req: Request, res: Response): Promise<void> {
    const outcome = await runOktaStrategy(this.authenticator, req, res, { callback: true });
    if (!outcome) return;
    if (!outcome.user) throw failedSignIn(undefined, outcome.info);
    // The state store hands back the transaction it consumed (see TransactionStateStore).
    const info = outcome.info as { state: { transaction: SignInTransaction } };
    await this.completion.complete(req, res, outcome.user, info.state.transaction);
  }
}
