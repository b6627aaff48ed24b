import { Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { SessionSettings } from '../config/app-config';
import type { SessionStorage } from './session-storage';

export interface SessionMiddlewareOptions {
  /** Requests on these paths get no session. */
  skip: (path: string) => boolean;
  /** Answers a request whose session could not be loaded (the store is down). */
  onStoreFailure: (req: Request, res: Response, error: unknown) => void;
}

/**
 * express-session with the app's cookie rules. The cookie and the store entry expire
 * `idleTimeoutMs` after they were last written, and AuthModule rewrites them once a minute while
 * the user is active, so that is an idle timeout. A store failure is answered here, because
 * this runs before Nest's exception filters.
 */
export function sessionMiddleware(
  settings: SessionSettings,
  storage: SessionStorage,
  { skip, onStoreFailure }: SessionMiddlewareOptions,
): RequestHandler {
  const logger = new Logger('Session');
  const handler = session({
    name: settings.cookieName,
    secret: settings.secret,
    store: storage.store,
    resave: false,
    saveUninitialized: false,
    // Not rolling: re-signing the cookie and rewriting the store on every request would
    // double the cost of a signed-in request; AuthModule extends sessions once per interval.
    rolling: false,
    cookie: {
      httpOnly: true,
      // Lax, not Strict: the browser must send the cookie on the redirect back from Okta.
      sameSite: 'lax',
      secure: settings.secureCookie,
      maxAge: settings.idleTimeoutMs,
    },
  });
  return function session(req: Request, res: Response, next: NextFunction): void {
    if (skip(req.path)) {
      next();
      return;
    }
    handler(req, res, (error?: unknown) => {
      if (!error) {
        next();
        return;
      }
      logger.warn(`Session store failed: ${(error as Error).message}`);
      // A failure while saving after the response was sent cannot change that response.
      if (res.headersSent) return;
      onStoreFailure(req, res, error);
    });
  };
}
