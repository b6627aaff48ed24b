import type { Request } from 'express';
import { isEpochMs } from './stored-values';

declare module 'express-session' {
  interface SessionData {
    /** Epoch milliseconds of the last write that extended the session. */
    lastActiveAt?: number;
  }
}

const MAX_INTERVAL_MS = 60_000;

/** How often an active session is extended: a minute, or less for very short idle timeouts. */
export function activityInterval(idleTimeoutMs: unknown): number {
  return typeof idleTimeoutMs === 'number' && idleTimeoutMs > 0
    ? Math.min(MAX_INTERVAL_MS, Math.floor(idleTimeoutMs / 10))
    : MAX_INTERVAL_MS;
}

/**
 * Keeps an active user's session alive without rewriting it on every request: at most once per
 * interval it marks the session as changed, so express-session saves it (extending the store
 * entry) and sends a fresh cookie (extending its expiry). The idle timeout is the app's session
 * cookie `maxAge`; an idle session ends between that minus one interval and that.
 */
export function markSessionActive(req: Request): void {
  const { session } = req;
  const interval = activityInterval(session.cookie?.originalMaxAge);
  const now = Date.now();
  // A time no Date holds (or none) is as good as never: the session is marked, and it is mended.
  const last = isEpochMs(session.lastActiveAt) ? session.lastActiveAt : 0;
  if (now - last >= interval) session.lastActiveAt = now;
}
