import type { Request, Response } from 'express';
import { expiredSignIn, failedSignIn } from '../errors/sign-in-failure';
import { invalidSignInResponse, providerRefusal } from '../errors/sign-in-refusals';
import { randomToken, s256CodeChallenge } from '../oidc/pkce';
import type { AuthSettings } from '../options/auth-settings';
import { checkResponseIssuer } from '../sign-in/response-issuer';
import { safeReturnTo } from '../request/return-to';
import type { SignInFlow } from '../sign-in/admitted-sign-in';
import type { SignInTransaction, SignInTransactions } from '../sign-in/sign-in-transactions';
import type { TokenVault } from '../tokens/token-vault';
import { logIn } from '../user/passport-session';
import type { InteractionCodeSignIn } from './interaction-code-sign-in';
import { widgetContentSecurityPolicy } from './widget-content-security-policy';
import { jsonForHtml, widgetOptions } from './widget-options';
import { renderWidgetPage } from './widget-page';
import { routeUrl } from '../request/request-context';
import { returnToWithinTenant } from '../request/tenant-return-to';

const OTP = /^\d{4,12}$/;

/**
 * Okta's embedded model: the login route is the app's own page hosting the Sign-In Widget, and
 * the widget sends the browser to the redirect URI's route with an interaction code.
 */
export class WidgetSignIn implements SignInFlow {
  constructor(
    private readonly settings: AuthSettings,
    private readonly transactions: SignInTransactions,
    private readonly signIn: InteractionCodeSignIn,
    private readonly vault: TokenVault,
  ) {}

  /**
   * `?state=` shows the widget again for that pending sign-in; `?otp=` is passed through, but
   * only to resume one of this browser's sign-ins: the widget shows it on the page.
   */
  async login(req: Request, res: Response): Promise<void> {
    const { state, transaction, resumed } = this.transactionFor(req);
    // The widget talks to Okta at once: the transaction must be stored before the page is shown.
    await new Promise<void>((resolve, reject) =>
      req.session.save((err?: Error) => (err ? reject(err) : resolve())),
    );
    const cspNonce = randomToken();
    const assetsPath = routeUrl(req, this.settings.widget.assetsPath);
    const options = widgetOptions(
      this.settings,
      {
        state,
        codeChallenge: s256CodeChallenge(transaction.codeVerifier),
        nonce: transaction.nonce,
        otp: resumed ? oneTimePasscode(req.query.otp) : undefined,
      },
      cspNonce,
      assetsPath,
    );
    res.setHeader(
      'Content-Security-Policy',
      widgetContentSecurityPolicy(
        this.settings.issuer,
        cspNonce,
        this.settings.widget.contentSecurityPolicy,
      ),
    );
    renderWidgetPage(res, this.settings, {
      cspNonce,
      assetsPath,
      widgetOptions: jsonForHtml(options),
    });
  }

  async callback(req: Request, res: Response): Promise<void> {
    const { interaction_code: code, state, error } = req.query;
    const otp = oneTimePasscode(req.query.otp);
    const login = routeUrl(req, this.settings.routes.login);
    // Okta needs the user back on the widget for this same transaction.
    if (typeof state === 'string' && error === 'interaction_required') {
      res.redirect(`${login}?${new URLSearchParams({ state }).toString()}`);
      return;
    }
    // An email magic link: the widget resumes the transaction with the passcode.
    if (typeof state === 'string' && otp !== undefined) {
      res.redirect(`${login}?${new URLSearchParams({ state, otp }).toString()}`);
      return;
    }
    const transaction = this.transactions.consume(req, state);
    try {
      const refusal = checkResponseIssuer(req.query.iss, this.settings.issuer, false);
      if (refusal) throw refusal;
      if (error !== undefined) throw providerRefusal(error);
      if (typeof code !== 'string' || code === '' || typeof state !== 'string') {
        throw invalidSignInResponse();
      }
      const user = await this.complete(code, transaction);
      await logIn(req, user, this.vault);
      res.redirect(returnToWithinTenant(req, transaction?.returnTo));
    } catch (err) {
      throw failedSignIn(err);
    }
  }

  private complete(code: string, transaction: SignInTransaction | undefined) {
    if (!transaction) throw expiredSignIn();
    return this.signIn.complete(code, transaction);
  }

  /** The pending transaction `?state=` names, or a new one. */
  private transactionFor(req: Request): {
    state: string;
    transaction: Pick<SignInTransaction, 'codeVerifier' | 'nonce'>;
    resumed: boolean;
  } {
    const { state } = req.query;
    const pending = this.transactions.pending(req, state);
    if (pending && typeof state === 'string') {
      return { state, transaction: pending, resumed: true };
    }
    return { ...this.transactions.begin(req, safeReturnTo(req.query.returnTo)), resumed: false };
  }
}

/** Okta's email one-time passcodes are digits; anything else is not one, and is not shown. */
function oneTimePasscode(value: unknown): string | undefined {
  return typeof value === 'string' && OTP.test(value) ? value : undefined;
}
