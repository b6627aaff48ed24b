import { Logger } from '@nestjs/common';
import type { SessionData, Store } from 'express-session';
import { MAX_SESSION_DEPTH, nestsDeeperThan, UnreadableSessionEntry } from './session-entry-limits';

const logger = new Logger('SessionStore');
/** Session ids already logged as unreadable, so one bad entry is one log line, not one a request. */
const loggedIds = new Set<string>();
const MAX_LOGGED_IDS = 10_000;

/**
 * Makes `store.get` hand express-session only what has the shape express-session itself wrote.
 * A stored session is data from outside the process (an older version's entry, a tampered one):
 * express-session trusts its `cookie` outright, so a wrong type there makes a request fail deep
 * inside `res.end`; one nested too deep overflows the stack when it is hashed; an entry that is
 * not JSON, too large or holding an impossible date reads as a store outage. All of these count
 * as no session instead, logged once per session id.
 */
export function checkStoredSessions<S extends Store>(store: S): S {
  const get = store.get.bind(store);
  store.get = (sid, callback) =>
    get(sid, (error: unknown, session?: SessionData | null) => {
      if (error instanceof SyntaxError || error instanceof UnreadableSessionEntry) {
        logUnreadable(sid, error.message);
        callback(null, null);
        return;
      }
      if (error) {
        callback(error);
        return;
      }
      if (!session) {
        callback(null, null);
        return;
      }
      if (!isStoredSession(session) || nestsDeeperThan(session, MAX_SESSION_DEPTH)) {
        logUnreadable(sid, 'its shape is not a session this app wrote');
        callback(null, null);
        return;
      }
      callback(null, session);
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

function logUnreadable(sid: string, reason: string): void {
  if (loggedIds.has(sid)) return;
  if (loggedIds.size >= MAX_LOGGED_IDS) loggedIds.clear();
  loggedIds.add(sid);
  logger.warn(`A stored session is unreadable, so the request goes on without it: ${reason}`);
}
