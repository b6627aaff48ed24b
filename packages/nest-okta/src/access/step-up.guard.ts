import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { SignInRequiredException, StepUpRequiredException } from '../errors/auth.exceptions';
import type { AuthenticationRequirement } from '../options/authentication-requirement';
import { requestedPath } from '../request/request-context';
import { meetsRequirement } from '../user/authentication-requirement';
import { signedInUser } from '../user/signed-in-user';
import { GroupsGuard } from './groups.guard';

/** Metadata key shared with `@RequireAuthentication()`. */
export const REQUIRED_AUTHENTICATION_KEY = 'auth:requiredAuthentication';

/**
 * `@RequireAuthentication()`'s guard. It runs after the global guard, and asks `@Groups` first
 * itself, whatever order the decorators are in: a user outside the route's groups gets 403 at
 * once, never a step-up that could only end in that 403.
 */
@Injectable()
export class StepUpGuard implements CanActivate {
  private readonly groups: GroupsGuard;

  constructor(private readonly reflector: Reflector) {
    this.groups = new GroupsGuard(reflector);
  }

  canActivate(context: ExecutionContext): boolean {
    const requirement = this.reflector.getAllAndOverride<AuthenticationRequirement | undefined>(
      REQUIRED_AUTHENTICATION_KEY,
      [context.getHandler(), context.getClass()],
    );
    if (!requirement) return true;
    this.groups.canActivate(context);
    const request = context.switchToHttp().getRequest<Request>();
    const user = signedInUser(request);
    if (!user) throw new SignInRequiredException(requestedPath(request));
    if (meetsRequirement(user, requirement)) return true;
    throw new StepUpRequiredException(requestedPath(request), requirement);
  }
}
