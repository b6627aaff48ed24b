import { Controller, Get, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { serializePolicy, widgetContentSecurityPolicy } from '../../common/content-security-policy';
import type { AppConfig } from '../../config/app-config';
import { InjectAppConfig } from '../../config/app-config.token';
import { WIDGET_CALLBACK_PATH } from '../../config/read-config';
import { demoUsersHint } from '../../dev-identity-provider/demo-users';
import { createCodeVerifier, randomToken, s256CodeChallenge } from '../../oidc/pkce';
import type { OktaUser } from '../okta-user';
import { logIn } from '../passport-session';
import { Public } from '../public.decorator';
import { safeReturnTo } from '../return-to';
import { failedSignIn, toSignInException } from '../sign-in-failure';
import { SignInRateLimitGuard } from '../sign-in-rate-limit.guard';
import { invalidSignInResponse, providerRefusal } from '../sign-in-refusals';
import { signInTransactions, SignInTransaction } from '../sign-in-transactions';
import { UNKNOWN_STATE } from '../transaction-state.store';
import { InteractionCodeSignIn } from './interaction-code-sign-in.service';
import { jsonForHtml, widgetOptions } from './widget-options';

/** Longer than any one-time passcode Okta sends; anything longer is not one. */
const MAX_OTP_LENGTH = 64;

/**
 * Okta's embedded model: `/login` is the app's own page hosting the Sign-In Widget, and the
 * widget sends the browser to `/login/callback` with an interaction code.
 */
@Public()
@Controller()
@UseGuards(SignInRateLimitGuard)
export class WidgetSignInController {
  private readonly demoUsers?: string;

  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly signIn: InteractionCodeSignIn,
  ) {
    if (config.usesDevIdentityProvider) this.demoUsers = demoUsersHint();
  }

  /** `?state=` shows the widget again for that pending sign-in; `?otp=` is passed through. */
  @Get('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (req.isAuthenticated()) {
      res.redirect(safeReturnTo(req.query.returnTo));
      return;
    }
    const { state, transaction } = this.transactionFor(req);
    // The widget talks to Okta at once: the transaction must be stored before the page is shown.
    await new Promise<void>((resolve, reject) =>
      req.session.save((err?: Error) => (err ? reject(err) : resolve())),
    );
    const cspNonce = randomToken(16);
    const options = widgetOptions(
      this.config.okta,
      {
        state,
        codeChallenge: s256CodeChallenge(transaction.codeVerifier),
        nonce: transaction.nonce,
        otp: oneTimePasscode(req.query.otp),
      },
      cspNonce,
    );
    res.setHeader(
      'Content-Security-Policy',
      serializePolicy(widgetContentSecurityPolicy(this.config, cspNonce)),
    );
    res.render('widget-login', {
      title: 'Sign in',
      cspNonce,
      widgetOptions: jsonForHtml(options),
      demoUsers: this.demoUsers,
    });
  }

  @Get(WIDGET_CALLBACK_PATH.slice(1))
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const { interaction_code: code, state, error, error_description } = req.query;
    const otp = oneTimePasscode(req.query.otp);
    // Okta needs the user back on the widget for this same transaction.
    if (typeof state === 'string' && error === 'interaction_required') {
      res.redirect(`/login?${new URLSearchParams({ state }).toString()}`);
      return;
    }
    // An email magic link: the widget resumes the transaction with the passcode.
    if (typeof state === 'string' && otp !== undefined) {
      res.redirect(`/login?${new URLSearchParams({ state, otp }).toString()}`);
      return;
    }
    const transaction = signInTransactions.consume(req, state);
    try {
      if (error !== undefined) throw providerRefusal(error, error_description);
      if (typeof code !== 'string' || code === '' || typeof state !== 'string') {
        throw invalidSignInResponse();
      }
      const user = await this.complete(code, transaction);
      await logIn(req, user);
      res.redirect(safeReturnTo(transaction?.returnTo));
    } catch (err) {
      throw failedSignIn(err, undefined);
    }
  }

  private complete(code: string, transaction: SignInTransaction | undefined): Promise<OktaUser> {
    if (!transaction) throw toSignInException(undefined, { message: UNKNOWN_STATE });
    return this.signIn.complete(code, transaction);
  }

  /** The pending transaction `?state=` names, or a new one. */
  private transactionFor(req: Request): {
    state: string;
    transaction: Pick<SignInTransaction, 'codeVerifier' | 'nonce'>;
  } {
    const { state } = req.query;
    const pending = signInTransactions.pending(req, state);
    if (pending && typeof state === 'string') return { state, transaction: pending };
    const transaction = {
      codeVerifier: createCodeVerifier(),
      nonce: randomToken(),
      returnTo: safeReturnTo(req.query.returnTo),
    };
    return { state: signInTransactions.begin(req, transaction), transaction };
  }
}

function oneTimePasscode(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= MAX_OTP_LENGTH
    ? value
    : undefined;
}
