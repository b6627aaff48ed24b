import type { OidcClient } from '../oidc/oidc-client';
import type { AuthSettings } from '../options/auth-settings';
import type { SignInRequest } from '../sign-in/sign-in-request';
import type { SignInTransaction } from '../sign-in/sign-in-transactions';
import { checkedIdToken, verifiedOktaUser } from '../sign-in/verified-okta-user';
import type { VerifiedSignIn } from '../user/okta-user';

/** What the server sends to `/v1/interact` for one sign-in transaction. */
export interface InteractionStart {
  state: string;
  codeChallenge: string;
  nonce: string;
  request: SignInRequest;
}

/**
 * An embedded-widget sign-in at the provider: the server starts the interaction (the app's
 * client authenticates there, which no browser can do without holding its secret or key), and
 * completes it by exchanging the interaction code with the transaction's PKCE verifier; the
 * tokens are checked exactly as in the redirect model.
 */
export class InteractionCodeSignIn {
  constructor(
    private readonly settings: AuthSettings,
    private readonly oidc: OidcClient,
  ) {}

  /** The interaction handle the widget continues from. */
  begin(start: InteractionStart): Promise<string> {
    return this.oidc.startInteraction(interactForm(this.settings, start));
  }

  async complete(interactionCode: string, transaction: SignInTransaction): Promise<VerifiedSignIn> {
    const tokens = await this.oidc.exchangeInteractionCode(
      interactionCode,
      transaction.codeVerifier,
      this.settings.redirectUri,
    );
    const idClaims = await checkedIdToken(this.oidc, tokens, transaction.nonce);
    const claims = await this.oidc.userInfo(tokens.access_token);
    return verifiedOktaUser(tokens, idClaims, claims, this.settings.groupsClaim);
  }
}

/**
 * The form okta-auth-js's `interact()` posts, less the client secret (the client authentication
 * is added as for the token call): `max_age` is kept when 0, which okta-auth-js would drop.
 */
function interactForm(
  { clientId, scopes, redirectUri }: AuthSettings,
  { state, codeChallenge, nonce, request }: InteractionStart,
): Record<string, string> {
  return {
    client_id: clientId,
    scope: scopes.join(' '),
    redirect_uri: redirectUri,
    code_challenge: codeChallenge,
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(request.acrValues && { acr_values: request.acrValues.join(' ') }),
    ...(request.maxAge !== undefined && { max_age: String(request.maxAge) }),
  };
}
