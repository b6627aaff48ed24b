import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import type { OktaUser } from './okta-user';

/** The user as kept in the session: stamped with when the sign-in happened. */
export type SessionUser = OktaUser & { signedInAt: number };

/**
 * The whole user, tokens included, lives in the server-side session store. Passport serializes
 * only at sign-in, which makes this the one place that knows when every sign-in happened,
 * whichever model (redirect or widget) completed it.
 */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  serializeUser(user: OktaUser, done: (err: Error | null, user: SessionUser) => void): void {
    done(null, { ...user, signedInAt: Date.now() });
  }

  deserializeUser(user: SessionUser, done: (err: Error | null, user: SessionUser) => void): void {
    done(null, user);
  }
}
