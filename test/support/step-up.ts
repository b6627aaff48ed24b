import type { Store } from 'express-session';
import { decodeJwt } from 'jose';
import { type Browser, type Page, readForm } from './browser';
import { latestCode } from './mailbox';
import { sessionIdOf, storedRecord, storeRecord } from './stored-sessions';

/** The provider's hops after `page`, until the browser is sent to `callbackPrefix`; unvisited. */
export async function untilCallback(
  browser: Browser,
  page: Page,
  callbackPrefix: string,
): Promise<string> {
  for (let hop = 0; hop < 10; hop++) {
    // oidc-provider ends the session of the user who was signed in before with a form that
    // submits itself; a browser would post it.
    if (!page.location && page.body.includes('<title>Submitting Callback</title>')) {
      const form = readForm(page.body, page.url);
      page = await browser.request(form.action, { form: form.fields });
      continue;
    }
    if (!page.location) {
      throw new Error(`Stopped at ${page.url} with ${page.status}: ${page.body.slice(0, 300)}`);
    }
    if (page.location.startsWith(callbackPrefix)) return page.location;
    page = await browser.request(page.location);
  }
  throw new Error('Too many redirects before the callback');
}

/** Types the newest code the mailbox holds for `email` into the provider's code page. */
export async function submitMailedCode(
  browser: Browser,
  codePage: Page,
  issuer: string,
  email: string,
): Promise<Page> {
  const form = readForm(codePage.body, codePage.url);
  return browser.request(form.action, {
    form: { ...form.fields, code: await latestCode(issuer, email) },
  });
}

/** The app's view of the signed-in user (`GET /api/me`), or the status it answered. */
export async function me(browser: Browser, url: string): Promise<Record<string, unknown> | number> {
  const page = await browser.request(url, { accept: 'application/json' });
  return page.status === 200 ? (JSON.parse(page.body) as Record<string, unknown>) : page.status;
}

/**
 * Makes the browser's sign-in look `seconds` older to the app, as time passing would: its
 * `auth_time` in the session entry the app's store holds.
 */
export async function ageSignIn(
  browser: Browser,
  baseUrl: string,
  store: Store,
  seconds: number,
): Promise<void> {
  const sid = await sessionIdOf(browser, baseUrl);
  const record = (await storedRecord(store, sid)) as unknown as {
    passport: { user: { authTime: number } };
  };
  record.passport.user.authTime -= seconds;
  await storeRecord(store, sid, record as never);
}

/** The claims of the ID token the app keeps for the browser's session. */
export async function storedIdTokenClaims(
  browser: Browser,
  baseUrl: string,
  store: Store,
): Promise<Record<string, unknown>> {
  const sid = await sessionIdOf(browser, baseUrl);
  const record = (await storedRecord(store, `${sid}:tokens`)) as unknown as {
    tokens: { idToken: string };
  };
  return decodeJwt(record.tokens.idToken);
}
