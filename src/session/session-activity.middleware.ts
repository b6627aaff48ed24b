import type { NextFunction, Request, Response } from 'express';

declare module 'express-session' {
  interface SessionData {
    /** Epoch milliseconds of the last write that extended the session. */
    lastActiveAt?: number;
  }
}

/** How often an active session is extended: a minute, or less for very short idle timeouts. */
export function activityInterval(idleTimeoutMs: number): number {
  return Math.min(60_000, Math.floor(idleTimeoutMs / 10));
}

/**
 * Keeps an active user's session alive: at most once per interval it marks the session as
 * changed, so express-session saves it (extending the store entry) and sends a fresh cookie
 * (extending its expiry). An idle session therefore ends between `idleTimeoutMs` minus one
 * interval and `idleTimeoutMs` after the last request.
 */
export function sessionActivity(idleTimeoutMs: number) {
  const interval = activityInterval(idleTimeoutMs);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const { session } = req;
    // A session with nothing in it was not loaded from the store; leave it unsaved.
    const stored = Object.keys(session).some((key) => key !== 'cookie');
    const now = Date.now();
    if (stored && now - (session.lastActiveAt ?? 0) >= interval) session.lastActiveAt = now;
    next();
  };
}
