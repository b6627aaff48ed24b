import type { NextFunction, Request, Response } from 'express';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import passport from 'passport';
import { setRequestContext } from '../request/request-context';
import { NO_ROUTE_PREFIX } from '../request/route-prefix';
import { passportRequestHelpers } from './passport-request-helpers';

/** A request as Express 5 makes it: Node's, re-prototyped onto the app's `request`. */
function expressRequest(appRequest: object): Request {
  const req = new IncomingMessage(new Socket());
  Object.setPrototypeOf(req, appRequest);
  return req as unknown as Request;
}

function run(initialize: (req: Request, res: Response, next: NextFunction) => void, req: Request) {
  const next = jest.fn();
  initialize(req, {} as Response, next);
  expect(next).toHaveBeenCalledTimes(1);
}

describe("Passport's request helpers, once per request prototype", () => {
  const authenticator = new passport.Authenticator();
  const helpers = passportRequestHelpers(authenticator);

  it('gives a re-prototyped request the helpers without adding them to it', () => {
    const appRequest = Object.create(IncomingMessage.prototype) as object;
    const req = expressRequest(appRequest);
    const own = Object.keys(req).length;
    run(helpers.initialize, req);
    expect(Object.keys(req)).toHaveLength(own);
    const fields = req as unknown as Record<string, unknown>;
    expect(typeof fields.logIn).toBe('function');
    expect(fields.login).toBe(fields.logIn);
    expect(fields.logout).toBe(fields.logOut);
    expect(req.isAuthenticated()).toBe(false);
    req.user = { id: 'x' };
    expect(req.isAuthenticated()).toBe(true);
    expect(req.isUnauthenticated()).toBe(false);
  });

  it("finds the org's session manager through the request's context, and lets Passport set its own", () => {
    const req = expressRequest(Object.create(IncomingMessage.prototype) as object);
    run(helpers.initialize, req);
    const withManager = req as Request & { _sessionManager?: object };
    expect(withManager._sessionManager).toBeUndefined();
    setRequestContext(req, {
      tenantSegment: '',
      routePrefix: NO_ROUTE_PREFIX,
      sessionManager: helpers.sessionManager,
    });
    expect(withManager._sessionManager).toBe(helpers.sessionManager);
    const other = {};
    withManager._sessionManager = other;
    expect(withManager._sessionManager).toBe(other);
    expect(Object.keys(req)).toContain('_sessionManager');
  });

  it("uses Passport's own initialize on requests Express did not make, and leaves Node's prototype alone", () => {
    const req = new IncomingMessage(new Socket()) as unknown as Request;
    run(helpers.initialize, req);
    expect(Object.keys(req)).toEqual(expect.arrayContaining(['logIn', 'isAuthenticated']));
    expect(Object.hasOwn(IncomingMessage.prototype, 'logIn')).toBe(false);
  });

  it("keeps a helper already on the prototype, as Passport's initialize does", () => {
    const logIn = jest.fn();
    const appRequest = Object.create(IncomingMessage.prototype, {
      logIn: { value: logIn, writable: true, configurable: true },
    }) as object;
    const req = expressRequest(appRequest);
    run(helpers.initialize, req);
    const fields = req as unknown as Record<string, unknown>;
    expect(fields.logIn).toBe(logIn);
    expect(fields.login).toBe(logIn);
  });
});
