import { Controller, Get, Render } from '@nestjs/common';
import { CurrentUser, Groups, RequireAuthentication, type OktaUser } from 'nest-okta';

/**
 * Only for members of Okta's `admin` group, who verified a second factor in the last ten
 * minutes: anyone else in the group is asked for it (a page), or told so (the API's 401).
 */
@Controller()
@Groups('admin')
@RequireAuthentication({ acr: ['urn:okta:loa:2fa:any'], maxAgeSeconds: 600 })
export class AdminController {
  @Get('admin')
  @Render('admin')
  page(@CurrentUser() user: OktaUser) {
    return { title: 'Admin', name: user.name, groups: user.groups, acr: user.acr, amr: user.amr };
  }

  @Get('api/admin')
  api(@CurrentUser() user: OktaUser) {
    return { admin: true, sub: user.sub, groups: user.groups, acr: user.acr };
  }
}
