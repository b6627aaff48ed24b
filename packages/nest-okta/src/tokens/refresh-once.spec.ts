import { HttpException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { RefreshLock } from '../options/refresh-lock';
import { refreshOnce, type SharedRefresh } from './refresh-once';

/** A real lock for one process, as a shared store would keep it: a key with an expiry. */
class ProcessLock implements RefreshLock {
  readonly held = new Map<string, { owner: symbol; until: number }>();

  tryAcquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const current = this.held.get(key);
    if (current && current.until > Date.now()) return Promise.resolve(undefined);
    const owner = Symbol(key);
    this.held.set(key, { owner, until: Date.now() + ttlMs });
    return Promise.resolve(() => {
      if (this.held.get(key)?.owner === owner) this.held.delete(key);
      return Promise.resolve();
    });
  }
}

/** A session in a shared store: every instance's `storedMeanwhile` reads what `refresh` wrote. */
function sharedSession() {
  let stored: string | undefined;
  let refreshes = 0;
  const instance = (delayMs: number): SharedRefresh<string> => ({
    storedMeanwhile: () => Promise.resolve(stored),
    refresh: async () => {
      refreshes += 1;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      stored = `tokens-${refreshes}`;
      return stored;
    },
  });
  return { instance, refreshes: () => refreshes };
}

describe('refreshOnce', () => {
  it('refreshes once for instances racing on one session, and all get that result', async () => {
    const lock = new ProcessLock();
    const session = sharedSession();
    const results = await Promise.all(
      [0, 1, 2].map(() => refreshOnce(lock, 'session-1', 1_000, session.instance(150))),
    );
    expect(results).toEqual(['tokens-1', 'tokens-1', 'tokens-1']);
    expect(session.refreshes()).toBe(1);
    expect(lock.held.size).toBe(0);
  });

  it('keys the lock by a hash of the session id, never the id itself', async () => {
    const lock = new ProcessLock();
    const session = sharedSession();
    const held = refreshOnce(lock, 'secret-session-id', 1_000, session.instance(50));
    await new Promise((resolve) => setImmediate(resolve));
    const [key] = [...lock.held.keys()];
    expect(key).toMatch(/^refresh:[\w-]{43}$/);
    expect(key).not.toContain('secret-session-id');
    await held;
  });

  it('takes over once the lock of a holder that never finished has expired', async () => {
    const lock = new ProcessLock();
    const key = `refresh:${createHash('sha256').update('session-2').digest('base64url')}`;
    // Another instance took the lock and died: it never releases it.
    await lock.tryAcquire(key, 200);
    const session = sharedSession();
    const started = Date.now();
    await expect(refreshOnce(lock, 'session-2', 200, session.instance(0))).resolves.toBe(
      'tokens-1',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('answers 503 when the lock stays taken and no result appears', async () => {
    const never: RefreshLock = { tryAcquire: () => Promise.resolve(undefined) };
    const session = sharedSession();
    const attempt = refreshOnce(never, 'session-3', 100, session.instance(0));
    await expect(attempt).rejects.toBeInstanceOf(HttpException);
    await expect(attempt).rejects.toMatchObject({ status: 503 });
    expect(session.refreshes()).toBe(0);
  });
});
