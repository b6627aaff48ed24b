import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OktaTokens } from '../../src/auth';
import { SessionStorage } from '../../src/session/session-storage';
import type { Browser } from './browser';

const SESSION_COOKIE = 'nest-okta.sid';

/**
 * The tokens the app keeps for `browser`'s session, read from the app's session store where the
 * token vault keeps them beside the session (`<session id>:tokens`): what a test needs to ask the
 * provider about them. The cookie holds `s:<session id>.<signature>`.
 */
export async function sessionTokensOf(
  app: { app: NestExpressApplication; baseUrl: string },
  browser: Browser,
): Promise<OktaTokens> {
  const cookie = await browser.cookieValue(app.baseUrl, SESSION_COOKIE);
  if (!cookie) throw new Error('The browser has no session cookie');
  const signed = decodeURIComponent(cookie);
  const sessionId = signed.slice(2, signed.lastIndexOf('.'));
  const { store } = app.app.get(SessionStorage);
  const session = await new Promise<unknown>((resolve, reject) =>
    store.get(`${sessionId}:tokens`, (error, found) =>
      error ? reject(error as Error) : resolve(found),
    ),
  );
  const tokens = (session as { tokens?: OktaTokens } | undefined)?.tokens;
  if (!tokens) throw new Error('The session holds no signed-in user');
  return tokens;
}
