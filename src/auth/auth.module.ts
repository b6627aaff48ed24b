import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import type { AppConfig, SignInMode } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { OidcClient } from '../oidc/oidc-client';
import { AccessTokenService } from './access-token.service';
import { AuthenticatedGuard } from './authenticated.guard';
import { LoginGuard } from './login.guard';
import { OktaStrategy } from './okta.strategy';
import { RedirectSignInController } from './redirect-sign-in.controller';
import { SessionSerializer } from './session.serializer';
import { SignInCallbackGuard } from './sign-in-callback.guard';
import { SignInRateLimitGuard } from './sign-in-rate-limit.guard';
import { SignOutController } from './sign-out.controller';
import { InteractionCodeSignIn } from './widget/interaction-code-sign-in.service';
import { WidgetSignInController } from './widget/widget-sign-in.controller';

export interface AuthModuleOptions {
  /**
   * Protect every route unless it is marked `@Public()` (deny by default). Without it, only
   * routes with `@UseGuards(AuthenticatedGuard)` are protected.
   */
  globalGuard: boolean;
  /** Which of Okta's two sign-in models `/login` serves. */
  signInMode: SignInMode;
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
      SignInRateLimitGuard,
      AuthenticatedGuard,
      AccessTokenService,
      InteractionCodeSignIn,
    ];
    if (options.globalGuard)
      providers.push({ provide: APP_GUARD, useExisting: AuthenticatedGuard });
    return {
      module: AuthModule,
      global: true,
      imports: [
        PassportModule.register({ session: true }),
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => [
            { ttl: 60_000, limit: config.http.signInRateLimitPerMinute },
          ],
        }),
      ],
      controllers: [...signInControllers(options.signInMode), SignOutController],
      providers,
      exports: [OidcClient, AuthenticatedGuard, AccessTokenService, SignInRateLimitGuard],
    };
  }
}

/** The routes that start and complete a sign-in: Okta's hosted page, or the embedded widget. */
function signInControllers(mode: SignInMode) {
  return mode === 'widget' ? [WidgetSignInController] : [RedirectSignInController];
}
