import type { Request } from 'express';

/** The app is set up wrongly: a message for its developers, never a user's fault. */
export class AuthSetupError extends Error {
  override name = 'AuthSetupError';
}

/**
 * The module keeps sign-ins in the app's session; without one nothing here can work, and the
 * cause should be named rather than found.
 */
export function requireSession(req: Request): void {
  if (req.session) return;
  throw new AuthSetupError(
    'AuthModule: this request has no session. Register express-session before the app starts, e.g. app.use(session({ secret, store, resave: false, saveUninitialized: false })).',
  );
}
