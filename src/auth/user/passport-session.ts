import type { Request } from 'express';
import { renewCsrfToken } from '../session/csrf';
import type { OktaUser } from './okta-user';

/**
 * Starts the user's session through Passport, the same way for both sign-in models: Passport
 * regenerates the session id, and `keepSessionInfo` carries over sign-ins still pending in other
 * tabs. The new session gets its own CSRF token.
 */
export async function logIn(req: Request, user: OktaUser): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.logIn(user, { session: true, keepSessionInfo: true }, (err) =>
      err ? reject(err as Error) : resolve(),
    ),
  );
  renewCsrfToken(req);
}

/** Ends the user's sign-in: Passport forgets the user and the session gets a new, empty id. */
export function logOut(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.logout({ keepSessionInfo: false }, (err) => (err ? reject(err as Error) : resolve())),
  );
}
