import { Logger } from '@nestjs/common';
import type { OidcClient } from '../oidc/oidc-client';
import type { RevocableToken } from '../oidc/token-revocation';
import type { OktaTokens } from '../user/okta-user';

const logger = new Logger('SignOut');

/**
 * What Okta's own Node middleware and embedded sample do at sign-out: revoke the refresh token
 * (if the session has one) and the access token, so neither outlives the session in someone's
 * hands. Best effort: both requests run at once and the whole is bounded by `timeoutMs`, a
 * failure is logged (never with the token) and sign-out goes on to the end-session redirect.
 */
export async function revokeSessionTokens(
  oidc: OidcClient,
  tokens: OktaTokens,
  timeoutMs: number,
): Promise<void> {
  const revocable: [RevocableToken, string | undefined][] = [
    ['refresh_token', tokens.refreshToken],
    ['access_token', tokens.accessToken],
  ];
  const revocations = revocable
    .filter((entry): entry is [RevocableToken, string] => entry[1] !== undefined)
    .map(([hint, token]) =>
      oidc.revoke(token, hint).catch((error: unknown) => {
        logger.warn(`Sign-out could not revoke the ${hint}: ${describe(error)}`);
      }),
    );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, 'timeout');
  });
  const outcome = await Promise.race([Promise.all(revocations), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    logger.warn(`Sign-out stopped waiting for token revocation after ${timeoutMs} ms`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : 'unknown error';
}
