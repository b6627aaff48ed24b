import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { OidcClient } from '../oidc/oidc-client';
import { AuthController } from './auth.controller';
import { AuthenticatedGuard } from './authenticated.guard';
import { LoginGuard } from './login.guard';
import { OktaStrategy } from './okta.strategy';
import { SessionSerializer } from './session.serializer';
import { SignInCallbackGuard } from './sign-in-callback.guard';

export interface AuthModuleOptions {
  /**
   * Protect every route unless it is marked `@Public()` (deny by default). Without it, only
   * routes with `@UseGuards(AuthenticatedGuard)` are protected.
   */
  globalGuard: boolean;
}

@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    const providers: Provider[] = [
      {
        provide: OidcClient,
        inject: [APP_CONFIG],
        useFactory: (config: AppConfig) => new OidcClient(config.okta),
      },
      OktaStrategy,
      SessionSerializer,
      LoginGuard,
      SignInCallbackGuard,
      AuthenticatedGuard,
    ];
    if (options.globalGuard)
      providers.push({ provide: APP_GUARD, useExisting: AuthenticatedGuard });
    return {
      module: AuthModule,
      global: true,
      imports: [PassportModule.register({ session: true })],
      controllers: [AuthController],
      providers,
      exports: [OidcClient, AuthenticatedGuard],
    };
  }
}
