import { Injectable } from '@nestjs/common';
import { PassportSerializer } from '@nestjs/passport';
import type { OktaUser } from './okta-user';

/** The whole user, tokens included, lives in the server-side session store. */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  serializeUser(user: OktaUser, done: (err: Error | null, user: OktaUser) => void): void {
    done(null, user);
  }

  deserializeUser(user: OktaUser, done: (err: Error | null, user: OktaUser) => void): void {
    done(null, user);
  }
}
