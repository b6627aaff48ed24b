import type { SessionData, Store } from 'express-session';
import { Browser, readForm } from './browser';

/** The session id in a browser's signed express-session cookie (`s:<id>.<signature>`). */
export async function sessionIdOf(browser: Browser, url: string): Promise<string> {
  for (const cookie of await browser.jar.getCookies(url)) {
    const id = /^s:([^.]+)\./.exec(decodeURIComponent(cookie.value))?.[1];
    if (id) return id;
  }
  throw new Error(`No session cookie for ${url}`);
}

/**
 * The refresh token the app keeps for this browser's session, read from the store itself, where
 * the token vault keeps it beside the session (`<session id>:tokens`).
 */
export async function refreshTokenOf(browser: Browser, url: string, store: Store): Promise<string> {
  const id = await sessionIdOf(browser, url);
  const record = await new Promise<SessionData | null | undefined>((resolve, reject) =>
    store.get(`${id}:tokens`, (error: Error | null, data) =>
      error ? reject(error) : resolve(data),
    ),
  );
  const token = (record as { tokens?: { refreshToken?: string } } | null | undefined)?.tokens
    ?.refreshToken;
  if (!token) throw new Error('The session holds no refresh token (is offline_access asked?)');
  return token;
}

/** Whether a browser's session is signed in at `apiUrl` (a JSON route): 200 yes, 401 no. */
export async function isSignedIn(browser: Browser, apiUrl: string): Promise<boolean> {
  const { status } = await browser.request(apiUrl, { accept: 'application/json' });
  if (status !== 200 && status !== 401) throw new Error(`Unexpected ${status} from ${apiUrl}`);
  return status === 200;
}

/** Presses the profile page's "Sign out everywhere" button, as a browser would. */
export async function signOutEverywhere(browser: Browser, profileUrl: string) {
  const profile = await browser.request(profileUrl);
  const start = profile.body.search(/<form[^>]*action="[^"]*\/logout\/everywhere"/);
  if (start < 0) throw new Error(`No "Sign out everywhere" form on ${profileUrl}`);
  const form = readForm(profile.body.slice(start), profileUrl);
  return browser.request(form.action, { form: form.fields });
}
