import type { Request } from 'express';
import { Strategy as OpenIDConnectStrategy } from 'passport-openidconnect';
import type { OidcClient, TokenSet, UserInfo } from '../oidc/oidc-client';
import { s256CodeChallenge } from '../oidc/pkce';
import type { ProviderMetadata } from '../oidc/provider-metadata';
import type { AuthSettings } from '../options/auth-settings';
import { invalidSignInResponse, providerRefusal } from '../errors/sign-in-refusals';
import { checkResponseIssuer } from '../sign-in/response-issuer';
import type { SignInRequest } from '../sign-in/sign-in-request';
import type { SignInTransactions } from '../sign-in/sign-in-transactions';
import { verifiedOktaUser } from '../sign-in/verified-okta-user';
import type { VerifiedSignIn } from '../user/okta-user';
import { checkedIdTokens, PassportOAuth2Bridge } from './passport-oauth2.bridge';
import { TransactionStateStore } from './transaction-state.store';

export interface OktaAuthenticateOptions {
  /** Set on the redirect URI's route: complete a sign-in rather than start one. */
  callback?: boolean;
  returnTo?: string;
  /** What the sign-in asks of the provider beyond the client's own parameters. */
  request?: SignInRequest;
}

interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
  request: SignInRequest;
}

type Verified = (err: Error | null, user?: VerifiedSignIn | false) => void;
type StrategyInternals = { _oauth2: unknown };

/**
 * The redirect model through passport-openidconnect, completed where the library stops short:
 * discovery, PKCE (S256), a nonce per sign-in, the RFC 9207 `iss` of the response, ID token
 * signature checks against the JWKS, a userinfo `sub` that must match the ID token's, and clear
 * failures for every callback error.
 */
export class OktaStrategy extends OpenIDConnectStrategy {
  constructor(
    private readonly settings: AuthSettings,
    private readonly oidc: OidcClient,
    private readonly transactions: SignInTransactions,
  ) {
    const { issuer, clientId, clientSecret, redirectUri, scopes, groupsClaim } = settings;
    super(
      {
        issuer,
        // The library insists on endpoint URLs up front; the discovered ones replace them
        // before the first request, so the app can start while the provider is down.
        authorizationURL: issuer,
        tokenURL: issuer,
        userInfoURL: issuer,
        clientID: clientId,
        clientSecret,
        callbackURL: redirectUri,
        scope: scopes.filter((scope) => scope !== 'openid'),
        store: new TransactionStateStore(transactions) as never,
        skipUserProfile: false,
      },
      // passport-openidconnect picks the arguments by the callback's arity: these nine carry
      // the userinfo claims and the whole token response.
      ((
        _iss: string,
        userInfoProfile: { _json?: UserInfo } | undefined,
        _idProfile: unknown,
        _context: unknown,
        _idToken: string,
        _accessToken: string,
        _refreshToken: string,
        tokenResponse: TokenSet,
        verified: Verified,
      ) => {
        const idClaims = checkedIdTokens.get(tokenResponse);
        try {
          if (!idClaims) throw new Error('the ID token was not checked before this sign-in');
          verified(
            null,
            verifiedOktaUser(tokenResponse, idClaims, userInfoProfile?._json, groupsClaim),
          );
        } catch (error) {
          verified(error as Error);
        }
      }) as never,
    );
  }

  override authenticate(req: Request, authenticateOptions?: object): void {
    const options: OktaAuthenticateOptions = authenticateOptions ?? {};
    this.oidc.metadata().then(
      (metadata) => {
        // `this` is Passport's per-request copy of the strategy: the bridge reports to it.
        (this as unknown as StrategyInternals)._oauth2 = new PassportOAuth2Bridge(
          this.oidc,
          metadata,
          (error) => this.error(error),
        );
        if (options.callback) this.completeSignIn(req, metadata);
        else this.beginSignIn(req, options.returnTo ?? '/', options.request ?? {});
      },
      (error: unknown) => this.error(error as Error),
    );
  }

  /**
   * The library sets `acr_values` and `max_age` only from the strategy's own options (one value
   * for every sign-in), and drops a `max_age` of 0 (`if (maxAge)`): each sign-in's come from its
   * transaction here instead, `max_age` as a string, so 0 reaches the provider.
   */
  override authorizationParams({ codeChallenge, nonce, request }: AuthorizationRequest): object {
    return {
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
      nonce,
      ...(request.acrValues && { acr_values: request.acrValues.join(' ') }),
      ...(request.maxAge !== undefined && { max_age: String(request.maxAge) }),
      ...(request.prompt && { prompt: request.prompt }),
      ...(request.loginHint && { login_hint: request.loginHint }),
    };
  }

  private beginSignIn(req: Request, returnTo: string, signInRequest: SignInRequest): void {
    // The library treats any request carrying `code` or `error` as a callback.
    if (req.query.code !== undefined || req.query.error !== undefined) {
      this.error(invalidSignInResponse());
      return;
    }
    const { state, transaction } = this.transactions.begin(req, returnTo, signInRequest);
    const request: AuthorizationRequest = {
      state,
      nonce: transaction.nonce,
      codeChallenge: s256CodeChallenge(transaction.codeVerifier),
      request: transaction.request,
    };
    // passport-openidconnect types `state` as an object; it passes any value to the store.
    super.authenticate(req, request as never);
  }

  private completeSignIn(req: Request, metadata: ProviderMetadata): void {
    const { code, state, error } = req.query;
    const issRequired = metadata.authorization_response_iss_parameter_supported;
    const refusal =
      checkResponseIssuer(req.query.iss, this.settings.issuer, issRequired) ??
      (error !== undefined ? providerRefusal(error) : undefined) ??
      (typeof code !== 'string' || code === '' || typeof state !== 'string'
        ? invalidSignInResponse()
        : undefined);
    if (refusal) {
      this.transactions.consume(req, state);
      this.error(refusal);
      return;
    }
    super.authenticate(req, {});
  }
}
