import { type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_SETTINGS, type AuthSettings } from '../options/auth-settings';
import { AuthenticatedGuard } from './authenticated.guard';

/**
 * Deny by default: registered for every route, it protects each one unless `@Public()`. Whether
 * it is on is an option, which `forRootAsync` knows only once the app runs, so the guard is
 * always registered and asks.
 */
@Injectable()
export class GlobalAuthGuard extends AuthenticatedGuard {
  constructor(
    reflector: Reflector,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {
    super(reflector);
  }

  override canActivate(context: ExecutionContext): boolean {
    if (!this.settings.globalGuard || context.getType() !== 'http') return true;
    return super.canActivate(context);
  }
}
