import { Controller, type DynamicModule, Get, Module, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  type AuthModuleOptions,
  AuthModule,
  csrfTokenFor,
  CurrentUser,
  Groups,
  type MultiTenantAuthModuleOptions,
  type OktaUser,
  Public,
} from 'nest-okta';

/** An app's own routes, which `app.setGlobalPrefix('app')` puts under `/app` with the module's. */
@Controller()
class PrefixedController {
  @Public()
  @Get('welcome')
  welcome() {
    return { hello: 'anyone' };
  }

  @Get('dashboard')
  dashboard(@CurrentUser() user: OktaUser) {
    return `Dashboard of ${user.name}`;
  }

  @Get('api/session')
  session(@Req() req: Request) {
    return { csrfToken: csrfTokenFor(req) };
  }

  @Get('api/audit')
  @Groups('admin')
  audit(@CurrentUser() user: OktaUser) {
    return { auditor: user.email };
  }
}

@Module({})
export class PrefixedAppModule {
  static with(options: AuthModuleOptions | MultiTenantAuthModuleOptions): DynamicModule {
    return {
      module: PrefixedAppModule,
      imports: [AuthModule.forRoot(options)],
      controllers: [PrefixedController],
    };
  }
}
