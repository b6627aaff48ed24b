import { Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config';
import { InjectAppConfig } from '../../config/app-config.token';
import { OidcClient } from '../../oidc/oidc-client';
import type { OktaUser } from '../okta-user';
import type { SignInTransaction } from '../sign-in-transactions';
import { verifiedOktaUser } from '../verified-okta-user';

/**
 * Completes an embedded-widget sign-in: the interaction code is exchanged with the
 * transaction's PKCE verifier, and the tokens are checked exactly as in the redirect model.
 */
@Injectable()
export class InteractionCodeSignIn {
  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly oidc: OidcClient,
  ) {}

  async complete(interactionCode: string, transaction: SignInTransaction): Promise<OktaUser> {
    const tokens = await this.oidc.exchangeInteractionCode(
      interactionCode,
      transaction.codeVerifier,
      this.config.okta.redirectUri,
    );
    const claims = await this.oidc.userInfo(tokens.access_token);
    return verifiedOktaUser(this.oidc, tokens, transaction.nonce, claims);
  }
}
