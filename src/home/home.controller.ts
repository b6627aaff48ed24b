import { Controller, Get, Render } from '@nestjs/common';
import { CurrentUser, Public, type OktaUser } from 'nest-okta';

@Public()
@Controller()
export class HomeController {
  @Get()
  @Render('index')
  home(@CurrentUser() user: OktaUser | undefined) {
    return { title: 'Home', name: user?.name, claims: user?.claims };
  }
}
