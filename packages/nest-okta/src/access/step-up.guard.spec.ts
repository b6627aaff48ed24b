import { Controller, type ExecutionContext, ForbiddenException, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SignInRequiredException, StepUpRequiredException } from '../errors/auth.exceptions';
import { Groups } from './groups.decorator';
import { RequireAuthentication } from './require-authentication.decorator';
import { StepUpGuard } from './step-up.guard';

const STRONG = 'urn:okta:loa:2fa:any';
const now = () => Math.floor(Date.now() / 1000);

// The step-up decorator first (applied last): the guard must ask @Groups first all the same.
@RequireAuthentication({ acr: [STRONG], maxAgeSeconds: 600 })
@Groups('admin')
@Controller()
class AdminController {
  @Get() page() {}
}

@Controller()
class CheckoutController {
  @RequireAuthentication({ maxAgeSeconds: 300 }) @Get() checkout() {}
  @Get() open() {}
}

function contextFor(
  controller: new () => object,
  handler: string,
  user?: { groups: string[]; acr?: string; authTime?: number },
): ExecutionContext {
  const request = { user, originalUrl: '/admin?tab=1' };
  return {
    getClass: () => controller,
    getHandler: () => (controller.prototype as Record<string, unknown>)[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('StepUpGuard with @RequireAuthentication()', () => {
  const guard = new StepUpGuard(new Reflector());

  it('refuses a user outside the groups with 403 before any step-up', () => {
    const bob = { groups: ['Everyone'] };
    expect(() => guard.canActivate(contextFor(AdminController, 'page', bob))).toThrow(
      ForbiddenException,
    );
  });

  it('asks a member whose sign-in lacks the acr for a step-up, remembering the page', () => {
    const alice = { groups: ['admin'], authTime: now() };
    let thrown: unknown;
    try {
      guard.canActivate(contextFor(AdminController, 'page', alice));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StepUpRequiredException);
    expect((thrown as StepUpRequiredException).returnTo).toBe('/admin?tab=1');
    expect((thrown as StepUpRequiredException).challenge()).toBe(
      `Bearer error="insufficient_user_authentication", error_description="A stronger or more recent authentication is required", acr_values="${STRONG}", max_age="600"`,
    );
  });

  it('lets in a sign-in with the acr, only while it is recent enough', () => {
    const recent = { groups: ['admin'], acr: STRONG, authTime: now() - 60 };
    expect(guard.canActivate(contextFor(AdminController, 'page', recent))).toBe(true);
    const old = { ...recent, authTime: now() - 700 };
    expect(() => guard.canActivate(contextFor(AdminController, 'page', old))).toThrow(
      StepUpRequiredException,
    );
    const weaker = { ...recent, acr: 'urn:okta:loa:1fa:pwd' };
    expect(() => guard.canActivate(contextFor(AdminController, 'page', weaker))).toThrow(
      StepUpRequiredException,
    );
  });

  it('counts a sign-in without auth_time as too old, and asks anonymous users to sign in', () => {
    const noTime = { groups: [] };
    expect(() => guard.canActivate(contextFor(CheckoutController, 'checkout', noTime))).toThrow(
      StepUpRequiredException,
    );
    expect(() => guard.canActivate(contextFor(CheckoutController, 'checkout'))).toThrow(
      SignInRequiredException,
    );
  });

  it('does nothing on a route without the decorator', () => {
    expect(guard.canActivate(contextFor(CheckoutController, 'open'))).toBe(true);
  });

  it('refuses arguments that could not make a challenge or a request, as the app loads', () => {
    expect(() => RequireAuthentication({})).toThrow('give acr, maxAgeSeconds or both');
    expect(() => RequireAuthentication({ acr: ['a "quoted" value'] })).toThrow(TypeError);
    expect(() => RequireAuthentication({ acr: [] })).toThrow(TypeError);
    expect(() => RequireAuthentication({ maxAgeSeconds: -1 })).toThrow(TypeError);
    expect(() => RequireAuthentication({ maxAgeSeconds: 1.5 })).toThrow(TypeError);
  });
});
