import passport from 'passport';
import { oktaUserFromClaims, type OktaUser } from './okta-user';
import { isStoredUser, type SessionUser, type StoredUser } from './session-user';

/** The module's Passport instance, injected by this token. */
export const AUTH_PASSPORT = Symbol('AUTH_PASSPORT');

/** The name the redirect model's strategy has on that instance. */
export const OKTA_STRATEGY = 'okta';

/**
 * This module's own Passport: strategies and serializers registered here cannot collide with an
 * app's (or another AuthModule's) use of the process-wide `passport` instance.
 */
export function createAuthPassport(groupsClaim: string): passport.Authenticator {
  const authenticator = new passport.Authenticator();
  // Serializing happens only at sign-in, so this is where every sign-in is stamped, whichever
  // model (redirect or widget) completed it. Only the claims go into the session.
  authenticator.serializeUser((user, done) =>
    done(null, { claims: (user as OktaUser).claims, signedInAt: Date.now() } satisfies StoredUser),
  );
  // A stored user of the wrong shape is not an error to answer with 500: it is nobody.
  authenticator.deserializeUser((stored: unknown, done) =>
    done(
      null,
      isStoredUser(stored)
        ? ({
            ...oktaUserFromClaims(stored.claims, groupsClaim),
            signedInAt: stored.signedInAt,
          } satisfies SessionUser)
        : false,
    ),
  );
  return authenticator;
}
