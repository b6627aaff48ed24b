import type { OnApplicationShutdown } from '@nestjs/common';
import type { RedisStore as ConnectRedisStore } from 'connect-redis';
import { MemoryStore, type Store } from 'express-session';
import { RedisRefreshLock, RedisSessionIndexStore, RedisThrottlerStorage } from 'nest-okta/redis';
import type { RedisConnectionSettings, SessionStoreSettings } from '../config/app-config';
import { checkStoredSessions } from './checked-store';
import { compactSessionJson } from './compact-session-json';
import { RedisConnection } from './redis-connection';
import { withoutTouch } from './untouched-store';

/** Where connect-redis keeps each session: this prefix and the session id. */
export const SESSION_KEY_PREFIX = 'nest-okta:sess:';

/** The session store and the connection behind it, which readiness checks and shutdown need. */
export abstract class SessionStorage implements OnApplicationShutdown {
  abstract readonly kind: SessionStoreSettings['kind'];
  abstract readonly store: Store;
  /**
   * A lock every instance sharing the store shares (AuthModule's `refreshLock`), so one of them
   * refreshes a session's tokens at a time; none when the sessions are this process's alone.
   */
  abstract readonly refreshLock?: RedisRefreshLock;

  /**
   * Where AuthModule records each user's sessions, when this store is shared between instances;
   * a memory store leaves it to AuthModule's own in-process index.
   */
  abstract readonly sessionIndex?: RedisSessionIndexStore;
  /**
   * Where AuthModule counts its rate limits, when instances share this store: each budget is
   * then one for all of them; a memory store leaves them to each instance's own count.
   */
  abstract readonly rateLimitStorage?: RedisThrottlerStorage;
  /** Whether sessions can be read and written right now. */
  abstract isAvailable(): Promise<boolean>;
  abstract onApplicationShutdown(): Promise<void>;
}

/** One process's sessions, lost on restart: for development and single-instance opt-in. */
export class MemorySessionStorage extends SessionStorage {
  readonly kind = 'memory';
  readonly store = checkStoredSessions(withoutTouch(new MemoryStore()));
  readonly refreshLock = undefined;
  readonly sessionIndex = undefined;
  readonly rateLimitStorage = undefined;

  isAvailable(): Promise<boolean> {
    return Promise.resolve(true);
  }

  onApplicationShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Sessions shared by every instance through Redis: one endpoint, a Cluster or Sentinel (see
 * RedisConnection). While no primary answers, commands fail at once instead of queueing, so
 * requests get a prompt 503 rather than hanging; the client keeps reconnecting in the background
 * and recovers by itself. Every key is written and read on its own (the session, its
 * `<sid>:tokens`, each index entry, each lock, each rate-limit bucket), so no step spans two hash
 * slots on a Cluster, and the keys are the same in all three modes.
 */
export class RedisSessionStorage extends SessionStorage {
  readonly kind = 'redis';
  readonly store: Store;
  readonly refreshLock: RedisRefreshLock;
  readonly sessionIndex: RedisSessionIndexStore;
  readonly rateLimitStorage: RedisThrottlerStorage;
  private readonly connection: RedisConnection;

  /**
   * connect-redis 11 is published as an ES module only (its `exports` map has no `require`), so
   * this CommonJS app loads it with `import()`.
   */
  static async create(settings: RedisConnectionSettings): Promise<RedisSessionStorage> {
    const { RedisStore } = await import('connect-redis');
    return new RedisSessionStorage(new RedisConnection(settings), RedisStore);
  }

  private constructor(connection: RedisConnection, RedisStore: typeof ConnectRedisStore) {
    super();
    this.connection = connection;
    const client = connection.client;
    this.store = checkStoredSessions(
      withoutTouch(
        new RedisStore({ client, prefix: SESSION_KEY_PREFIX, serializer: compactSessionJson }),
      ),
    );
    this.refreshLock = new RedisRefreshLock(client);
    this.sessionIndex = new RedisSessionIndexStore(client);
    this.rateLimitStorage = new RedisThrottlerStorage(client);
  }

  /** Starts connecting; the app starts even if Redis is down, and reports not ready. */
  connect(): void {
    this.connection.connect();
  }

  isAvailable(): Promise<boolean> {
    return this.connection.isAvailable();
  }

  onApplicationShutdown(): Promise<void> {
    return this.connection.close();
  }
}

export async function createSessionStorage(
  settings: SessionStoreSettings,
): Promise<SessionStorage> {
  if (settings.kind === 'memory') return new MemorySessionStorage();
  const storage = await RedisSessionStorage.create(settings.redis);
  storage.connect();
  return storage;
}
