import type { OidcClient, TokenSet } from '../oidc/oidc-client';
import type { IdTokenClaims } from '../oidc/id-token';
import type { ProviderMetadata } from '../oidc/provider-metadata';
import { checkedIdToken } from '../sign-in/verified-okta-user';
import { currentSignIn } from './sign-in-context';

type TokenCallback = (
  err: unknown,
  accessToken?: string,
  refreshToken?: string,
  results?: TokenSet,
) => void;
type GetCallback = (err: unknown, body?: string) => void;

/**
 * The ID token claims checked for each token response the bridge hands to passport-openidconnect,
 * so the verify callback uses them rather than checking the same token twice.
 */
export const checkedIdTokens = new WeakMap<TokenSet, IdTokenClaims>();

/**
 * Stands in for the `oauth` package's OAuth2 client inside passport-openidconnect (its
 * documented `_oauth2` extension point), so the library's token and userinfo requests go
 * through {@link OidcClient}: PKCE verifier, `client_secret_basic`, timeouts, and bodies that
 * are checked before the library parses them. The ID token is validated here (signature,
 * claims, nonce), before the library decodes it: a malformed one never reaches its parser.
 */
export class PassportOAuth2Bridge {
  readonly _authorizeUrl: string;
  readonly _accessTokenUrl: string;

  constructor(
    private readonly client: OidcClient,
    metadata: ProviderMetadata,
    /** Ends the sign-in if the library throws where no callback can report it. */
    private readonly fail: (error: Error) => void,
  ) {
    this._authorizeUrl = metadata.authorization_endpoint;
    this._accessTokenUrl = metadata.token_endpoint;
  }

  get _clientId(): string {
    return this.client.clientId;
  }

  getOAuthAccessToken(code: string, params: Record<string, string>, callback: TokenCallback) {
    const { codeVerifier, nonce } = currentSignIn();
    const checked = this.client
      .grant({ ...params, code, code_verifier: codeVerifier })
      .then(async (tokens) => {
        checkedIdTokens.set(tokens, await checkedIdToken(this.client, tokens, nonce));
        return tokens;
      });
    this.settle(checked, (err, tokens) =>
      err ? callback(err) : callback(null, tokens?.access_token, tokens?.refresh_token, tokens),
    );
  }

  /** The library passes the URL it was built with; the discovered userinfo endpoint is used. */
  get(_url: string, accessToken: string, callback: GetCallback) {
    this.settle(this.client.userInfo(accessToken), (err, claims) =>
      err ? callback(err) : callback(null, JSON.stringify(claims)),
    );
  }

  /** Runs a Node-style callback outside the promise, so a throw in it is never swallowed. */
  private settle<T>(promise: Promise<T>, callback: (err: unknown, value?: T) => void): void {
    promise
      .then(
        (value) => callback(null, value),
        (error: unknown) => callback(error),
      )
      .catch((error: unknown) =>
        this.fail(error instanceof Error ? error : new Error('passport-openidconnect failed')),
      );
  }
}
