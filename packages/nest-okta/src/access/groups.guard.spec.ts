import { Controller, ExecutionContext, ForbiddenException, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Groups } from './groups.decorator';
import { GroupsGuard } from './groups.guard';
import { SignInRequiredException } from '../errors/auth.exceptions';

@Controller()
class ReportsController {
  @Groups('admin', 'auditors') @Get() reports() {}
  @Get() open() {}
}

function contextFor(
  handler: keyof ReportsController,
  user?: { groups: unknown },
): ExecutionContext {
  const request = { user, originalUrl: '/reports' };
  return {
    getClass: () => ReportsController,
    getHandler: () =>
      Object.getOwnPropertyDescriptor(ReportsController.prototype, handler)?.value as object,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('GroupsGuard with @Groups()', () => {
  const guard = new GroupsGuard(new Reflector());

  it('lets in a member of any named group', () => {
    expect(guard.canActivate(contextFor('reports', { groups: ['Everyone', 'auditors'] }))).toBe(
      true,
    );
  });

  it('refuses a signed-in user outside those groups with 403', () => {
    expect(() => guard.canActivate(contextFor('reports', { groups: ['Everyone'] }))).toThrow(
      ForbiddenException,
    );
  });

  it('never matches part of a name: a string groups value such as "xadminx" is no membership', () => {
    expect(() => guard.canActivate(contextFor('reports', { groups: 'xadminxauditors' }))).toThrow(
      ForbiddenException,
    );
    expect(() => guard.canActivate(contextFor('reports', { groups: null }))).toThrow(
      ForbiddenException,
    );
  });

  it('asks an anonymous user to sign in first', () => {
    expect(() => guard.canActivate(contextFor('reports'))).toThrow(SignInRequiredException);
  });

  it('does nothing on a route without @Groups()', () => {
    expect(guard.canActivate(contextFor('open'))).toBe(true);
  });

  it('attaches the guard itself, so @Groups() alone protects a route', () => {
    const handler = Object.getOwnPropertyDescriptor(ReportsController.prototype, 'reports')
      ?.value as object;
    const guards = Reflect.getMetadata('__guards__', handler) as unknown[];
    expect(guards).toContain(GroupsGuard);
  });
});
