import type { SessionData, Store } from 'express-session';
import { reportUnreadable } from './stored-values';

/**
 * One entry of the app's session store (`Store.get`), or `null` when there is none. A store's
 * parser fails on an entry it cannot read: connect-redis hands `JSON.parse`'s `SyntaxError` to
 * the callback, the memory store throws it, and a date past what a `Date` holds or a stack
 * overflowed by nesting is a `RangeError`. That entry is unreadable, not the store down, so it
 * reads as none (logged once for `owner`); any other failure is the store's, and rejects.
 */
export function readStoreEntry(
  store: Store,
  key: string,
  owner: string,
  what: string,
): Promise<SessionData | null> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null | undefined, entry?: SessionData | null) => {
      if (error instanceof SyntaxError || error instanceof RangeError) {
        reportUnreadable(owner, what);
        resolve(null);
      } else if (error) {
        reject(error);
      } else {
        resolve(entry ?? null);
      }
    };
    try {
      store.get(key, done);
    } catch (error) {
      done(error as Error);
    }
  });
}
