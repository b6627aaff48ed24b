import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy as OpenIDConnectStrategy } from 'passport-openidconnect';
import type { AppConfig } from '../config/app-config';
import { InjectAppConfig } from '../config/app-config.token';
import { OidcClient, TokenSet, UserInfo } from '../oidc/oidc-client';
import { createCodeVerifier, randomToken, s256CodeChallenge } from '../oidc/pkce';
import { OKTA_STRATEGY } from './okta-strategy.name';
import type { OktaUser } from './okta-user';
import { PassportOAuth2Bridge } from './passport-oauth2.bridge';
import { currentSignIn } from './sign-in-context';
import { invalidSignInResponse, providerRefusal } from './sign-in-refusals';
import { signInTransactions } from './sign-in-transactions';
import { TransactionStateStore } from './transaction-state.store';
import { verifiedOktaUser } from './verified-okta-user';

export interface OktaAuthenticateOptions {
  /** Set on the redirect URI's route: complete a sign-in rather than start one. */
  callback?: boolean;
  returnTo?: string;
}

interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
}

type StrategyInternals = { _oauth2: unknown };

/**
 * The redirect model through passport-openidconnect, completed where the library stops short:
 * discovery, PKCE (S256), a nonce per sign-in, ID token signature checks against the JWKS,
 * a userinfo `sub` that must match the ID token's, and clear failures for every callback error.
 */
@Injectable()
export class OktaStrategy extends PassportStrategy(OpenIDConnectStrategy, OKTA_STRATEGY, 10) {
  private bridge?: PassportOAuth2Bridge;

  constructor(
    @InjectAppConfig() config: AppConfig,
    private readonly oidc: OidcClient,
  ) {
    const { issuer, clientId, clientSecret, redirectUri, scopes } = config.okta;
    super({
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
      store: new TransactionStateStore() as never,
      passReqToCallback: true,
      skipUserProfile: false,
    });
  }

  override authenticate(req: Request, authenticateOptions?: object): void {
    const options: OktaAuthenticateOptions = authenticateOptions ?? {};
    this.oidc.metadata().then(
      (metadata) => {
        if (!this.bridge) {
          this.bridge = new PassportOAuth2Bridge(this.oidc, metadata);
          (this as unknown as StrategyInternals)._oauth2 = this.bridge;
        }
        if (options.callback) this.completeSignIn(req);
        else this.beginSignIn(req, options.returnTo ?? '/');
      },
      (error: unknown) => this.error(error as Error),
    );
  }

  override authorizationParams(options: AuthorizationRequest): object {
    return {
      code_challenge: options.codeChallenge,
      code_challenge_method: 'S256',
      nonce: options.nonce,
    };
  }

  /** passport-openidconnect's verify callback; `tokenResponse` carries the ID token too. */
  async validate(
    _req: Request,
    _issuer: string,
    userInfoProfile: { _json?: UserInfo } | undefined,
    _idProfile: unknown,
    _context: unknown,
    _idToken: string,
    _accessToken: string,
    _refreshToken: string | undefined,
    tokenResponse: TokenSet,
  ): Promise<OktaUser> {
    return verifiedOktaUser(
      this.oidc,
      tokenResponse,
      currentSignIn().nonce,
      userInfoProfile?._json,
    );
  }

  private beginSignIn(req: Request, returnTo: string): void {
    // The library treats any request carrying `code` or `error` as a callback.
    if (req.query.code !== undefined || req.query.error !== undefined) {
      this.error(invalidSignInResponse());
      return;
    }
    const codeVerifier = createCodeVerifier();
    const nonce = randomToken();
    const state = signInTransactions.begin(req, { codeVerifier, nonce, returnTo });
    const request: AuthorizationRequest = {
      state,
      nonce,
      codeChallenge: s256CodeChallenge(codeVerifier),
    };
    // passport-openidconnect types `state` as an object; it passes any value to the store.
    super.authenticate(req, request as never);
  }

  private completeSignIn(req: Request): void {
    const { code, state, error, error_description: description } = req.query;
    if (error !== undefined) {
      signInTransactions.consume(req, state);
      this.error(providerRefusal(error, description));
      return;
    }
    if (typeof code !== 'string' || code === '' || typeof state !== 'string') {
      signInTransactions.consume(req, state);
      this.error(invalidSignInResponse());
      return;
    }
    super.authenticate(req, {});
  }
}
