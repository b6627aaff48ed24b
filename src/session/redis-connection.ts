import { Logger } from '@nestjs/common';
import { createClient, createCluster, createSentinel } from 'redis';
import type { RedisKeyCommands, ThrottleClient } from 'nest-okta/redis';
import type { RedisConnectionSettings, RedisNode } from '../config/app-config';
import { bounded, withBoundedCommands } from './bounded-commands';
import { reconnectOnReadOnly } from './reconnect-on-readonly';

const CONNECT_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 2_000;
/** How long before a start that found no Redis at all tries again. */
const RETRY_START_MS = 1_000;

/**
 * The client the store, the session index, the refresh lock and the rate limits share: what
 * `createClient`'s, `createCluster`'s and `createSentinel`'s clients all have.
 */
export type StoreClient = RedisKeyCommands &
  ThrottleClient & {
    readonly isReady: boolean;
    readonly isOpen: boolean;
    on(event: 'error' | 'ready', listener: (error: Error) => void): unknown;
    connect(): Promise<unknown>;
    close(): Promise<unknown>;
    destroy(): unknown;
  };

interface StoreClientOf {
  /** The client itself; the app's parts send their commands through it with a bounded wait. */
  client: StoreClient;
  /** PING where the sessions are: the primary, or every primary of a Cluster. */
  ping(): Promise<unknown[]>;
  stopWatching?: () => void;
}

/**
 * One node-redis 6 client for whichever of the three ways settings name Redis, with what the app
 * needs of each alike: commands that fail at once while no primary answers
 * (`disableOfflineQueue`) or after REDIS_COMMAND_TIMEOUT_MS, reconnection in the background,
 * a readiness answer, and one log line per outage.
 */
export class RedisConnection {
  readonly client: StoreClient;
  private readonly lifecycle: StoreClient;
  private readonly logger = new Logger('SessionStore');
  private readonly ping: () => Promise<unknown[]>;
  private readonly stopWatching?: () => void;
  private reportedDown = false;
  private closed = false;

  constructor(private readonly settings: RedisConnectionSettings) {
    const created = createStoreClient(settings);
    // node-redis's own command timeout covers only a command not yet sent: one sent to a Redis
    // that stops answering (a frozen process, a network dropping packets) would wait forever.
    this.client = withBoundedCommands(created.client, settings.commandTimeoutMs);
    // Connecting and closing are never cut short by a command timeout.
    this.lifecycle = created.client;
    this.ping = () => created.ping();
    this.stopWatching = created.stopWatching;
    this.lifecycle.on('error', (error: Error) => this.reportDown(error));
    this.lifecycle.on('ready', () => {
      if (this.reportedDown) this.logger.log('Session store reachable again');
      this.reportedDown = false;
    });
  }

  /**
   * Starts connecting; the app starts even if Redis is down, and reports not ready. A plain
   * client retries by itself; a Cluster or Sentinel client that found none of its nodes gives
   * up, so it is started again until it does.
   */
  connect(): void {
    this.lifecycle.connect().catch((error: Error) => {
      this.reportDown(error);
      if (this.closed || this.settings.mode === 'single') return;
      setTimeout(() => {
        if (!this.closed && !this.lifecycle.isOpen) this.connect();
      }, RETRY_START_MS).unref();
    });
  }

  /**
   * Whether commands get answers now: the client says it is ready, and a PING (every primary's,
   * on a Cluster, since each holds part of the sessions) answers within the command timeout.
   */
  async isAvailable(): Promise<boolean> {
    if (!this.lifecycle.isReady) return false;
    try {
      const replies = await bounded(this.ping(), this.settings.commandTimeoutMs);
      return replies.every((reply) => reply === 'PONG');
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopWatching?.();
    if (this.lifecycle.isReady) await this.lifecycle.close();
    else if (this.lifecycle.isOpen) await this.lifecycle.destroy();
  }

  private reportDown(error: Error): void {
    if (this.reportedDown) return;
    this.reportedDown = true;
    this.logger.error(`Session store unreachable: ${error.message}`);
  }
}

function createStoreClient(settings: RedisConnectionSettings): StoreClientOf {
  const credentials = { username: settings.username, password: settings.password };
  const nodeOptions = {
    ...credentials,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  };
  const commandOptions = { timeout: settings.commandTimeoutMs };
  switch (settings.mode) {
    case 'single': {
      const { url, username, password } = endpointOf(settings);
      const client = createClient({
        ...nodeOptions,
        url: url.href,
        username,
        password,
        commandOptions,
      });
      const stopWatching = reconnectOnReadOnly(client, {
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: Number(url.port || 6379),
      });
      return { client, ping: async () => [await client.ping()], stopWatching };
    }
    case 'cluster': {
      const client = createCluster({
        rootNodes: settings.nodes.map((node) => ({ socket: socketOf(node, settings.tls) })),
        defaults: { ...nodeOptions, socket: { ...nodeOptions.socket, tls: settings.tls } },
        commandOptions,
      });
      // Each primary holds part of the sessions: all of them must answer.
      const ping = () =>
        Promise.all(
          client.masters.map(async (primary) => (await client.nodeClient(primary)).ping()),
        );
      return { client, ping };
    }
    case 'sentinel': {
      const sentinel = createSentinel({
        name: settings.name,
        sentinelRootNodes: settings.sentinels,
        nodeClientOptions: {
          ...nodeOptions,
          socket: { ...nodeOptions.socket, tls: settings.tls },
        },
        sentinelClientOptions: {
          password: settings.sentinelPassword,
          socket: { connectTimeout: CONNECT_TIMEOUT_MS, tls: settings.tls },
        },
        commandOptions,
      });
      // Sentinel's client also holds commands while it looks for a primary, whatever its timeout.
      return { client: sentinel, ping: async () => [await sentinel.ping()] };
    }
  }
}

/**
 * REDIS_URL with its credentials taken out: node-redis lets a URL's credentials win over its
 * `username`/`password` options, and REDIS_USERNAME/REDIS_PASSWORD are to win over the URL's.
 */
export function endpointOf(settings: { url: string; username?: string; password?: string }): {
  url: URL;
  username?: string;
  password?: string;
} {
  const url = new URL(settings.url);
  const username = settings.username ?? (decodeURIComponent(url.username) || undefined);
  const password = settings.password ?? (decodeURIComponent(url.password) || undefined);
  url.username = '';
  url.password = '';
  return { url, username, password };
}

function socketOf(node: RedisNode, tls: boolean) {
  return { host: node.host, port: node.port, tls };
}
