import { HttpStatus, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SignInException } from '../errors/auth.exceptions';
import type { RefreshLock } from '../options/refresh-lock';

/** How often an instance waiting for another's refresh looks at the store. */
const POLL_MS = 100;

const logger = new Logger('RefreshLock');

export interface SharedRefresh<T> {
  /** The result another instance has stored meanwhile, read again from the store; if any. */
  storedMeanwhile(): Promise<T | undefined>;
  /** Refreshes and stores the result; runs only while this instance holds the lock. */
  refresh(): Promise<T>;
}

/**
 * One refresh of a session across every instance of the app. Okta refuses a rotated refresh
 * token sent again and then revokes the tokens issued in its place, so two instances must
 * never both use it: the one that takes the lock reads the session again (the previous holder
 * may just have finished), refreshes and stores the result; the others poll the store until
 * that result is there, or take the lock once it is free (or expired, if its holder died).
 */
export async function refreshOnce<T>(
  lock: RefreshLock,
  sessionId: string,
  lockTtlMs: number,
  steps: SharedRefresh<T>,
): Promise<T> {
  // The session id is what the session cookie proves; it never becomes a key in clear.
  const key = `refresh:${createHash('sha256').update(sessionId).digest('base64url')}`;
  const giveUpAt = Date.now() + 2 * lockTtlMs;
  for (;;) {
    const release = await lock.tryAcquire(key, lockTtlMs);
    if (release) {
      try {
        return (await steps.storedMeanwhile()) ?? (await steps.refresh());
      } finally {
        // Not fatal: the lock expires by itself after lockTtlMs.
        await release().catch((error: Error) =>
          logger.warn(`Could not release a refresh lock: ${error.message}`),
        );
      }
    }
    if (Date.now() > giveUpAt) {
      throw new SignInException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Temporarily unavailable',
        'Your sign-in is being renewed. Please try again in a moment.',
      );
    }
    await sleep(POLL_MS);
    const stored = await steps.storedMeanwhile();
    if (stored) return stored;
  }
}
