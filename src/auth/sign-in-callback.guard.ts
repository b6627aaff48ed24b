import { ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { OktaAuthGuard } from './okta-auth.guard';
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
    await new Promise<void>((resolve, reject) =>
      request.logIn(
        request.user as Express.User,
        { session: true, keepSessionInfo: true },
        (err) => (err ? reject(err as Error) : resolve()),
      ),
    );
    return true;
  }

  override getAuthenticateOptions(): OktaAuthenticateOptions {
    return { callback: true };
  }
}
