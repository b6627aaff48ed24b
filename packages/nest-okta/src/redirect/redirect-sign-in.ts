import type { Request, Response } from 'express';
import type passport from 'passport';
import { failedSignIn } from '../errors/sign-in-failure';
import { safeReturnTo } from '../request/return-to';
import type { SignInFlow } from '../sign-in/admitted-sign-in';
import type { TokenVault } from '../tokens/token-vault';
import { logIn } from '../user/passport-session';
import { runOktaStrategy } from './run-strategy';
import { returnToWithinTenant } from '../request/tenant-return-to';

/**
 * Okta's redirect model: the login route sends the browser to the Okta-hosted sign-in page, and
 * the redirect URI's route completes the sign-in and starts a new session.
 */
export class RedirectSignIn implements SignInFlow {
  constructor(
    private readonly authenticator: passport.Authenticator,
    private readonly vault: TokenVault,
  ) {}

  async login(req: Request, res: Response): Promise<void> {
    const returnTo = safeReturnTo(req.query.returnTo);
    await runOktaStrategy(this.authenticator, req, res, { returnTo });
  }

  async callback(req: Request, res: Response): Promise<void> {
    const outcome = await runOktaStrategy(this.authenticator, req, res, { callback: true });
    if (!outcome) return;
    if (!outcome.user) throw failedSignIn(undefined, outcome.info);
    await logIn(req, outcome.user, this.vault);
    const info = outcome.info as { state?: { returnTo?: unknown } } | undefined;
    res.redirect(returnToWithinTenant(req, info?.state?.returnTo));
  }
}
