import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { authMiddleware } from './auth-middleware';

const req = {} as Request;
const res = {} as Response;

describe('authMiddleware', () => {
  it('runs the steps in order, then the routes with the layer’s next', async () => {
    const seen: string[] = [];
    const step =
      (name: string): RequestHandler =>
      (_req, _res, next) => {
        seen.push(name);
        next();
      };
    const next = jest.fn();
    await authMiddleware([step('a'), step('b')], async (_req, _res, routesNext: NextFunction) => {
      seen.push('routes');
      routesNext();
      return Promise.resolve();
    })(req, res, next);
    expect(seen).toEqual(['a', 'b', 'routes']);
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('stops at a step that answers (its promise settles without next)', async () => {
    const routes = jest.fn();
    const answers: RequestHandler = async () => Promise.resolve();
    await authMiddleware([answers], routes)(req, res, jest.fn());
    expect(routes).not.toHaveBeenCalled();
  });

  it('rejects with what a step passes on, throws or rejects with, for the exception filters', async () => {
    const routes = jest.fn();
    const passesOn: RequestHandler = (_req, _res, next) => next('store down');
    const throws: RequestHandler = () => {
      throw new Error('unknown tenant');
    };
    const rejects: RequestHandler = async () => Promise.reject(new Error('revocation failed'));
    await expect(authMiddleware([passesOn], routes)(req, res, jest.fn())).rejects.toThrow(
      'store down',
    );
    await expect(authMiddleware([throws], routes)(req, res, jest.fn())).rejects.toThrow(
      'unknown tenant',
    );
    await expect(authMiddleware([rejects], routes)(req, res, jest.fn())).rejects.toThrow(
      'revocation failed',
    );
    expect(routes).not.toHaveBeenCalled();
  });

  it('rejects with what the routes reject with', async () => {
    const failing = () => Promise.reject(new Error('callback failed'));
    await expect(authMiddleware([], failing)(req, res, jest.fn())).rejects.toThrow(
      'callback failed',
    );
  });
});
