import type { SessionData, Store } from 'express-session';

/**
 * Makes `store.get` hand express-session only what has the shape express-session itself wrote.
 * A stored session is data from outside the process (an older version's entry, a tampered one):
 * express-session trusts its `cookie` outright, so a wrong type there makes a request fail deep
 * inside `res.end`, and an entry that is not JSON reads as a store outage. Both count as no
 * session instead.
 */
export function checkStoredSessions<S extends Store>(store: S): S {
  const get = store.get.bind(store);
  store.get = (sid, callback) =>
    get(sid, (error: unknown, session?: SessionData | null) => {
      if (error instanceof SyntaxError) {
        callback(null, null);
        return;
      }
      if (error) {
        callback(error);
        return;
      }
      callback(null, session && isStoredSession(session) ? session : null);
    });
  return store;
}

function isStoredSession(value: unknown): value is SessionData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { cookie } = value as { cookie?: unknown };
  if (typeof cookie !== 'object' || cookie === null || Array.isArray(cookie)) return false;
  const c = cookie as Record<string, unknown>;
  return (
    (c.originalMaxAge === null || Number.isFinite(c.originalMaxAge)) &&
    (c.expires === undefined ||
      c.expires === null ||
      (typeof c.expires === 'string' && !Number.isNaN(Date.parse(c.expires)))) &&
    optional(c.path, 'string') &&
    optional(c.domain, 'string') &&
    optional(c.httpOnly, 'boolean') &&
    optional(c.secure, 'boolean') &&
    (c.sameSite === undefined || ['string', 'boolean'].includes(typeof c.sameSite))
  );
}

function optional(value: unknown, type: 'string' | 'boolean'): boolean {
  return value === undefined || value === null || typeof value === type;
}
