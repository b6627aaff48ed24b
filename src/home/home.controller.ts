import { Controller, Get, Render } from '@nestjs/common';
import { CurrentUser } from '../auth/current-user.decorator';
import type { OktaUser } from '../auth/okta-user';
import { Public } from '../auth/public.decorator';

@Public()
@Controller()
export class HomeController {
  @Get()
  @Render('index')
  home(@CurrentUser() user: OktaUser | undefined) {
    return { title: 'Home', name: user?.name, claims: user?.claims };
  }
}
