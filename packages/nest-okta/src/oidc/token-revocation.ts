import type { ClientAuthentication } from './client-authentication';
import { IdentityProviderResponseError, IdentityProviderUnavailableError } from './oidc.errors';

/** RFC 7009's hints: the provider looks the token up as this kind first. */
export type RevocableToken = 'access_token' | 'refresh_token';

/**
 * One revocation request (RFC 7009 section 2.1), bounded in time. A provider answers 200 with an
 * empty body whether or not the token was still valid, so the body is read only on a refusal,
 * for its `error` code; the token itself never reaches an error message.
 */
export async function requestRevocation(
  endpoint: string,
  request: {
    authentication: ClientAuthentication;
    token: string;
    hint: RevocableToken;
    timeoutMs: number;
  },
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        accept: 'application/json',
        ...request.authentication.headers,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        token: request.token,
        token_type_hint: request.hint,
        ...request.authentication.body,
      }),
    });
    if (response.status === 200) {
      await response.body?.cancel();
      return;
    }
  } catch (error) {
    throw new IdentityProviderUnavailableError('the revocation endpoint could not be reached', {
      cause: error,
    });
  }
  if (response.status >= 500) {
    throw new IdentityProviderUnavailableError(`revocation answered HTTP ${response.status}`);
  }
  const code = await errorCode(response);
  throw new IdentityProviderResponseError(
    `revocation answered HTTP ${response.status}${code ? ` (${code})` : ''}`,
  );
}

/** The `error` of a refusal, if it is a plain code such as `invalid_client`. */
async function errorCode(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: unknown };
    return typeof body.error === 'string' && /^[\w.-]{1,64}$/.test(body.error)
      ? body.error
      : undefined;
  } catch {
    return undefined;
  }
}
