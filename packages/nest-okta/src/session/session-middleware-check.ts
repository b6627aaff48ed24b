import type { Express } from 'express';

/** The names of session middleware functions the module knows: express-session's and cookie-session's. */
const SESSION_MIDDLEWARE_NAMES = new Set(['session', 'cookieSession']);

interface Layer {
  name?: string;
}

/**
 * Whether the Express app has session middleware mounted. Checked once the app has started, so
 * a missing `app.use(session(...))` is named at boot instead of failing every sign-in.
 */
export function hasSessionMiddleware(app: Express): boolean {
  const { router } = app as Express & { router?: { stack?: Layer[] } };
  return (router?.stack ?? []).some((layer) => SESSION_MIDDLEWARE_NAMES.has(layer.name ?? ''));
}
