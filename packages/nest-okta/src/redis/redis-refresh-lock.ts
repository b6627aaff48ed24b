import { randomUUID } from 'node:crypto';
import type { RefreshLock } from '../options/refresh-lock';
import type { RedisKeyCommands } from './redis-commands';

export interface RedisRefreshLockOptions {
  /** Put before each lock's key. Default `nest-okta:lock:`. */
  prefix?: string;
}

const DEFAULT_PREFIX = 'nest-okta:lock:';

/** Deletes the lock only if it still holds this owner's mark: an expired lock may be another's. */
const RELEASE_IF_OWNED = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * AuthModule's refresh lock (its `refreshLock`) in Redis: a key set only if absent, with an
 * expiry, so every instance sharing the sessions shares the lock too. Each step touches the one
 * lock key, so it works with a node-redis 6 client from `createClient`, `createCluster` or
 * `createSentinel`.
 */
export class RedisRefreshLock implements RefreshLock {
  private readonly prefix: string;

  constructor(
    private readonly client: Pick<RedisKeyCommands, 'set' | 'eval'>,
    { prefix = DEFAULT_PREFIX }: RedisRefreshLockOptions = {},
  ) {
    this.prefix = prefix;
  }

  async tryAcquire(key: string, ttlMs: number): Promise<(() => Promise<void>) | undefined> {
    const name = `${this.prefix}${key}`;
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
