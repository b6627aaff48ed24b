import type { OidcClient } from '../oidc/oidc-client';
import type { AuthSettings } from '../options/auth-settings';
import type { SignInTransaction } from '../sign-in/sign-in-transactions';
import { checkedIdToken, verifiedOktaUser } from '../sign-in/verified-okta-user';
import type { VerifiedSignIn } from '../user/okta-user';

/**
 * Completes an embedded-widget sign-in: the interaction code is exchanged with the
 * transaction's PKCE verifier, and the tokens are checked exactly as in the redirect model.
 */
export class InteractionCodeSignIn {
  constructor(
    private readonly settings: AuthSettings,
    private readonly oidc: OidcClient,
  ) {}

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
