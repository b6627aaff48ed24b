import { Controller, Get, Render, UseGuards } from '@nestjs/common';
import { AuthenticatedGuard } from '../auth/authenticated.guard';
import { CurrentUser } from '../auth/current-user.decorator';
import type { OktaUser } from '../auth/okta-user';
import type { UserInfo } from '../oidc/oidc-client';

/**
 * The signed-in user's claims. Guarded here as well as globally, so the profile stays
 * protected whichever way the app configures AuthModule.
 */
@Controller()
@UseGuards(AuthenticatedGuard)
export class ProfileController {
  @Get('profile')
  @Render('profile')
  profile(@CurrentUser() user: OktaUser) {
    return { title: 'Profile', name: user.name, claims: user.claims };
  }

  @Get('api/me')
  me(@CurrentUser() user: OktaUser): UserInfo {
    return user.claims;
  }
}
