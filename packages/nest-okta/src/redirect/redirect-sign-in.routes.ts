import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type passport from 'passport';
import { failedSignIn } from '../errors/sign-in-failure';
import { type AuthSettings, InjectAuthSettings } from '../options/auth-settings';
import type { AuthRoute } from '../routes/auth-route';
import { safeReturnTo } from '../sign-in/return-to';
import { signInRoutes } from '../sign-in/sign-in-routes';
import { SignInRateLimit } from '../sign-in/sign-in-rate-limit';
import { AUTH_PASSPORT } from '../user/auth-passport';
import { TokenVault } from '../tokens/token-vault';
import { logIn } from '../user/passport-session';
import { runOktaStrategy } from './run-strategy';
import { returnToWithinTenant } from '../tenants/tenant-return-to';

/**
 * Okta's redirect model: the login route sends the browser to the Okta-hosted sign-in page, and
 * the redirect URI's route completes the sign-in and starts a new session.
 */
@Injectable()
export class RedirectSignInRoutes {
  constructor(
    @InjectAuthSettings() private readonly settings: AuthSettings,
    @Inject(AUTH_PASSPORT) private readonly authenticator: passport.Authenticator,
    private readonly rateLimit: SignInRateLimit,
    private readonly vault: TokenVault,
  ) {}

  routes(): AuthRoute[] {
    return signInRoutes(this.settings, this.rateLimit, {
      login: (req, res) => this.login(req, res),
      callback: (req, res) => this.callback(req, res),
    });
  }

  private async login(req: Request, res: Response): Promise<void> {
    const returnTo = safeReturnTo(req.query.returnTo);
    await runOktaStrategy(this.authenticator, req, res, { returnTo });
  }

  private async callback(req: Request, res: Response): Promise<void> {
    const outcome = await runOktaStrategy(this.authenticator, req, res, { callback: true });
    if (!outcome) return;
    if (!outcome.user) throw failedSignIn(undefined, outcome.info);
    await logIn(req, outcome.user, this.vault);
    const info = outcome.info as { state?: { returnTo?: unknown } } | undefined;
    res.redirect(returnToWithinTenant(req, info?.state?.returnTo));
  }
}
