import { Body, Controller, ForbiddenException, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { InjectAppConfig } from '../config/app-config.token';
import { OidcClient } from '../oidc/oidc-client';
import { isValidCsrfToken } from './csrf';
import type { OktaUser } from './okta-user';
import { logOut } from './passport-session';
import { Public } from './public.decorator';

@Public()
@Controller()
export class SignOutController {
  constructor(
    @InjectAppConfig() private readonly config: AppConfig,
    private readonly oidc: OidcClient,
  ) {}

  /**
   * Ends the app session, then the Okta session through the provider's end-session endpoint.
   * A POST with the session's CSRF token, so no other site can sign a user out.
   */
  @Post('logout')
  async logout(@Req() req: Request, @Res() res: Response, @Body('_csrf') csrf: unknown) {
    const user = req.user as OktaUser | undefined;
    if (!user) return res.redirect('/');
    if (!isValidCsrfToken(req, csrf)) {
      throw new ForbiddenException(
        'This sign-out form has expired. Reload the page and try again.',
      );
    }
    await logOut(req);
    await new Promise<void>((resolve, reject) =>
      req.session.destroy((err) => (err ? reject(err as Error) : resolve())),
    );
    res.clearCookie(this.config.session.cookieName, { path: '/' });
    res.redirect(await this.endSessionUrl(user.tokens.idToken));
  }

  private async endSessionUrl(idToken: string): Promise<string> {
    const { postLogoutRedirectUri } = this.config.okta;
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
