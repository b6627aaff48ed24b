import { randomUUID } from 'node:crypto';
import type { RedisClientType } from 'redis';

/** Beside connect-redis's `nest-okta:sess:<sid>` keys, never under them. */
const LOCK_PREFIX = 'nest-okta:lock:';

/** Deletes the lock only if it still holds this owner's mark: an expired lock may be another's. */
const RELEASE_IF_OWNED = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * AuthModule's refresh lock (its `RefreshLock` shape) in the Redis that holds the sessions: a key
 * set only if absent, with an expiry, so every instance sharing the sessions shares the lock too.
 */
export class RedisRefreshLock {
  constructor(private readonly client: Pick<RedisClientType, 'set' | 'eval'>) {}

  async tryAcquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const name = `${LOCK_PREFIX}${key}`;
    const owner = randomUUID();
    const taken = await this.client.set(name, owner, {
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs },
    });
    if (taken !== 'OK') return undefined;
    return async () => {
      await this.client.eval(RELEASE_IF_OWNED, { keys: [name], arguments: [owner] });
    };
  }
}
