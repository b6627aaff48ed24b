import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { OktaUser } from '../user/okta-user';

/** The signed-in user, or `undefined` on a public route visited anonymously. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): OktaUser | undefined =>
    context.switchToHttp().getRequest<Request>().user as OktaUser | undefined,
);
