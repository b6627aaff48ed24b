import type { Request } from 'express';
import passport from 'passport';
import type { SessionIndex } from '../session-index/session-index';
import type { OktaUser } from './okta-user';
import { isSessionUser, SessionUser } from './session-user';

/** The module's Passport instance, injected by this token. */
export const AUTH_PASSPORT = Symbol('AUTH_PASSPORT');

/** The name the redirect model's strategy has on that instance. */
export const OKTA_STRATEGY = 'okta';

/**
 * This module's own Passport: strategies and serializers registered here cannot collide with an
 * app's (or another AuthModule's) use of the process-wide `passport` instance.
 */
export function createAuthPassport(sessionIndex: SessionIndex): passport.Authenticator {
  const authenticator = new passport.Authenticator();
  // Serializing happens only at sign-in, just after Passport gave the session its new id, so this
  // is where every sign-in is stamped and indexed under its user, whichever model completed it.
  authenticator.serializeUser<SessionUser, Request>((req, user, done) => {
    const stored: SessionUser = { ...(user as OktaUser), signedInAt: Date.now() };
    sessionIndex.record(req.sessionID, stored, req.sessionStore).then(
      () => done(null, stored),
      (error: unknown) => done(error),
    );
  });
  // A stored user of the wrong shape is not an error to answer with 500: it is nobody.
  authenticator.deserializeUser((stored: unknown, done) =>
    done(null, isSessionUser(stored) ? stored : false),
  );
  return authenticator;
}
