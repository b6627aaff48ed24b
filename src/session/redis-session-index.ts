import type { RedisClientType } from 'redis';

type RedisClient = Pick<RedisClientType, 'multi' | 'zRangeByScore' | 'set'>;

/** Beside connect-redis's `nest-okta:sess:<sid>` keys, never under them. */
const INDEX_PREFIX = 'nest-okta:sess-index:';
const ONCE_PREFIX = 'nest-okta:once:';

/**
 * AuthModule's session index (its `SessionIndexStore`) in the Redis that holds the sessions, so
 * every instance sees every sign-in. Each user key is a sorted set of session ids scored by their
 * expiry: expired members are dropped whenever the set is written and never read, and the set
 * itself expires with its longest-lived member, so nothing outlives the sessions it names and
 * nothing needs a scan of all keys. Needs Redis 7 (`PEXPIREAT … GT`/`NX`).
 */
export class RedisSessionIndex {
  constructor(private readonly client: RedisClient) {}

  async add(keys: readonly string[], sessionId: string, ttlMs: number): Promise<void> {
    const now = Date.now();
    const expiresAt = now + ttlMs;
    const transaction = this.client.multi();
    for (const key of keys) {
      const setKey = INDEX_PREFIX + key;
      transaction
        // GT adds a new member, and never shortens the life of one recorded before.
        .zAdd(setKey, { score: expiresAt, value: sessionId }, { comparison: 'GT' })
        .zRemRangeByScore(setKey, '-inf', now)
        // The set lives as long as its longest-lived member: extended (GT), or set if new (NX).
        .pExpireAt(setKey, expiresAt, 'GT')
        .pExpireAt(setKey, expiresAt, 'NX');
    }
    await transaction.exec();
  }

  async remove(keys: readonly string[], sessionId: string): Promise<void> {
    const transaction = this.client.multi();
    for (const key of keys) transaction.zRem(INDEX_PREFIX + key, sessionId);
    await transaction.exec();
  }

  sessionIds(key: string): Promise<string[]> {
    return this.client.zRangeByScore(INDEX_PREFIX + key, `(${Date.now()}`, '+inf');
  }

  /** `SET NX` with an expiry: the first instance to record `id` wins, everywhere. */
  async recordOnce(id: string, ttlMs: number): Promise<boolean> {
    const reply = await this.client.set(ONCE_PREFIX + id, '1', {
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs },
    });
    return reply === 'OK';
  }
}
