import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type passport from 'passport';
import type { AuthSettings } from '../options/auth-settings';
import { passportEntryOf, type SessionUser } from '../user/session-user';
import type { CsrfTokens } from './csrf';
import { markSessionActive } from './session-activity.middleware';
import { type RequestContext, requestContextOf, routeUrl } from '../request/request-context';
import type { PassportHelpers } from './passport-request-helpers';

/**
 * What the module does on every request, after the app's `express-session`: Passport (its own
 * instance; its request helpers through `passportRequestHelpers`), the absolute sign-in lifetime,
 * the idle extension and what pages need for the sign-out forms. A request without a session
 * (health checks, static files, `OPTIONS *`) gets only Passport's request helpers, so guards
 * still answer, and is otherwise left alone.
 */
export function authSessionMiddleware(
  authenticator: passport.Authenticator,
  { initialize }: PassportHelpers,
  settings: AuthSettings,
  csrf: CsrfTokens,
  tenant?: string,
): RequestHandler {
  const restoreUser = sessionUserRestorer(authenticator, tenant);
  const pagePaths = pagePathsFor(settings.routes);
  return (req: Request, res: Response, next: NextFunction): void => {
    const paths = pagePaths(req);
    res.locals.loginPath = paths.login;
    initialize(req, res, () => {
      if (!req.session) {
        next();
        return;
      }
      restoreUser(req, (error?: unknown) => {
        if (error) {
          next(error);
          return;
        }
        endExpiredSignIn(req, settings.maxSignInAgeMs, (logoutError?: unknown) => {
          if (logoutError) {
            next(logoutError);
            return;
          }
          // A session with nothing in it was never stored: leave it so anonymous visits store
          // nothing.
          if (req.user || holdsData(req.session)) markSessionActive(req);
          if (req.user) {
            // Derived only when a view (or csrfTokenFor) reads it: API answers never need it.
            Object.defineProperty(res.locals, 'csrfToken', {
              enumerable: true,
              configurable: true,
              get: () => csrf.tokenFor(req.sessionID),
            });
            res.locals.logoutPath = paths.logout;
            res.locals.logoutEverywherePath = paths.logoutEverywhere;
          }
          next();
        });
      });
    });
  };
}

interface PagePaths {
  login: string;
  logout: string;
  logoutEverywhere: string;
}

/**
 * The module's routes as pages link to them (`routeUrl`), for the request's context. They depend
 * on the context alone, which every request of an org shares: worked out once per context.
 */
function pagePathsFor(routes: AuthSettings['routes']): (req: Request) => PagePaths {
  const byContext = new WeakMap<RequestContext, PagePaths>();
  return (req) => {
    const context = requestContextOf(req);
    let paths = byContext.get(context);
    if (!paths) {
      paths = {
        login: routeUrl(req, routes.login),
        logout: routeUrl(req, routes.logout, 'POST'),
        logoutEverywhere: routeUrl(req, routes.logoutEverywhere, 'POST'),
      };
      byContext.set(context, paths);
    }
    return paths;
  };
}

/**
 * What Passport's `session` strategy does, without running a strategy per request (a copy of the
 * strategy, its callbacks and Passport's strategy loop, on every signed-in request): the user
 * the session names, through the instance's own deserializer, or, if it names nobody valid, no
 * user and no stored entry. An entry this module did not write (`passportEntryOf`) goes too:
 * left in place, Passport's next sign-in in this session would try to add the user to it, and
 * fail without a word on a string. A sign-in at another tenant is nobody here, but stays: under
 * path resolution one browser's cookie reaches every tenant, and a mere visit (or a link from
 * any site) to another tenant must not end it.
 */
function sessionUserRestorer(authenticator: passport.Authenticator, tenant: string | undefined) {
  return (req: Request, done: (error?: unknown) => void): void => {
    const entry = passportEntryOf(req.session, req.sessionID);
    if (!entry) {
      delete (req.session as { passport?: unknown }).passport;
      done();
      return;
    }
    const stored = entry.user;
    if (!stored || stored.tenant !== tenant) {
      done();
      return;
    }
    authenticator.deserializeUser(stored, req, (error: unknown, user?: Express.User | false) => {
      if (error) done(error);
      else {
        if (user) req.user = user;
        else delete entry.user;
        done();
      }
    });
  };
}

/**
 * A sign-in older than the limit ends however active the user has been; the request then goes
 * on anonymously, so guards send the user to sign in again and back to the page asked for.
 */
function endExpiredSignIn(req: Request, maxAgeMs: number, done: (error?: unknown) => void): void {
  const user = req.user as SessionUser | undefined;
  if (!user || Date.now() - user.signedInAt < maxAgeMs) {
    done();
    return;
  }
  req.logout({ keepSessionInfo: false }, done);
}

/** Whether anything but the cookie is stored in the session (without listing its keys). */
function holdsData(session: Request['session']): boolean {
  for (const key in session) if (key !== 'cookie') return true;
  return false;
}
