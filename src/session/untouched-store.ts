import type { Store } from 'express-session';

/**
 * Takes away the store's `touch`, which express-session documents as optional. With it,
 * express-session calls it on every request whose session did not change, and first hashes the
 * whole session once more (JSON with a replacer, then SHA-1) to learn that it did not; without
 * it, that step and its hash are skipped. Sessions here are extended by saving them
 * (AuthModule's sessionActivity, once a minute), so a touch would have nothing to do.
 */
export function withoutTouch<S extends Store>(store: S): Store {
  // An own property shadows the store class's method; express-session reads
  // `typeof store.touch === 'function'` once, when its middleware is made.
  Object.defineProperty(store, 'touch', { value: undefined });
  return store;
}
