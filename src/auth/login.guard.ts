import { ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { OktaAuthGuard } from './okta-auth.guard';
import type { OktaAuthenticateOptions } from './okta.strategy';
import { safeReturnTo } from './return-to';

/** Sends the browser to the provider's sign-in page, remembering where to come back to. */
@Injectable()
export class LoginGuard extends OktaAuthGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.isAuthenticated()) return true;
    return (await super.canActivate(context)) as boolean;
  }

  override getAuthenticateOptions(context: ExecutionContext): OktaAuthenticateOptions {
    const request = context.switchToHttp().getRequest<Request>();
    return { returnTo: safeReturnTo(request.query.returnTo) };
  }
}
