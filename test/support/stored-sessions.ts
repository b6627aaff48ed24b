import type { NestExpressApplication } from '@nestjs/platform-express';
import type { SessionData, Store } from 'express-session';
import type { OktaTokens } from 'nest-okta';
import { SessionStorage } from '../../src/session/session-storage';
import { type Browser, readForm } from './browser';

/** The session id in a browser's signed express-session cookie (`s:<id>.<signature>`). */
export async function sessionIdOf(browser: Browser, url: string): Promise<string> {
  for (const cookie of await browser.jar.getCookies(url)) {
    const id = /^s:([^.]+)\./.exec(decodeURIComponent(cookie.value))?.[1];
    if (id) return id;
  }
  throw new Error(`No session cookie for ${url}`);
}

/** One record of an express-session store, read by its key; empty when there is none. */
export function storedRecord(store: Store, key: string): Promise<SessionData | null | undefined> {
  return new Promise((resolve, reject) =>
    store.get(key, (error: Error | null, data) => (error ? reject(error) : resolve(data))),
  );
}

/** Writes one record of an express-session store, as the app's own session middleware would. */
export function storeRecord(store: Store, key: string, record: SessionData): Promise<void> {
  return new Promise((resolve, reject) =>
    store.set(key, record, (error?: Error) => (error ? reject(error) : resolve())),
  );
}

/**
 * The tokens the app keeps for this browser's session, read from the store itself, where the
 * token vault keeps them beside the session (`<session id>:tokens`).
 */
async function storedTokensOf(browser: Browser, url: string, store: Store): Promise<OktaTokens> {
  const record = await storedRecord(store, `${await sessionIdOf(browser, url)}:tokens`);
  const tokens = (record as { tokens?: OktaTokens } | null | undefined)?.tokens;
  if (!tokens) throw new Error('The session holds no signed-in user');
  return tokens;
}

/** `storedTokensOf` for a running app, read from the app's own session store. */
export function sessionTokensOf(
  app: { app: NestExpressApplication; baseUrl: string },
  browser: Browser,
): Promise<OktaTokens> {
  return storedTokensOf(browser, app.baseUrl, app.app.get(SessionStorage).store);
}

/** The refresh token the app keeps for this browser's session (see `storedTokensOf`). */
export async function refreshTokenOf(browser: Browser, url: string, store: Store): Promise<string> {
  const token = (await storedTokensOf(browser, url, store)).refreshToken;
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
