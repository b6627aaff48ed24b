import type { AuthSettings } from '../options/auth-settings';
import type { ClientCredentials } from '../options/client-credentials';
import type { JWTVerifyGetKey } from 'jose';
import { authenticateClient, type ClientAuthentication } from './client-authentication';
import { fetchJson } from './fetch-json';
import { type IdTokenClaims, type SignedInIdentity, validateIdToken } from './id-token';
import { IdentityProviderResponseError, TokenEndpointError } from './oidc.errors';
import { parseProviderMetadata, type ProviderMetadata } from './provider-metadata';
import { ProviderKeys } from './provider-keys';
import { requestRevocation, type RevocableToken } from './token-revocation';

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientCredentials: ClientCredentials;
  /** How long any one request to the provider may take. */
  timeoutMs: number;
}

/** A successful token response (RFC 6749 section 5.1) with the ID token OpenID Connect adds. */
export interface TokenSet {
  access_token: string;
  token_type: string;
  id_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  [key: string]: unknown;
}

export type UserInfo = Record<string, unknown> & { sub: string };

/**
 * Everything the app says to the identity provider: discovery and keys (fetched once, then
 * cached), the token endpoint and userinfo. Both sign-in models share it.
 */
export class OidcClient {
  private discovered?: Promise<{ metadata: ProviderMetadata; keys: JWTVerifyGetKey }>;

  constructor(private readonly settings: OidcClientSettings) {}

  /** The client of one Okta app integration, as the module's settings (or a tenant's) name it. */
  static forApp(settings: AuthSettings): OidcClient {
    const { issuer, clientId, clientCredentials, providerTimeoutMs } = settings;
    return new OidcClient({ issuer, clientId, clientCredentials, timeoutMs: providerTimeoutMs });
  }

  get issuer(): string {
    return this.settings.issuer;
  }

  get clientId(): string {
    return this.settings.clientId;
  }

  /** The discovery document; a failed fetch is not cached, so the next call tries again. */
  async metadata(): Promise<ProviderMetadata> {
    return (await this.discover()).metadata;
  }

  async validateIdToken(idToken: string, nonce: string): Promise<IdTokenClaims> {
    const { keys } = await this.discover();
    return validateIdToken(idToken, keys, {
      issuer: this.settings.issuer,
      clientId: this.settings.clientId,
      nonce,
    });
  }

  /**
   * The ID token a refresh returned (OpenID Connect Core 12.2): checked as at sign-in, except
   * that instead of a nonce it must match the session's sign-in.
   */
  async validateRefreshedIdToken(
    idToken: string,
    signedIn: SignedInIdentity,
  ): Promise<IdTokenClaims> {
    const { keys } = await this.discover();
    return validateIdToken(idToken, keys, {
      issuer: this.settings.issuer,
      clientId: this.settings.clientId,
      refreshOf: signedIn,
    });
  }

  /** POSTs a grant to the token endpoint, authenticating as the app integration is set up. */
  async grant(parameters: Record<string, string>): Promise<TokenSet> {
    const { token_endpoint } = await this.metadata();
    const { status, body } = await this.postAuthenticated(token_endpoint, parameters);
    if (status !== 200) throw endpointRefusal(status, body);
    if (typeof body.access_token !== 'string' || typeof body.token_type !== 'string') {
      throw new IdentityProviderResponseError('token response lacks access_token or token_type');
    }
    return body as TokenSet;
  }

  /**
   * Okta's embedded model: redeems the interaction code the Sign-In Widget obtained, with the
   * PKCE verifier of the challenge the page gave the widget.
   */
  exchangeInteractionCode(
    interactionCode: string,
    codeVerifier: string,
    redirectUri: string,
  ): Promise<TokenSet> {
    return this.grant({
      grant_type: 'interaction_code',
      interaction_code: interactionCode,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
    });
  }

