import { ExecutionContext } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { OKTA_STRATEGY } from './okta-strategy.name';
import { failedSignIn } from './sign-in-failure';

/** Runs the Okta strategy and turns each failure into a clear page; the reason is logged. */
export abstract class OktaAuthGuard extends AuthGuard(OKTA_STRATEGY) {
  override handleRequest<TUser>(
    err: unknown,
    user: TUser | false,
    info: unknown,
    _context: ExecutionContext,
  ): TUser {
    if (!err && user) return user;
    throw failedSignIn(err, info);
  }
}
