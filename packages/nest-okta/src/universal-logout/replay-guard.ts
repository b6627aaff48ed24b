/** A one-time id recorded where every instance sees it; `false` when it already was. */
export type SharedRecordOnce = (id: string, ttlMs: number) => Promise<boolean>;

const DEFAULT_CAPACITY = 10_000;

/**
 * Refuses a Universal Logout token seen before (its `jti`), for as long as the token could be
 * accepted. Remembered in this process, bounded in size (the oldest go first when full), and in
 * the shared store when there is one, so a token replayed to another instance is refused too.
 */
export class ReplayGuard {
  /** jti → until when (epoch ms) it must be remembered; in the order they arrived. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly shared: SharedRecordOnce,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /** Whether this is the token's first use; records it either way. */
  async firstUse(jti: string, rememberUntil: number): Promise<boolean> {
    const now = Date.now();
    this.forgetExpired(now);
    const known = this.seen.get(jti);
    if (known !== undefined && known > now) return false;
    if (this.seen.size >= this.capacity) this.seen.delete(this.seen.keys().next().value!);
    this.seen.set(jti, rememberUntil);
    return this.shared(`gtr-jti:${jti}`, Math.max(1, rememberUntil - now));
  }

  /** Tokens arrive with similar lifetimes, so the expired ones are mostly at the front. */
  private forgetExpired(now: number): void {
    for (const [jti, until] of this.seen) {
      if (until > now) return;
      this.seen.delete(jti);
    }
  }
}
