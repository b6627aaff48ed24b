import { createHash, randomBytes } from 'node:crypto';
import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import { Browser } from './browser';
import { signInUntilCallback } from './sign-in';

/** A client as registered at the development identity provider, for direct token calls. */
export interface TokenClient {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** The app's own client from its settings (`config.okta`), for token calls the app would make. */
export function tokenClientOf({ okta }: { okta: TokenClient }): TokenClient {
  const { issuer, clientId, clientSecret, redirectUri } = okta;
  return { issuer, clientId, clientSecret, redirectUri };
}

/** A provider with one confidential client, like an Okta web app set to rotate refresh tokens. */
export async function providerWithClient(
  refreshTokenGracePeriodSeconds?: number,
): Promise<{ provider: RunningIdentityProvider; client: TokenClient }> {
  const redirectUri = 'http://127.0.0.1:9/authorization-code/callback';
  const provider = await launchDevIdentityProvider({
    port: 0,
    host: '127.0.0.1',
    refreshTokenGracePeriodSeconds,
    clients: [
      {
        client_id: 'rotation-client',
        client_secret: 'a-rotation-test-secret-long-enough',
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [],
      },
    ],
  });
  const client: TokenClient = {
    issuer: provider.issuer,
    clientId: 'rotation-client',
    clientSecret: 'a-rotation-test-secret-long-enough',
    redirectUri,
  };
  return { provider, client };
}

export interface TokenResponse {
  status: number;
  body: Record<string, string>;
}

/** `client_secret_basic`, as a server-side app authenticates to the token endpoints. */
function basicAuthorization(client: TokenClient): string {
  return `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`;
}

/** `POST {issuer}/v1/token` with `client_secret_basic`, as a server-side app sends it. */
export async function tokenRequest(
  client: TokenClient,
  params: Record<string, string>,
): Promise<TokenResponse> {
  const response = await fetch(`${client.issuer}/v1/token`, {
    method: 'POST',
    headers: { authorization: basicAuthorization(client) },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

export function refresh(client: TokenClient, refreshToken: string): Promise<TokenResponse> {
  return tokenRequest(client, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/**
 * A whole authorization code flow without an app: the provider's sign-in page, then the code
 * exchanged at the token endpoint. Returns the token response.
 */
export async function signInForTokens(
  client: TokenClient,
  credentials: { username: string; password: string },
  scope: string,
): Promise<TokenResponse> {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${client.issuer}/v1/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    scope,
    state: randomBytes(16).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const callback = await signInUntilCallback(
    new Browser(),
    authorize.toString(),
    credentials,
    client.redirectUri,
  );
  const code = new URL(callback).searchParams.get('code');
  if (!code) throw new Error(`No code in ${callback}`);
  return tokenRequest(client, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    code_verifier: verifier,
  });
}

/** `POST {issuer}/v1/introspect` (RFC 7662): whether the provider still honours `token`. */
export async function isActive(client: TokenClient, token: string): Promise<boolean> {
  const response = await fetch(`${client.issuer}/v1/introspect`, {
    method: 'POST',
    headers: { authorization: basicAuthorization(client) },
    body: new URLSearchParams({ token }),
  });
  if (response.status !== 200) throw new Error(`introspection answered ${response.status}`);
  return ((await response.json()) as { active: boolean }).active;
}
