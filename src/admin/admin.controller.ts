import { Controller, Get, Render } from '@nestjs/common';
import { CurrentUser } from '../auth/current-user.decorator';
import { Groups } from '../auth/groups.decorator';
import type { OktaUser } from '../auth/okta-user';

/** Only for members of Okta's `admin` group. */
@Controller()
@Groups('admin')
export class AdminController {
  @Get('admin')
  @Render('admin')
  page(@CurrentUser() user: OktaUser) {
    return { title: 'Admin', name: user.name, groups: user.groups };
  }

  @Get('api/admin')
  api(@CurrentUser() user: OktaUser) {
    return { admin: true, sub: user.sub, groups: user.groups };
  }
}
