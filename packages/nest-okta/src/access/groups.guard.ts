import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { GroupsRequiredException, SignInRequiredException } from '../errors/auth.exceptions';
import { signedInUser } from '../user/signed-in-user';
import { requestedPath } from '../request/request-context';

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
    const user = signedInUser(request);
    if (!user) throw new SignInRequiredException(requestedPath(request));
    // Exact membership in a list: a string claim such as "xadminx" must never match "admin".
    const groups: unknown = user.groups;
    if (Array.isArray(groups) && required.some((group) => groups.includes(group))) return true;
    throw new GroupsRequiredException(required);
  }
}
