import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { SignInRequiredException } from '../errors/auth.exceptions';
import { IS_PUBLIC_KEY } from './public.decorator';
import { signedInUser } from '../user/signed-in-user';
import { requestedPath } from '../request/request-context';

/**
 * Lets signed-in users through and honours `@Public()`. With `@UseGuards()` it protects one
 * controller or route; the module's global guard applies it everywhere.
 */
@Injectable()
export class AuthenticatedGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (signedInUser(request)) return true;
    throw new SignInRequiredException(requestedPath(request));
  }
}
