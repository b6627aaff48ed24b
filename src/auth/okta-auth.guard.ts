import { ExecutionContext, Logger } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { OKTA_STRATEGY } from './okta-strategy.name';
import { toSignInException } from './sign-in-failure';

const logger = new Logger('SignIn');

/** Runs the Okta strategy and turns each failure into a clear page; the reason is logged. */
export abstract class OktaAuthGuard extends AuthGuard(OKTA_STRATEGY) {
  override handleRequest<TUser>(
    err: unknown,
    user: TUser | false,
    info: unknown,
    _context: ExecutionContext,
  ): TUser {
    if (!err && user) return user;
    const exception = toSignInException(err, info);
    const cause = exception.cause instanceof Error ? exception.cause : undefined;
    logger.warn(
      `Sign-in failed (${exception.getStatus()}): ${cause?.message ?? exception.message}`,
    );
    throw exception;
  }
}
