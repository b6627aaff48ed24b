import { Controller, Get, Module } from '@nestjs/common';
import { AuthModule, CurrentUser, Public, type OktaUser } from 'nest-okta';

/**
 * An adopter's app as the bench measures it (modelled on test/adoption-proof/app): a public
 * health check and one route behind the module's global guard, nothing else.
 */
@Controller()
export class BenchController {
  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  /** Protected by the module's global guard alone. */
  @Get('api/me')
  me(@CurrentUser() user: OktaUser) {
    return user;
  }
}

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

@Module({
  imports: [
    AuthModule.forRoot({
      issuer: env('OKTA_ISSUER'),
      clientId: env('OKTA_CLIENT_ID'),
      clientSecret: env('OKTA_CLIENT_SECRET'),
      redirectUri: env('OKTA_REDIRECT_URI'),
      postLogoutRedirectUri: env('OKTA_POST_LOGOUT_REDIRECT_URI'),
      scopes: ['openid', 'profile', 'email'],
    }),
  ],
  controllers: [BenchController],
})
export class AppModule {}
