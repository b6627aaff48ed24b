import type { SessionIndexStore } from '../options/session-index-store';

export interface MemorySessionIndexStoreOptions {
  /** How often expired entries are dropped. Default one minute. */
  sweepIntervalMs?: number;
}

const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/**
 * The index in this process's memory: right for the memory session store, whose sessions are
 * this process's alone. Expired entries are never returned, and a sweep drops them at an
 * interval, so users who never come back leave nothing behind.
 */
export class MemorySessionIndexStore implements SessionIndexStore {
  /** key → session id → expiry (epoch ms). */
  private readonly entries = new Map<string, Map<string, number>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor({
    sweepIntervalMs = DEFAULT_SWEEP_INTERVAL_MS,
  }: MemorySessionIndexStoreOptions = {}) {
    // Unref'd: an index must never be what keeps a process alive.
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs).unref();
  }

  /** How many (key, session id) entries are held, expired or not: what the sweep bounds. */
  get size(): number {
    let size = 0;
    for (const sessions of this.entries.values()) size += sessions.size;
    return size;
  }

  add(keys: readonly string[], sessionId: string, ttlMs: number): Promise<void> {
    const expiresAt = Date.now() + ttlMs;
    for (const key of keys) {
      let sessions = this.entries.get(key);
      if (!sessions) this.entries.set(key, (sessions = new Map<string, number>()));
      sessions.set(sessionId, Math.max(expiresAt, sessions.get(sessionId) ?? 0));
    }
    return Promise.resolve();
  }

  remove(keys: readonly string[], sessionId: string): Promise<void> {
    for (const key of keys) {
      const sessions = this.entries.get(key);
      sessions?.delete(sessionId);
      if (sessions?.size === 0) this.entries.delete(key);
    }
    return Promise.resolve();
  }

  sessionIds(key: string): Promise<string[]> {
    const now = Date.now();
    const sessions = this.entries.get(key) ?? new Map<string, number>();
    return Promise.resolve([...sessions].filter(([, at]) => at > now).map(([id]) => id));
  }

  /** Stops the sweep; the module calls it for the store it made itself. */
  close(): void {
    clearInterval(this.sweeper);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, sessions] of this.entries) {
      for (const [id, expiresAt] of sessions) if (expiresAt <= now) sessions.delete(id);
      if (sessions.size === 0) this.entries.delete(key);
    }
  }
}
