import { Controller, Get, Render, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import {
  AccessTokenService,
  AuthenticatedGuard,
  CurrentUser,
  type OktaUser,
  type UserInfo,
} from 'nest-okta';

/**
 * The signed-in user's claims. Guarded here as well as globally, so the profile stays
 * protected whichever way the app configures AuthModule.
 */
@Controller()
@UseGuards(AuthenticatedGuard)
export class ProfileController {
  constructor(private readonly accessTokens: AccessTokenService) {}

  @Get('profile')
  @Render('profile')
  profile(@CurrentUser() user: OktaUser) {
    return { title: 'Profile', name: user.name, claims: user.claims };
  }

  @Get('api/me')
  me(@CurrentUser() user: OktaUser): UserInfo {
    return user.claims;
  }

  /**
   * The user's claims as Okta knows them now, fetched with the session's access token. It stands
   * for any call to a downstream API: the token is refreshed first when it has expired.
   */
  @Get('api/me/live')
  async live(@Req() req: Request): Promise<UserInfo> {
    const accessToken = await this.accessTokens.accessTokenFor(req);
    return this.accessTokens.oidcClientFor(req).userInfo(accessToken);
  }
}
