import { IdxStatus, OktaAuth, type IdxTransaction } from '@okta/okta-auth-js';
import type { Browser } from './browser';

/** The options the app rendered into its widget page, as the widget receives them. */
export interface WidgetPageOptions {
  issuer: string;
  baseUrl: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  codeChallenge: string;
  codeChallengeMethod: string;
  nonce: string;
  /** The interaction the server started at `/v1/interact`, authenticated as the app. */
  interactionHandle: string;
  otp?: string;
  /** The sign-in's username, pre-filled (a `loginHint`). */
  username?: string;
  /** What okta-auth-js adds to `/v1/interact`: a step-up's `acr_values` and `max_age`. */
  authParams?: { acrValues?: string; maxAge?: string };
  language: string;
  assets: { baseUrl: string };
  cspNonce: string;
}

/** Opens the app's `/login` (or a resume URL) and reads the widget's options from the page. */
export async function openWidgetPage(
  browser: Browser,
  url: string,
): Promise<{ options: WidgetPageOptions; body: string; headers: Headers }> {
  const page = await browser.request(url);
  if (page.status !== 200)
    throw new Error(`Expected the widget page at ${url}, got ${page.status}`);
  const json =
    /<script type="application\/json" id="okta-sign-in-widget-options">([^<]*)<\/script>/.exec(
      page.body,
    )?.[1];
  if (!json) throw new Error(`No widget options on the page at ${url}`);
  return { options: JSON.parse(json) as WidgetPageOptions, body: page.body, headers: page.headers };
}

/** One browser tab's okta-auth-js storage: tabs must not see each other's transactions. */
function tabStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/**
 * okta-auth-js configured exactly as the widget configures it from the page's options: the
 * server owns state, the PKCE challenge and the nonce, and has started the interaction, whose
 * handle is saved as the page's script saves it; the code is not exchanged here.
 */
export function widgetAuthClient(options: WidgetPageOptions): OktaAuth {
  const storage = { storageProvider: tabStorage() };
  const transaction = {
    issuer: options.issuer,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    scopes: options.scopes,
    state: options.state,
    codeChallenge: options.codeChallenge,
    codeChallengeMethod: options.codeChallengeMethod,
  };
  const client = new OktaAuth({
    ...transaction,
    // As the widget does: its authParams become okta-auth-js's own options.
    ...options.authParams,
    storageManager: {
      token: storage,
      transaction: storage,
      'shared-transaction': storage,
      'original-uri': storage,
    },
  });
  client.idx.saveTransactionMeta({
    ...transaction,
    interactionHandle: options.interactionHandle,
    // identify() runs okta-auth-js's authenticate flow, which resumes only a meta saved for it.
    flow: 'authenticate',
    withCredentials: true,
  });
  return client;
}

/** okta-auth-js's idx options for the widget's transaction. */
export function idxOptions(options: WidgetPageOptions) {
  return { exchangeCodeForTokens: false, nonce: options.nonce } as const;
}

/**
 * Submits the `identify` form as the widget does: username and password in one step, or the
 * username alone when the password is to be asked for next.
 */
export function identify(
  client: OktaAuth,
  options: WidgetPageOptions,
  credentials: { username: string; password?: string },
): Promise<IdxTransaction> {
  return client.idx.authenticate({ ...idxOptions(options), step: 'identify', ...credentials });
}

/** The URL the widget sends the browser to once it holds an interaction code. */
export function callbackUrl(options: WidgetPageOptions, transaction: IdxTransaction): string {
  if (transaction.status !== IdxStatus.SUCCESS || !transaction.interactionCode) {
    throw new Error(
      `Expected an interaction code, got ${transaction.status}: ${JSON.stringify(transaction.messages)}`,
    );
  }
  const url = new URL(options.redirectUri);
  url.searchParams.set('interaction_code', transaction.interactionCode);
  url.searchParams.set('state', options.state);
  return url.toString();
}
