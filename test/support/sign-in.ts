import { type Browser, type Page, readForm } from './browser';

export const ALICE = { username: 'alice@example.com', password: 'Alice-Demo-1' };
export const BOB = { username: 'bob@example.com', password: 'Bob-Demo-1' };
/** Carol has no second factor: a sign-in that needs one is beyond her (`2fa:any`). */
export const CAROL = { username: 'carol@example.com', password: 'Carol-Demo-1' };
/** Dave's sign-on policy also asks for a code sent by email (to the development mailbox). */
export const DAVE = { username: 'dave@example.com', password: 'Dave-Demo-1' };

/** Follows the app's redirect to the provider and stops on its sign-in page. */
export async function openSignInPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.follow(url);
  if (!/name="password"/.test(page.body)) {
    throw new Error(`Expected the provider's sign-in page at ${page.url}, got ${page.status}`);
  }
  return page;
}

/** Types the credentials into the provider's form and submits it; returns the first response. */
export async function submitCredentials(
  browser: Browser,
  signInPage: Page,
  credentials: { username: string; password: string },
): Promise<Page> {
  const form = readForm(signInPage.body, signInPage.url);
  return browser.request(form.action, {
    form: { ...form.fields, username: credentials.username, password: credentials.password },
  });
}

/**
 * Submits the credentials and follows the provider's redirects until the browser is sent to
 * the app's callback, which is returned unvisited so tests can inspect or replay it.
 */
export async function signInUntilCallback(
  browser: Browser,
  startUrl: string,
  credentials: { username: string; password: string },
  callbackPrefix: string,
): Promise<string> {
  const signInPage = await openSignInPage(browser, startUrl);
  let page = await submitCredentials(browser, signInPage, credentials);
  for (let hop = 0; hop < 10; hop++) {
    if (!page.location)
      throw new Error(
        `Sign-in stopped at ${page.url} with ${page.status}: ${page.body.slice(0, 300)}`,
      );
    if (page.location.startsWith(callbackPrefix)) return page.location;
    page = await browser.request(page.location);
  }
  throw new Error('Too many redirects before the callback');
}

/**
 * Follows redirects from `startUrl` until the browser is sent to the app's callback, without
 * typing anything: the provider still has a session (single sign-on).
 */
export async function followToCallback(
  browser: Browser,
  startUrl: string,
  callbackPrefix: string,
): Promise<string> {
  let page = await browser.request(startUrl);
  for (let hop = 0; hop < 10 && page.location; hop++) {
    if (page.location.startsWith(callbackPrefix)) return page.location;
    page = await browser.request(page.location);
  }
  throw new Error(
    `Expected a redirect to ${callbackPrefix}, stopped at ${page.url} with ${page.status}`,
  );
}

/** A full sign-in through the provider, ending on the page the app lands the user on. */
export async function signIn(
  browser: Browser,
  startUrl: string,
  credentials: { username: string; password: string },
  callbackPrefix: string,
): Promise<Page> {
  const callback = await signInUntilCallback(browser, startUrl, credentials, callbackPrefix);
  return browser.follow(callback);
}
