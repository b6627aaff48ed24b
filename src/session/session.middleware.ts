import { Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { SessionSettings } from '../config/app-config';
import { sendProblem } from '../common/send-problem';
import type { SessionStorage } from './session-storage';
import { SessionStoreUnavailableException } from './session-store-unavailable';

/** Health probes and static files must work, and stay cheap, without any session. */
const SESSIONLESS_PATHS = ['/health', '/assets/', '/favicon.ico'];

/** Runs `handler` (session loading, and what depends on it) except on sessionless paths. */
export function onSessionRoutes(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (SESSIONLESS_PATHS.some((path) => req.path === path || req.path.startsWith(path))) {
      next();
      return;
    }
    handler(req, res, next);
  };
}

/**
 * express-session with the app's cookie rules. The cookie and the store entry expire
 * `idleTimeoutMs` after they were last written, and `sessionActivity` rewrites them while the
 * user is active, so that is an idle timeout. A store failure becomes a 503 page here, because
 * this runs before Nest's exception filters.
 */
export function sessionMiddleware(
  settings: SessionSettings,
  storage: SessionStorage,
): RequestHandler {
  const logger = new Logger('Session');
  const handler = session({
    name: settings.cookieName,
    secret: settings.secret,
    store: storage.store,
    resave: false,
    saveUninitialized: false,
    // Not rolling: re-signing the cookie and rewriting the store on every request would
    // double the cost of a signed-in request; sessionActivity does it once per interval.
    rolling: false,
    cookie: {
      httpOnly: true,
      // Lax, not Strict: the browser must send the cookie on the redirect back from Okta.
      sameSite: 'lax',
      secure: settings.secureCookie,
      maxAge: settings.idleTimeoutMs,
    },
  });
  return onSessionRoutes((req: Request, res: Response, next: NextFunction): void => {
    handler(req, res, (error?: unknown) => {
      if (!error) {
        next();
        return;
      }
      logger.warn(`Session store failed: ${(error as Error).message}`);
      // A failure while saving after the response was sent cannot change that response.
      if (res.headersSent) return;
      const problem = new SessionStoreUnavailableException(error).getResponse();
      sendProblem(req, res, problem as Parameters<typeof sendProblem>[2]);
    });
  });
}
