import type { Request } from 'express';
import passport from 'passport';
import type { SessionIndex } from '../session-index/session-index';
import { oktaUserFromClaims, type OktaUser } from './okta-user';
import type { SessionUser, StoredUser } from './session-user';

/** The name the redirect model's strategy has on that instance. */
export const OKTA_STRATEGY = 'okta';

/**
 * This module's own Passport: strategies and serializers registered here cannot collide with an
 * app's (or another AuthModule's) use of the process-wide `passport` instance.
 */
export function createAuthPassport(
  groupsClaim: string,
  sessionIndex: SessionIndex,
  tenant?: string,
): passport.Authenticator {
  const authenticator = new passport.Authenticator();
  // Serializing happens only at sign-in, just after Passport gave the session its new id, so this
  // is where every sign-in is stamped and indexed under its user, whichever model completed it.
  // Only the claims, how the user authenticated and the app's extras go into the session.
  authenticator.serializeUser<StoredUser, Request>((req, user, done) => {
    const signedIn = user as OktaUser;
    const { claims, acr, amr, authTime, extras } = signedIn;
    const stored: StoredUser = { claims, signedInAt: Date.now(), tenant };
    // Only what is there: every request loads this entry.
    if (acr !== undefined) stored.acr = acr;
    if (amr !== undefined) stored.amr = amr;
    if (authTime !== undefined) stored.authTime = authTime;
    if (extras !== undefined) stored.extras = extras;
    sessionIndex.record(req.sessionID, signedIn, req.sessionStore).then(
      () => done(null, stored),
      (error: unknown) => done(error),
    );
  });
  // Its one caller, the session middleware's restorer, hands it an entry `passportEntryOf` has
  // already checked, for this tenant: checking it again would walk every request's user twice.
  authenticator.deserializeUser((stored: StoredUser, done) =>
    done(null, sessionUser(stored, groupsClaim)),
  );
  return authenticator;
}

/** Runs on every signed-in request: one object, built in place rather than spread twice. */
function sessionUser(stored: StoredUser, groupsClaim: string): SessionUser {
  const user: SessionUser = Object.assign(oktaUserFromClaims(stored.claims, groupsClaim), {
    signedInAt: stored.signedInAt,
  });
  if (stored.tenant !== undefined) user.tenant = stored.tenant;
  if (stored.acr !== undefined) user.acr = stored.acr;
  if (stored.amr !== undefined) user.amr = stored.amr;
  if (stored.authTime !== undefined) user.authTime = stored.authTime;
  if (stored.extras !== undefined) user.extras = stored.extras;
  return user;
}
