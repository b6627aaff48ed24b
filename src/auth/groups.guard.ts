import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  HttpStatus,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { OktaUser } from './okta-user';
import { SignInRequiredException } from './sign-in.exceptions';

/** Metadata key shared with `@Groups()`; kept here so the guard has no import cycle. */
export const REQUIRED_GROUPS_KEY = 'auth:groups';

@Injectable()
export class GroupsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_GROUPS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!required || required.length === 0) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.isAuthenticated()) throw new SignInRequiredException(request.originalUrl);
    const { groups } = request.user as OktaUser;
    if (required.some((group) => groups.includes(group))) return true;
    throw new ForbiddenException({
      statusCode: HttpStatus.FORBIDDEN,
      error: 'Forbidden',
      message: `This page is only for members of the ${required.join(' or ')} group. Ask your Okta administrator for access.`,
    });
  }
}
