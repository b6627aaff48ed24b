import { Controller, Get, Module, Req, UseGuards } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import type { Request } from 'express';
import {
  AuthenticatedGuard,
  AuthModule,
  csrfTokenFor,
  CurrentUser,
  Groups,
  Public,
  type OktaUser,
} from 'nest-okta';

@Controller()
export class ReportsController {
  @Public()
  @Get('welcome')
  welcome() {
    return { hello: 'anyone' };
  }

  /** Protected by the module's global guard alone: browsers are sent to sign in. */
  @Get('dashboard')
  dashboard(@CurrentUser() user: OktaUser) {
    return `Dashboard of ${user.name}`;
  }

  /** What a sign-out form needs: POST /logout with this token as `_csrf`. */
  @Get('api/session')
  session(@Req() req: Request) {
    return { csrfToken: csrfTokenFor(req) };
  }

  @Get('api/reports')
  @UseGuards(AuthenticatedGuard)
  reports(@CurrentUser() user: OktaUser) {
    return { for: user.email, groups: user.groups };
  }

  @Get('api/audit')
  @Groups('admin')
  audit(@CurrentUser() user: OktaUser) {
    return { auditor: user.email };
  }
}

@Module({
  imports: [
    ConfigModule.forRoot(),
    AuthModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        issuer: config.getOrThrow<string>('OKTA_ISSUER'),
        clientId: config.getOrThrow<string>('OKTA_CLIENT_ID'),
        clientSecret: config.getOrThrow<string>('OKTA_CLIENT_SECRET'),
        redirectUri: config.getOrThrow<string>('OKTA_REDIRECT_URI'),
        postLogoutRedirectUri: config.getOrThrow<string>('OKTA_POST_LOGOUT_REDIRECT_URI'),
        scopes: ['openid', 'profile', 'email'],
      }),
    }),
  ],
  controllers: [ReportsController],
})
export class AppModule {}
