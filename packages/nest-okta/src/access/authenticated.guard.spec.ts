import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedGuard } from './authenticated.guard';
import { Public } from './public.decorator';
import { SignInRequiredException } from '../errors/auth.exceptions';

@Controller()
class ProtectedController {
  @Get() protectedRoute() {}
  @Public() @Get() openRoute() {}
}

@Public()
@Controller()
class PublicController {
  @Get() openRoute() {}
  @Public(false) @Get() closedRoute() {}
}

function contextFor(
  controller: new () => object,
  handler: string,
  authenticated: boolean,
): ExecutionContext {
  const request = {
    user: authenticated ? { sub: 'u1' } : undefined,
    originalUrl: '/deep/link?x=1',
  };
  return {
    getClass: () => controller,
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('AuthenticatedGuard', () => {
  const guard = new AuthenticatedGuard(new Reflector());

  it('lets a signed-in user through', () => {
    expect(guard.canActivate(contextFor(ProtectedController, 'protectedRoute', true))).toBe(true);
  });

  it('asks an anonymous user to sign in, remembering where they were going', () => {
    const attempt = () =>
      guard.canActivate(contextFor(ProtectedController, 'protectedRoute', false));
    expect(attempt).toThrow(SignInRequiredException);
    try {
      attempt();
    } catch (error) {
      expect((error as SignInRequiredException).returnTo).toBe('/deep/link?x=1');
      expect((error as SignInRequiredException).getStatus()).toBe(401);
    }
  });

  it('opens a handler marked @Public()', () => {
    expect(guard.canActivate(contextFor(ProtectedController, 'openRoute', false))).toBe(true);
  });

  it('opens every handler of a controller marked @Public()', () => {
    expect(guard.canActivate(contextFor(PublicController, 'openRoute', false))).toBe(true);
  });

  it('lets @Public(false) on a handler override @Public() on its controller', () => {
    expect(() => guard.canActivate(contextFor(PublicController, 'closedRoute', false))).toThrow(
      SignInRequiredException,
    );
    expect(guard.canActivate(contextFor(PublicController, 'closedRoute', true))).toBe(true);
  });
});
