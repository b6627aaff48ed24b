import type { Request } from 'express';
import { Strategy as OpenIDConnectStrategy } from 'passport-openidconnect';
import type { OidcClient, TokenSet, UserInfo } from '../oidc/oidc-client';
import type { ProviderMetadata } from '../oidc/provider-metadata';
import type { AuthSettings } from '../options/auth-settings';
import { invalidSignInResponse, providerRefusal } from '../errors/sign-in-refusals';
import { checkResponseIssuer } from '../sign-in/response-issuer';
import type { SignInRequest } from '../sign-in/sign-in-request';
import type { SignInTransactions } from '../sign-in/sign-in-transactions';
import { verifiedOktaUser } from '../sign-in/verified-okta-user';
import type { VerifiedSignIn } from '../user/okta-user';
import { authorizationParameters, authorizationUrl } from './authorization-request';
import { checkedIdTokens, PassportOAuth2Bridge } from './passport-oauth2.bridge';
import { TransactionStateStore } from './transaction-state.store';

export interface OktaAuthenticateOptions {
  /** Set on the redirect URI's route: complete a sign-in rather than start one. */
  callback?: boolean;
  returnTo?: string;
  /** What the sign-in asks of the provider beyond the client's own parameters. */
  request?: SignInRequest;
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
    const { issuer, clientId, redirectUri, scopes, groupsClaim } = settings;
    super(
      {
        issuer,
        // The library insists on endpoint URLs up front; the discovered ones replace them
        // before the first request, so the app can start while the provider is down.
        authorizationURL: issuer,
        tokenURL: issuer,
        userInfoURL: issuer,
        clientID: clientId,
        // Only for the library's own token client, which the bridge replaces: OidcClient
        // authenticates every call as the settings say.
        clientSecret: '',
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
        else this.beginSignIn(req, metadata, options.returnTo ?? '/', options.request ?? {});
      },
      (error: unknown) => this.error(error as Error),
    );
  }

  /**
   * The library's step that builds the authorize URL is replaced, so that PAR can push the very
   * parameters it would have put in the URL (see authorization-request.ts): the library sets
   * `acr_values` and `max_age` only from the strategy's options (one value for every sign-in),
   * and drops a `max_age` of 0. The session (holding the transaction) is saved before the
   * browser leaves: a session store outage fails here rather than at the callback.
   */
  private beginSignIn(
    req: Request,
    metadata: ProviderMetadata,
    returnTo: string,
    signInRequest: SignInRequest,
  ): void {
    // The library treats any request carrying `code` or `error` as a callback.
    if (req.query.code !== undefined || req.query.error !== undefined) {
      this.error(invalidSignInResponse());
      return;
    }
    const { state, transaction } = this.transactions.begin(req, returnTo, signInRequest);
    const parameters = authorizationParameters(this.settings, state, transaction);
    authorizationUrl(this.oidc, metadata, this.settings.pushedAuthorizationRequests, parameters)
      .then((location) =>
        req.session.save((err?: Error) => (err ? this.error(err) : this.redirect(location))),
      )
      .catch((error: unknown) => this.error(error as Error));
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
