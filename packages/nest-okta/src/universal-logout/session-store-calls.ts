import type { SessionData, Store } from 'express-session';
import { readStoreEntry } from '../session/store-entry';
import { SessionStoreFailureError } from './revocation-errors';

/**
 * However the store fails (Redis unreachable, or reachable but silent), the caller learns soon:
 * Okta is told the user could not be signed out instead of waiting on a hung request.
 */
const STORE_TIMEOUT_MS = 2_000;

/**
 * One call to the session store or the index beside it, bounded in time; any failure becomes a
 * `SessionStoreFailureError` naming what was being done.
 */
export async function storeCall<T>(what: string, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer in ${STORE_TIMEOUT_MS} ms`)),
      STORE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([call, timeout]);
  } catch (error) {
    throw new SessionStoreFailureError(`${what} failed: ${(error as Error).message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * express-session's `Store.get`, which MemoryStore and connect-redis both implement; a session
 * the store cannot read is none (see `readStoreEntry`), and is destroyed all the same.
 */
export function readSession(store: Store, sessionId: string): Promise<SessionData | null> {
  return readStoreEntry(store, sessionId, sessionId, 'a session');
}

/** express-session's `Store.destroy`: every instance sharing the store sees it at once. */
export function destroySession(store: Store, sessionId: string): Promise<void> {
  return new Promise((resolve, reject) =>
    store.destroy(sessionId, (error?: Error) => (error ? reject(error) : resolve())),
  );
}
