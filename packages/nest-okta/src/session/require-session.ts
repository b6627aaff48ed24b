import { HttpStatus, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { SignInException } from '../errors/auth.exceptions';

const logger = new Logger('Auth');

/** The app is set up wrongly: a message for its developers, never a user's fault. */
export class AuthSetupError extends Error {
  override name = 'AuthSetupError';
}

/**
 * The module keeps sign-ins in the app's session: without one nothing here can work, and the
 * cause should be named rather than found. A session whose cookie may only travel over https,
 * on a request that came over http, could be stored but never found again: the sign-in is
 * refused before anything is stored.
 */
export function requireSession(req: Request): void {
  if (!req.session) {
    throw new AuthSetupError(
      'AuthModule: this request has no session. Register express-session before the app starts, e.g. app.use(session({ secret, store, resave: false, saveUninitialized: false })).',
    );
  }
  if (req.session.cookie?.secure === true && !req.secure) {
    logger.warn(
      'Sign-in refused over plain http: the session cookie is Secure. Behind a TLS-terminating proxy, trust it (Express "trust proxy", TRUST_PROXY in this app).',
    );
    throw new SignInException(
      HttpStatus.BAD_REQUEST,
      'Secure connection required',
      'Signing in needs a secure (https) connection to this site.',
    );
  }
}
