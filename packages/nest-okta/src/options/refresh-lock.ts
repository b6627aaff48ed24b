/**
 * A lock every instance of the app shares (a Redis key, a database row), so that one instance
 * refreshes a session's tokens while the others wait for its result. The module needs no more
 * than this from the app's store, and depends on no store itself.
 */
export interface RefreshLock {
  /**
   * Takes the lock named `key` for at most `ttlMs`, unless someone holds it already. Resolves to
   * a function that releases it (only if still held by this caller), or to `undefined` when
   * another holder has it. Must not wait for the lock to be free.
   */
  tryAcquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

export function isRefreshLock(value: unknown): value is RefreshLock {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { tryAcquire?: unknown }).tryAcquire === 'function'
  );
}
