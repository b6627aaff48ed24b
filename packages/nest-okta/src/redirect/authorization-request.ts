import { HttpStatus } from '@nestjs/common';
import { SignInException } from '../errors/auth.exceptions';
import type { OidcClient } from '../oidc/oidc-client';
import { s256CodeChallenge } from '../oidc/pkce';
import type { ProviderMetadata } from '../oidc/provider-metadata';
import type { AuthSettings } from '../options/auth-settings';
import type { SignInTransaction } from '../sign-in/sign-in-transactions';

/**
 * Every parameter of one sign-in's authorization request, in one place: the client's, the
 * transaction's state, nonce and PKCE challenge, and what the sign-in asks (step-up's
 * `acr_values` and `max_age`, `prompt`, `login_hint`). `max_age` is a string, so 0 is sent.
 */
export function authorizationParameters(
  { clientId, redirectUri, scopes }: AuthSettings,
  state: string,
  { nonce, codeVerifier, request }: SignInTransaction,
): Record<string, string> {
  return {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: scopes.join(' '),
    state,
    nonce,
    code_challenge: s256CodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    ...(request.acrValues && { acr_values: request.acrValues.join(' ') }),
    ...(request.maxAge !== undefined && { max_age: String(request.maxAge) }),
    ...(request.prompt && { prompt: request.prompt }),
    ...(request.loginHint && { login_hint: request.loginHint }),
  };
}

/**
 * Where the browser goes to sign in. Without PAR, the authorize URL carrying every parameter.
 * With it (RFC 9126), the parameters are pushed to the provider, authenticated like the token
 * call, and the URL carries only `client_id` and the `request_uri` standing for them: nothing of
 * the sign-in shows in the browser's history or a proxy's log, and nothing can be changed there.
 */
export async function authorizationUrl(
  oidc: OidcClient,
  metadata: ProviderMetadata,
  setting: AuthSettings['pushedAuthorizationRequests'],
  parameters: Record<string, string>,
): Promise<string> {
  const url = new URL(metadata.authorization_endpoint);
  const parEndpoint = pushEndpoint(metadata, setting);
  const query = parEndpoint
    ? {
        client_id: parameters.client_id,
        request_uri: await oidc.pushAuthorizationRequest(parEndpoint, parameters),
      }
    : parameters;
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url.href;
}

/** The PAR endpoint to use, if any; `true` with a provider that offers none stops the sign-in. */
function pushEndpoint(
  metadata: ProviderMetadata,
  setting: AuthSettings['pushedAuthorizationRequests'],
): string | undefined {
  if (setting === false) return undefined;
  const endpoint = metadata.pushed_authorization_request_endpoint;
  if (endpoint || setting === 'auto') return endpoint;
  throw parUnavailable();
}

function parUnavailable(): SignInException {
  return new SignInException(
    HttpStatus.SERVICE_UNAVAILABLE,
    'Sign-in is unavailable',
    'Sign-in requires pushed authorization requests (pushedAuthorizationRequests is true), ' +
      'but the identity provider does not advertise a pushed_authorization_request_endpoint.',
    { cause: new Error('pushedAuthorizationRequests is true; discovery names no PAR endpoint') },
  );
}
