import { ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { OktaAuthGuard } from './okta-auth.guard';
import type { OktaUser } from './okta-user';
import { logIn } from './passport-session';
import type { OktaAuthenticateOptions } from './okta.strategy';

/**
 * Completes a sign-in on the redirect URI, then starts a new session for the user. Passport
 * regenerates the session id here; `keepSessionInfo` carries over sign-ins still pending in
 * other tabs.
 */
@Injectable()
export class SignInCallbackGuard extends OktaAuthGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const request = context.switchToHttp().getRequest<Request>();
    await logIn(request, request.user as OktaUser);
    return true;
  }

  override getAuthenticateOptions(): OktaAuthenticateOptions {
    return { callback: true };
  }
}
