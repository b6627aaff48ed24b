import type { AuthSettings } from '../options/auth-settings';
import type { SignInRequest } from '../sign-in/sign-in-request';

/** The app's `--brand` colour, so the widget's buttons match the rest of the site. */
const BRAND_COLOUR = '#1662dd';

export interface WidgetTransaction {
  state: string;
  codeChallenge: string;
  nonce: string;
  /** The interaction the server started; the page's script hands it to okta-auth-js. */
  interactionHandle: string;
  /** An email magic link's one-time passcode, passed through to resume the transaction. */
  otp?: string;
  /**
   * Where the widget's "Back to sign in" goes: the login route, which starts a new interaction.
   * Left to itself, the widget starts one at `/v1/interact` from the browser, which Okta refuses
   * for a confidential client.
   */
  backToSignIn?: string;
  /** What the transaction asks of the provider (`prompt` is the redirect model's only). */
  request?: SignInRequest;
}

/**
 * The Sign-In Widget's options for Okta's embedded model with a server-side transaction: the
 * server owns `state`, the PKCE challenge (the verifier never leaves the server) and the nonce,
 * and has started the interaction itself; the widget sends the browser to the redirect URI with
 * the interaction code. `interactionHandle` is no widget option (widget 7 dropped it): the
 * page's script saves it as okta-auth-js's transaction, which the widget then resumes.
 */
export function widgetOptions(
  settings: AuthSettings,
  transaction: WidgetTransaction,
  cspNonce: string,
  assetsPath: string,
): Record<string, unknown> {
  return {
    issuer: settings.issuer,
    baseUrl: orgUrl(settings.issuer),
    clientId: settings.clientId,
    redirectUri: settings.redirectUri,
    scopes: settings.scopes,
    state: transaction.state,
    codeChallenge: transaction.codeChallenge,
    codeChallengeMethod: 'S256',
    nonce: transaction.nonce,
    interactionHandle: transaction.interactionHandle,
    ...(transaction.otp !== undefined && { otp: transaction.otp }),
    ...(transaction.backToSignIn !== undefined && { backToSignInLink: transaction.backToSignIn }),
    ...(transaction.request?.loginHint !== undefined && {
      username: transaction.request.loginHint,
    }),
    ...interactParameters(transaction.request ?? {}),
    // Unset, the widget follows the browser; either way it loads its language files from
    // assets.baseUrl, which is this app, never Okta's CDN.
    ...(settings.widget.language !== undefined && { language: settings.widget.language }),
    assets: { baseUrl: assetsPath },
    colors: { brand: BRAND_COLOUR },
    cspNonce,
  };
}

/**
 * What okta-auth-js sends to `/v1/interact` beyond the transaction: `acr_values`, and `max_age`
 * as a string, since it sends `maxAge && { max_age }` and would drop a 0.
 */
function interactParameters({ acrValues, maxAge }: SignInRequest): Record<string, unknown> {
  if (acrValues === undefined && maxAge === undefined) return {};
  return {
    authParams: {
      ...(acrValues && { acrValues: acrValues.join(' ') }),
      ...(maxAge !== undefined && { maxAge: String(maxAge) }),
    },
  };
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` are escaped, so
 * query-string values such as `state` or `otp` can never close the element.
 */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

/** Okta's org URL: the issuer up to `/oauth2` (`https://org/oauth2/default` → `https://org`). */
function orgUrl(issuer: string): string {
  return issuer.replace(/\/oauth2(?:\/.*)?$/, '');
}
