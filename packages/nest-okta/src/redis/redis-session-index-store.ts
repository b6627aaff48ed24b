import type { SessionIndexStore } from '../options/session-index-store';
import type { RedisKeyCommands } from './redis-commands';

export interface RedisSessionIndexStoreOptions {
  /** Put before each user's key. Default `nest-okta:sess-index:`. */
  prefix?: string;
  /** Put before each one-time id (`recordOnce`). Default `nest-okta:once:`. */
  oncePrefix?: string;
}

const DEFAULT_PREFIX = 'nest-okta:sess-index:';
const DEFAULT_ONCE_PREFIX = 'nest-okta:once:';

/**
 * Records one session under one user key, in one step: GT adds a new member and never shortens
 * the life of one recorded before; expired members go; the set lives as long as its
 * longest-lived member (extended with GT, or set with NX when new). One key per script is what
 * lets it run on a Cluster; one script per key is what keeps two instances recording sessions
 * of the same user at once from losing either. Needs Redis 7 (`PEXPIREAT … GT`/`NX`).
 */
const ADD_SCRIPT = `
local key, member = KEYS[1], ARGV[1]
local now, expiresAt = tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZADD', key, 'GT', expiresAt, member)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
redis.call('PEXPIREAT', key, expiresAt, 'GT')
redis.call('PEXPIREAT', key, expiresAt, 'NX')
return 1
`;

/**
 * AuthModule's session index (its `sessionIndexStore`) in Redis, so every instance sees every
 * sign-in. Each user key is a sorted set of session ids scored by their expiry: expired members
 * are dropped whenever the set is written and never read, and the set itself expires with its
 * longest-lived member, so nothing outlives the sessions it names and nothing needs a scan.
 *
 * Works with a node-redis 6 client from `createClient`, `createCluster` or `createSentinel`.
 * A user's keys (issuer and subject, email) and the session ids they name land in different hash
 * slots on a Cluster, so every step touches one key: a sign-in recorded under two keys is two
 * atomic steps, and a session ended between them is still dropped from both by `remove` or by
 * its expiry.
 */
export class RedisSessionIndexStore implements SessionIndexStore {
  private readonly prefix: string;
  private readonly oncePrefix: string;

  constructor(
    private readonly client: RedisKeyCommands,
    {
      prefix = DEFAULT_PREFIX,
      oncePrefix = DEFAULT_ONCE_PREFIX,
    }: RedisSessionIndexStoreOptions = {},
  ) {
    this.prefix = prefix;
    this.oncePrefix = oncePrefix;
  }

  async add(keys: readonly string[], sessionId: string, ttlMs: number): Promise<void> {
    const now = Date.now();
    const args = [sessionId, String(now), String(now + ttlMs)];
    await Promise.all(
      keys.map((key) =>
        this.client.eval(ADD_SCRIPT, { keys: [this.prefix + key], arguments: args }),
      ),
    );
  }

  async remove(keys: readonly string[], sessionId: string): Promise<void> {
    await Promise.all(keys.map((key) => this.client.zRem(this.prefix + key, sessionId)));
  }

  async sessionIds(key: string): Promise<string[]> {
    const ids = await this.client.zRangeByScore(this.prefix + key, `(${Date.now()}`, '+inf');
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw new Error(`ZRANGEBYSCORE answered ${JSON.stringify(ids)}`);
    }
    return ids;
  }

  /** `SET NX` with an expiry: the first instance to record `id` wins, everywhere. */
  async recordOnce(id: string, ttlMs: number): Promise<boolean> {
    const reply = await this.client.set(this.oncePrefix + id, '1', {
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs },
    });
    return reply === 'OK';
  }
}
