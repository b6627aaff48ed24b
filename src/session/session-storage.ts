import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { RedisStore as ConnectRedisStore } from 'connect-redis';
import { MemoryStore, type Store } from 'express-session';
import { RedisThrottlerStorage } from 'nest-okta/redis';
import { createClient } from 'redis';
import type { SessionStoreSettings } from '../config/app-config';
import { checkStoredSessions } from './checked-store';
import { compactSessionJson } from './compact-session-json';
import { RedisRefreshLock } from './redis-refresh-lock';
import { RedisSessionIndex } from './redis-session-index';
import { withoutTouch } from './untouched-store';

/** Where connect-redis keeps each session: this prefix and the session id. */
export const SESSION_KEY_PREFIX = 'nest-okta:sess:';

const PING_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

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
  abstract readonly sessionIndex?: RedisSessionIndex;
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
 * Sessions shared by every instance through Redis. While Redis is unreachable, commands fail at
 * once instead of queueing (`disableOfflineQueue`), so requests get a prompt 503 rather than
 * hanging; the client keeps reconnecting in the background and recovers by itself.
 */
export class RedisSessionStorage extends SessionStorage {
  readonly kind = 'redis';
  readonly store: Store;
  readonly refreshLock: RedisRefreshLock;
  readonly sessionIndex: RedisSessionIndex;
  readonly rateLimitStorage: RedisThrottlerStorage;
  private readonly logger = new Logger(RedisSessionStorage.name);
  private readonly client;
  private reportedDown = false;

  /**
   * connect-redis 11 is published as an ES module only (its `exports` map has no `require`), so
   * this CommonJS app loads it with `import()`.
   */
  static async create(url: string): Promise<RedisSessionStorage> {
    const { RedisStore } = await import('connect-redis');
    return new RedisSessionStorage(url, RedisStore);
  }

  private constructor(url: string, RedisStore: typeof ConnectRedisStore) {
    super();
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: PING_TIMEOUT_MS * 2,
        reconnectStrategy: (retries: number) =>
          Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
      },
    });
    this.client.on('error', (error: Error) => {
      if (this.reportedDown) return;
      this.reportedDown = true;
      this.logger.error(`Session store unreachable: ${error.message}`);
    });
    this.client.on('ready', () => {
      if (this.reportedDown) this.logger.log('Session store reachable again');
      this.reportedDown = false;
    });
    this.store = checkStoredSessions(
      withoutTouch(
        new RedisStore({
          client: this.client,
          prefix: SESSION_KEY_PREFIX,
          serializer: compactSessionJson,
        }),
      ),
    );
    this.refreshLock = new RedisRefreshLock(this.client);
    this.sessionIndex = new RedisSessionIndex(this.client);
    this.rateLimitStorage = new RedisThrottlerStorage(this.client);
  }

  /** Starts connecting; the app starts even if Redis is down, and reports not ready. */
  connect(): void {
    this.client.connect().catch((error: Error) => {
      this.logger.error(`Session store connection failed: ${error.message}`);
    });
  }

  async isAvailable(): Promise<boolean> {
    if (!this.client.isReady) return false;
    const timeout = new Promise<false>((resolve) =>
      setTimeout(resolve, PING_TIMEOUT_MS, false).unref(),
    );
    const ping = this.client.ping().then(
      (reply) => reply === 'PONG',
      () => false,
    );
    return Promise.race([ping, timeout]);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.isReady) await this.client.close();
    else if (this.client.isOpen) this.client.destroy();
  }
}

export async function createSessionStorage(
  settings: SessionStoreSettings,
): Promise<SessionStorage> {
  if (settings.kind === 'memory') return new MemorySessionStorage();
  const storage = await RedisSessionStorage.create(settings.url);
  storage.connect();
  return storage;
}
