import { Controller, Get, Render } from '@nestjs/common';
import { CurrentUser, Groups, type OktaUser } from 'nest-okta';

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
