import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCluster } from 'redis';
import { pickServerPort, RedisServer } from './redis-server';
import { startAll } from './started';

const run = promisify(execFile);
/** The cluster bus listens 10000 above each node's port: both must be free and below 65536. */
const pickClusterPort = () => pickServerPort() - 10_000;

/**
 * A Redis Cluster of `primaries` primaries (no replicas) on loopback: cluster-mode
 * redis-servers, joined and given every hash slot by `redis-cli --cluster create`. Stops every
 * node if one cannot start or the cluster does not form.
 */
export class RedisCluster {
  private constructor(
    readonly nodes: RedisServer[],
    private readonly dir: string,
  ) {}

  static start(primaries = 3): Promise<RedisCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
    return startAll(async (started) => {
      started.add(dir, (path) => Promise.resolve(rmSync(path, { recursive: true, force: true })));
      const nodes: RedisServer[] = [];
      for (let i = 0; i < primaries; i++) {
        const node = await RedisServer.start(pickClusterPort, {
          after: (port) => [
            ...['--cluster-enabled', 'yes', '--dir', dir],
            ...['--cluster-config-file', `nodes-${port}.conf`, '--cluster-node-timeout', '2000'],
          ],
        });
        nodes.push(started.add(node, (server) => server.stop()));
      }
      await run('redis-cli', [
        '--cluster',
        'create',
        ...nodes.map((node) => `127.0.0.1:${node.port}`),
        '--cluster-yes',
      ]);
      const cluster = new RedisCluster(nodes, dir);
      await cluster.untilServed();
      return cluster;
    });
  }

  /** REDIS_CLUSTER_NODES for the app. */
  get nodeList(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  /** A client of the test's own, to look at where keys landed. */
  async client() {
    const client = createCluster({
      rootNodes: this.nodes.map((node) => ({ url: node.url })),
    });
    await client.connect();
    return client;
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) await node.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Until every node says all 16384 slots are served (`cluster_state:ok`). */
  private async untilServed(): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (const node of this.nodes) {
      for (;;) {
        const { stdout } = await run('redis-cli', ['-p', String(node.port), 'cluster', 'info']);
        if (stdout.includes('cluster_state:ok')) break;
        if (Date.now() > deadline) throw new Error(`The cluster did not form: ${stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}
