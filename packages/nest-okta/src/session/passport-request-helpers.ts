import type { NextFunction, Request, Response } from 'express';
import { IncomingMessage } from 'node:http';
import type passport from 'passport';
import { requestContextOf } from '../request/request-context';

/** The request helpers `passport.initialize()` gives every request, besides `_sessionManager`. */
const HELPERS = [
  'login',
  'logIn',
  'logout',
  'logOut',
  'isAuthenticated',
  'isUnauthenticated',
] as const;

type Helper = (typeof HELPERS)[number];
type Initialize = (req: Request, res: Response, next: NextFunction) => void;

/**
 * What `passport.initialize()` does on every request, without adding seven properties to every
 * request. Passport's middleware sets `req.login`, `req.logIn`, `req.logout`, `req.logOut`,
 * `req.isAuthenticated`, `req.isUnauthenticated` and `req._sessionManager` on each request; on a
 * request Express has re-prototyped (`Object.setPrototypeOf(req, app.request)`, as Express 5
 * does with every request), each property added builds a new hidden class in V8, which made
 * `initialize` one of the costliest steps of a signed-in request. Here the same functions are
 * defined once on the request's prototype (the app's `app.request`, Express's documented place
 * to extend requests), as Passport would pick them (a function already there wins), and
 * `_sessionManager` reads the session manager of the request's org from the request's context
 * (`RequestContext.sessionManager`, set by the module's middleware); assigning it, as Passport's
 * `authenticate()` does, gives the request its own value, as before. A request whose prototype is
 * Node's own `IncomingMessage.prototype` (not made by Express) gets Passport's `initialize`, so
 * nothing outside the app changes.
 */
export function passportRequestHelpers(authenticator: passport.Authenticator): PassportHelpers {
  // Without the compatibility layer for strategies built on Passport 0.4 (none is used here):
  // it allocates `req._passport` on every request for them.
  const initialize = authenticator.initialize({ compat: false }) as Initialize;
  // Passport's own functions and session manager, as its `initialize` hands them to a request.
  const probe: Record<string, unknown> = {};
  initialize(probe as unknown as Request, {} as Response, () => undefined);
  const helpers = Object.fromEntries(HELPERS.map((name) => [name, probe[name]])) as Record<
    Helper,
    unknown
  >;
  return {
    sessionManager: (probe[SM] as object | undefined) ?? {},
    initialize: (req, res, next) => {
      const proto = Object.getPrototypeOf(req) as object | null;
      // Not made by Express, or given a session manager of its own by another Passport's
      // `initialize` before this one (which Passport's would replace): Passport's own way.
      if (proto === null || proto === IncomingMessage.prototype || Object.hasOwn(req, SM)) {
        initialize(req, res, next);
        return;
      }
      if (!prepared.has(proto)) prepare(proto, helpers);
      next();
    },
  };
}

export interface PassportHelpers {
  /** This Passport's session manager: what `req.logIn` and `req.logOut` use for the org. */
  sessionManager: object;
  /** `passport.initialize()`, done once per request prototype where it can be. */
  initialize: Initialize;
}

const SM = '_sessionManager';

/** Prototypes that have the helpers, for every instance of the module in the process. */
const prepared = new WeakSet<object>();

function prepare(proto: object, helpers: Record<Helper, unknown>): void {
  prepared.add(proto);
  const existing = proto as Partial<Record<Helper, unknown>>;
  // `req.login = req.logIn = req.logIn || ext.logIn`, and so on: one already there wins.
  const logIn = existing.logIn || helpers.logIn;
  const logOut = existing.logOut || helpers.logOut;
  const values: Record<Helper, unknown> = {
    login: logIn,
    logIn,
    logout: logOut,
    logOut,
    isAuthenticated: existing.isAuthenticated || helpers.isAuthenticated,
    isUnauthenticated: existing.isUnauthenticated || helpers.isUnauthenticated,
  };
  for (const name of HELPERS) {
    Object.defineProperty(proto, name, { value: values[name], writable: true, configurable: true });
  }
  Object.defineProperty(proto, SM, {
    configurable: true,
    get(this: Request) {
      return requestContextOf(this).sessionManager;
    },
    set(this: Request, value: unknown) {
      Object.defineProperty(this, SM, {
        value,
        writable: true,
        enumerable: true,
        configurable: true,
      });
    },
  });
}
