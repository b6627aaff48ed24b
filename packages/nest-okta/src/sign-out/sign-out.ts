import { HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { signedInUser } from '../user/signed-in-user';
import { SignInException } from '../errors/auth.exceptions';
import type { OidcClient } from '../oidc/oidc-client';
import type { AuthSettings } from '../options/auth-settings';
import type { SessionIndex } from '../session-index/session-index';
import type { CsrfTokens } from '../session/csrf';
import type { TokenVault } from '../tokens/token-vault';
import type { OktaUser } from '../user/okta-user';
import { logOut } from '../user/passport-session';
import { revokeSessionTokens } from './revoke-session-tokens';
import { routeUrl } from '../request/request-context';

/**
 * Sign-out ends the app session, revokes its tokens, then ends the Okta session through the
 * provider's end-session endpoint. A POST with the session's CSRF token, so no other site can
 * sign a user out.
 */
export class SignOut {
  constructor(
    private readonly settings: AuthSettings,
    private readonly oidc: OidcClient,
    private readonly vault: TokenVault,
    private readonly csrf: CsrfTokens,
    private readonly sessionIndex: SessionIndex,
  ) {}

  /**
   * The sign-out form's handler; `first`, when given, runs once the user and the form are
   * checked and before this session ends (sign-out everywhere ends the others there).
   */
  async signOut(
    req: Request,
    res: Response,
    first?: (user: OktaUser) => Promise<void>,
  ): Promise<void> {
    const user = signedInUser(req);
    if (!user) {
      res.redirect(routeUrl(req, '/'));
      return;
    }
    const body = req.body as Record<string, unknown> | undefined;
    if (!this.csrf.isValid(req, body?._csrf)) {
      throw new SignInException(
        HttpStatus.FORBIDDEN,
        'Forbidden',
        'This sign-out form has expired. Reload the page and try again.',
      );
    }
    // Read before `first`: sign-out everywhere ends this session's vault record too.
    const tokens = await this.vault.read(req);
    await first?.(user);
    await this.sessionIndex.forget(req.sessionID, user);
    await logOut(req, this.vault);
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((err) => (err ? reject(err as Error) : resolve())),
    );
    if (tokens) await revokeSessionTokens(this.oidc, tokens, this.settings.providerTimeoutMs);
    res.redirect(await this.endSessionUrl(tokens?.idToken));
  }

  /** Okta's end-session endpoint needs the ID token as a hint; without one, just come back. */
  private async endSessionUrl(idToken: string | undefined): Promise<string> {
    const { postLogoutRedirectUri } = this.settings;
    if (!idToken) return postLogoutRedirectUri;
    const endpoint = await this.oidc.metadata().then(
      (metadata) => metadata.end_session_endpoint,
      () => undefined,
    );
    if (!endpoint) return postLogoutRedirectUri;
    const url = new URL(endpoint);
    url.searchParams.set('id_token_hint', idToken);
    url.searchParams.set('post_logout_redirect_uri', postLogoutRedirectUri);
    return url.toString();
  }
}
