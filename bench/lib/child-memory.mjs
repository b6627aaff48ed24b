/**
 * A forked server's memory after a full GC, for the bench's memory figures (the child runs with
 * --expose-gc). Twice: the first pass can leave work (weak references, finalizers) for a second.
 */
export function memoryAfterGc() {
  globalThis.gc?.();
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
