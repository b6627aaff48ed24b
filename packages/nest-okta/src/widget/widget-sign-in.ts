import type { Request, Response } from 'express';
import { expiredSignIn, failedSignIn } from '../errors/sign-in-failure';
import { invalidSignInResponse, providerRefusal } from '../errors/sign-in-refusals';
import { randomToken, s256CodeChallenge } from '../oidc/pkce';
import type { AuthSettings } from '../options/auth-settings';
import { checkResponseIssuer } from '../sign-in/response-issuer';
import { safeReturnTo } from '../request/return-to';
import type { SignInFlow } from '../sign-in/admitted-sign-in';
import type { SignInCompletion } from '../sign-in/sign-in-completion';
import { loginRouteRequest, type SignInRequest } from '../sign-in/sign-in-request';
import type { SignInTransaction, SignInTransactions } from '../sign-in/sign-in-transactions';
import type { InteractionCodeSignIn } from './interaction-code-sign-in';
import { widgetContentSecurityPolicy } from './widget-content-security-policy';
import { jsonForHtml, widgetOptions } from './widget-options';
import { renderWidgetPage } from './widget-page';
import { routeUrl } from '../request/request-context';

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
    private readonly completion: SignInCompletion,
  ) {}

  /**
   * `?state=` shows the widget again for that pending sign-in; `?otp=` is passed through, but
   * only to resume one of this browser's sign-ins: the widget shows it on the page.
   */
  async login(req: Request, res: Response): Promise<void> {
    const { state } = req.query;
    const pending = this.transactions.pending(req, state);
    if (pending && typeof state === 'string') {
      await this.showWidget(req, res, state, pending, oneTimePasscode(req.query.otp));
      return;
    }
    await this.start(req, res, safeReturnTo(req.query.returnTo), loginRouteRequest(req.query));
  }

  async start(req: Request, res: Response, returnTo: string, request: SignInRequest) {
    const { state, transaction } = this.transactions.begin(req, returnTo, request);
    await this.showWidget(req, res, state, transaction);
  }

  /** The page hosting the widget, for one of this browser's sign-in transactions. */
  private async showWidget(
    req: Request,
    res: Response,
    state: string,
    transaction: SignInTransaction,
    otp?: string,
  ): Promise<void> {
    const codeChallenge = s256CodeChallenge(transaction.codeVerifier);
    const interactionHandle =
      transaction.interactionHandle ??
      (await this.startInteraction(req, state, codeChallenge, transaction));
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
        codeChallenge,
        nonce: transaction.nonce,
        interactionHandle,
        otp,
        backToSignIn: this.backToSignIn(req, transaction.returnTo),
        request: transaction.request,
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

  /**
   * A new sign-in for the same page, through the login route; none when the app mounts its own
   * login route, whose address the module does not know.
   */
  private backToSignIn(req: Request, returnTo: string): string | undefined {
    const { routes, routesOff } = this.settings;
    if (routesOff.has('login')) return undefined;
    return `${routeUrl(req, routes.login)}?${new URLSearchParams({ returnTo }).toString()}`;
  }

  /**
   * Starts the transaction's interaction from the server, authenticated as the app, and keeps its
   * handle with the transaction. A refusal (a key Okta does not know, say) ends the sign-in with
   * the usual failure page.
   */
  private async startInteraction(
    req: Request,
    state: string,
    codeChallenge: string,
    { nonce, request }: SignInTransaction,
  ): Promise<string> {
    let interactionHandle: string;
    try {
      interactionHandle = await this.signIn.begin({ state, codeChallenge, nonce, request });
    } catch (err) {
      throw failedSignIn(err);
    }
    this.transactions.rememberInteraction(req, state, interactionHandle);
    return interactionHandle;
  }

  async callback(req: Request, res: Response): Promise<void> {
    const { interaction_code: code, state, error } = req.query;
    const otp = oneTimePasscode(req.query.otp);
    // Okta needs the user back on the widget for this same transaction: with `otp`, an email
    // magic link's passcode the widget resumes it with.
    if (typeof state === 'string' && (error === 'interaction_required' || otp !== undefined)) {
      await this.resume(req, res, state, otp);
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
      if (!transaction) throw expiredSignIn();
      const user = await this.signIn.complete(code, transaction);
      await this.completion.complete(req, res, user, transaction);
    } catch (err) {
      throw failedSignIn(err);
    }
  }

  /**
   * Back to the widget for a pending transaction: through the login route, whose page it is; an
   * app that mounts its own login route gets the widget here, on the callback's own address.
   */
  private async resume(req: Request, res: Response, state: string, otp?: string) {
    const { routes, routesOff } = this.settings;
    if (!routesOff.has('login')) {
      const query = new URLSearchParams(otp === undefined ? { state } : { state, otp });
      res.redirect(`${routeUrl(req, routes.login)}?${query.toString()}`);
      return;
    }
    const pending = this.transactions.pending(req, state);
    if (!pending) throw expiredSignIn();
    await this.showWidget(req, res, state, pending, otp);
  }
}

/** Okta's email one-time passcodes are digits; anything else is not one, and is not shown. */
function oneTimePasscode(value: unknown): string | undefined {
  return typeof value === 'string' && OTP.test(value) ? value : undefined;
}
