/**
 * Where the module keeps which sessions each user has, so it can end them all at once (Okta's
 * Universal Logout, "sign out everywhere") without scanning the whole session store. Keys are
 * opaque (the module hashes user identifiers into them); values are session ids. Every entry
 * carries its own expiry, the longest its session can live, so the index never outgrows the
 * sessions it points to.
 *
 * The module keeps one in memory by default (`MemorySessionIndexStore`), which sees only this
 * process's sign-ins; an app whose sessions are shared between instances gives the module one in
 * the same shared store (the `sessionIndex` option).
 */
export interface SessionIndexStore {
  /** Records `sessionId` under each key, until `ttlMs` from now. */
  add(keys: readonly string[], sessionId: string, ttlMs: number): Promise<void>;
  /** Forgets `sessionId` under each key; unknown ids and keys are ignored. */
  remove(keys: readonly string[], sessionId: string): Promise<void>;
  /** The ids recorded under `key` that have not expired. */
  sessionIds(key: string): Promise<string[]>;
  /**
   * Records `id` for `ttlMs` where every instance sees it, and resolves `false` when it was
   * already recorded. Optional: with it, Universal Logout refuses a request replayed to another
   * instance, not only to this one.
   */
  recordOnce?(id: string, ttlMs: number): Promise<boolean>;
}

export function isSessionIndexStore(value: unknown): value is SessionIndexStore {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Record<string, unknown>;
  return ['add', 'remove', 'sessionIds'].every((method) => typeof store[method] === 'function');
}
