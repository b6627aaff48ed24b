import { Logger } from '@nestjs/common';
import type { OidcClient, TokenSet } from '../oidc/oidc-client';
import type { ProviderMetadata } from '../oidc/provider-metadata';
import { currentSignIn } from './sign-in-context';

type TokenCallback = (
  err: unknown,
  accessToken?: string,
  refreshToken?: string,
  results?: TokenSet,
) => void;
type GetCallback = (err: unknown, body?: string) => void;

const logger = new Logger('PassportOAuth2Bridge');

/**
 * Stands in for the `oauth` package's OAuth2 client inside passport-openidconnect (its
 * documented `_oauth2` extension point), so the library's token and userinfo requests go
 * through {@link OidcClient}: PKCE verifier, `client_secret_basic`, timeouts, and bodies that
 * are checked before the library parses them.
 */
export class PassportOAuth2Bridge {
  readonly _authorizeUrl: string;
  readonly _accessTokenUrl: string;

  constructor(
    private readonly client: OidcClient,
    metadata: ProviderMetadata,
  ) {
    this._authorizeUrl = metadata.authorization_endpoint;
    this._accessTokenUrl = metadata.token_endpoint;
  }

  get _clientId(): string {
    return this.client.clientId;
  }

  getOAuthAccessToken(code: string, params: Record<string, string>, callback: TokenCallback) {
    const { codeVerifier } = currentSignIn();
    settle(this.client.grant({ ...params, code, code_verifier: codeVerifier }), (err, tokens) =>
      err ? callback(err) : callback(null, tokens?.access_token, tokens?.refresh_token, tokens),
    );
  }

  /** The library passes the URL it was built with; the discovered userinfo endpoint is used. */
  get(_url: string, accessToken: string, callback: GetCallback) {
    settle(this.client.userInfo(accessToken), (err, claims) =>
      err ? callback(err) : callback(null, JSON.stringify(claims)),
    );
  }
}

/** Runs a Node-style callback outside the promise, so a throw in it is never swallowed. */
function settle<T>(promise: Promise<T>, callback: (err: unknown, value?: T) => void): void {
  promise
    .then(
      (value) => callback(null, value),
      (error: unknown) => callback(error),
    )
    .catch((error: unknown) => logger.error('passport-openidconnect callback threw', error));
}