  async userInfo(accessToken: string): Promise<UserInfo> {
    const { userinfo_endpoint } = await this.metadata();
    const { status, body } = await fetchJson(userinfo_endpoint, this.settings.timeoutMs, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (status !== 200) {
      throw new IdentityProviderResponseError(`userinfo answered HTTP ${status}`);
    }
    if (typeof body.sub !== 'string' || body.sub === '') {
      throw new IdentityProviderResponseError('userinfo response lacks sub');
    }
    return body as UserInfo;
  }

  /**
   * Revokes a token at the discovered revocation endpoint (RFC 7009), authenticating as for the
   * token endpoint. Without such an endpoint there is nothing to call: that is an error too.
   */
  async revoke(token: string, hint: RevocableToken): Promise<void> {
    const { revocation_endpoint } = await this.metadata();
    if (!revocation_endpoint) {
      throw new IdentityProviderResponseError('discovery document names no revocation_endpoint');
    }
    await requestRevocation(revocation_endpoint, {
      authentication: await this.authenticationFor(revocation_endpoint),
      token,
      hint,
      timeoutMs: this.settings.timeoutMs,
    });
  }

  /**
   * Pushes an authorization request (RFC 9126) to the endpoint discovery advertised, authenticated
   * like the token call; the `request_uri` it answers stands for every parameter pushed.
   */
  async pushAuthorizationRequest(
    endpoint: string,
    parameters: Record<string, string>,
  ): Promise<string> {
    const { status, body } = await this.postAuthenticated(endpoint, parameters);
    // RFC 9126 section 2.3: refusals are shaped like the token endpoint's.
    if (status !== 201 && status !== 200) throw endpointRefusal(status, body);
    if (typeof body.request_uri !== 'string' || body.request_uri === '') {
      throw new IdentityProviderResponseError('pushed authorization response lacks request_uri');
    }
    return body.request_uri;
  }

  /**
   * Okta's embedded model for a confidential client: starts the interaction at
   * `{issuer}/v1/interact` from the server, authenticated like the token call (okta-auth-js sends
   * a confidential client's secret there too), and answers its `interaction_handle`. The org
   * authorization server's issuer is the org itself, its endpoints under `/oauth2`: the URL is
   * built as okta-auth-js builds it.
   */
  async startInteraction(parameters: Record<string, string>): Promise<string> {
    const { issuer } = this.settings;
    const oauthBase = issuer.indexOf('/oauth2') > 0 ? issuer : `${issuer}/oauth2`;
    const endpoint = `${oauthBase}/v1/interact`;
    const { status, body } = await this.postAuthenticated(endpoint, parameters);
    if (status !== 200) throw endpointRefusal(status, body);
    if (typeof body.interaction_handle !== 'string' || body.interaction_handle === '') {
      throw new IdentityProviderResponseError('interact response lacks interaction_handle');
    }
    return body.interaction_handle;
  }

  private async postAuthenticated(endpoint: string, parameters: Record<string, string>) {
    const { headers, body } = await this.authenticationFor(endpoint);
    return fetchJson(endpoint, this.settings.timeoutMs, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...parameters, ...body }),
    });
  }

  private authenticationFor(endpoint: string): Promise<ClientAuthentication> {
    return authenticateClient(this.settings.clientId, this.settings.clientCredentials, endpoint);
  }

  private discover() {
    this.discovered ??= this.fetchDiscovery().catch((error: unknown) => {
      this.discovered = undefined;
      throw error;
    });
    return this.discovered;
  }

  private async fetchDiscovery() {
    const url = `${this.settings.issuer}/.well-known/openid-configuration`;
    const { status, body } = await fetchJson(url, this.settings.timeoutMs);
    if (status !== 200) {
      throw new IdentityProviderResponseError(`discovery answered HTTP ${status}`);
    }
    const metadata = parseProviderMetadata(this.settings.issuer, body);
    const { getKey } = new ProviderKeys(metadata.jwks_uri, this.settings.timeoutMs);
    return { metadata, keys: getKey };
  }
}

/** An RFC 6749 section 5.2 error response, from the token endpoint or one shaped like it. */
function endpointRefusal(status: number, body: Record<string, unknown>): TokenEndpointError {
  return new TokenEndpointError(
    typeof body.error === 'string' ? body.error : `http_${status}`,
    typeof body.error_description === 'string' ? body.error_description : undefined,
  );
}
