import type { Request } from 'express';
import type { SessionData } from 'express-session';
import { isSessionUser, SessionUser } from '../user/session-user';

type PassportSessionData = SessionData & { passport?: { user?: unknown } };

/**
 * Reads the request's session again from the store, replacing the copy the request loaded:
 * another instance may have stored newer tokens since. Returns its user, or `undefined` when
 * the store no longer holds a signed-in user (signed out, or expired, meanwhile).
 */
export async function reloadSessionUser(req: Request): Promise<SessionUser | undefined> {
  const store = req.sessionStore as typeof req.sessionStore | undefined;
  // A session without a store (cookie-session) has nothing to read again.
  if (!store) return req.user as SessionUser | undefined;
  const data = await new Promise<PassportSessionData | null | undefined>((resolve, reject) =>
    store.get(req.sessionID, (error, found) => (error ? reject(error as Error) : resolve(found))),
  );
  if (!data) return undefined;
  // What express-session's own `req.session.reload()` does, told apart from a missing session.
  store.createSession(req, data);
  const user = data.passport?.user;
  if (!isSessionUser(user)) return undefined;
  req.user = user;
  return user;
}

/** Puts `user` in the request's copy of the session, where Passport keeps it. */
export function putSessionUser(req: Request, user: SessionUser): void {
  const session = req.session as typeof req.session & { passport?: { user?: SessionUser } };
  session.passport = { user };
  req.user = user;
}

/** Puts `user` in the request's session and writes the session to the store now. */
export async function storeSessionUser(req: Request, user: SessionUser): Promise<void> {
  putSessionUser(req, user);
  await new Promise<void>((resolve, reject) =>
    req.session.save((err?: Error) => (err ? reject(err) : resolve())),
  );
}
