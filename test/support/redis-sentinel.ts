import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RedisServer } from './redis-server';
import { startAll } from './started';

export const SENTINEL_NAME = 'sessions';
/** How long a primary may be silent before a sentinel thinks it down. */
export const DOWN_AFTER_MS = 1_000;

/**
 * One primary, one replica of it, and three sentinels watching the primary (a quorum of two),
 * on loopback. Each sentinel rewrites its own config file, so each gets one in a folder of the
 * group's. Stops everything if any part cannot start.
 */
export class RedisSentinelGroup {
  private constructor(
    readonly primary: RedisServer,
    readonly replica: RedisServer,
    readonly sentinels: RedisServer[],
    private readonly dir: string,
  ) {}

  static start(): Promise<RedisSentinelGroup> {
    const dir = mkdtempSync(join(tmpdir(), 'redis-sentinel-'));
    return startAll(async (started) => {
      started.add(dir, (path) => Promise.resolve(rmSync(path, { recursive: true, force: true })));
      const primary = started.add(await RedisServer.start(), (server) => server.stop());
      const replica = started.add(await RedisServer.startReplicaOf(primary), (server) =>
        server.stop(),
      );
      const sentinels: RedisServer[] = [];
      for (let i = 0; i < 3; i++) {
        const sentinel = await RedisServer.start(undefined, {
          before: (port) => {
            const file = join(dir, `sentinel-${port}.conf`);
            writeFileSync(
              file,
              [
                `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${primary.port} 2`,
                `sentinel down-after-milliseconds ${SENTINEL_NAME} ${DOWN_AFTER_MS}`,
                `sentinel failover-timeout ${SENTINEL_NAME} 5000`,
                '',
              ].join('\n'),
            );
            return [file, '--sentinel'];
          },
          readyLine: '+monitor master',
        });
        sentinels.push(started.add(sentinel, (server) => server.stop()));
      }
      return new RedisSentinelGroup(primary, replica, sentinels, dir);
    });
  }

  /** REDIS_SENTINELS for the app. */
  get sentinelList(): string {
    return this.sentinels.map((sentinel) => `127.0.0.1:${sentinel.port}`).join(',');
  }

  async stop(): Promise<void> {
    for (const server of [...this.sentinels, this.replica, this.primary]) await server.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
