import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import { once } from 'node:events';
import type { SessionStoreSettings } from '../../src/config/app-config';

const START_TIMEOUT_MS = 10_000;
const INSTALL = 'apt-get install -y redis-server';
/** How many ports a start tries before it gives up. */
const PORT_ATTEMPTS = 10;

/** The app's settings for sessions in the Redis at `url`, as REDIS_URL alone gives them. */
export function redisAt(url: string): SessionStoreSettings {
  return { kind: 'redis', redis: { mode: 'single', url, tls: false, commandTimeoutMs: 2_000 } };
}

/**
 * A port below the range the OS hands out for port 0 and outgoing connections (32768 up on
 * Linux), where only servers asked for a port by number go.
 */
export function pickServerPort(): number {
  return randomInt(20_000, 32_768);
}

/** More of redis-server's command line, given the port: a config file first, options after. */
export interface RedisServerOptions {
  before?: (port: number) => string[];
  after?: (port: number) => string[];
  /** What its output says once it serves: a sentinel never says the server's words. */
  readyLine?: string;
}

/** redis-server exited because another process has the port. */
class PortTakenError extends Error {}

/**
 * `describe` for suites that need a real `redis-server`. On a machine with only Node the suite
 * is skipped with a note saying so and how to install it; under CI=true a missing
 * `redis-server` fails the run instead, so CI never skips it.
 */
export function describeWithRedisServer(name: string, suite: () => void): void {
  if (spawnSync('redis-server', ['--version']).status === 0) {
    describe(name, suite);
    return;
  }
  if (process.env.CI === 'true') {
    throw new Error(`CI must run "${name}", which needs redis-server: ${INSTALL}`);
  }
  // Straight to stderr: Jest drops the console output of a suite whose tests all skip.
  process.stderr.write(
    `Skipped "${name}": it needs redis-server, which is not installed (${INSTALL}).\n`,
  );
  const skip = describe.skip;
  skip(name, suite);
}

/**
 * A real `redis-server` (Debian's package) on a loopback port, without persistence, that a test
 * can stop and start again on the same port to play an outage and a restart. Its port 0 would
 * turn TCP off, so it is told a port, and another one if that one is taken.
 */
export class RedisServer {
  private process?: ChildProcess;
  private dir?: string;

  private constructor(
    readonly port: number,
    private readonly options: RedisServerOptions,
  ) {}

  /** A server on the first port `pickPort` gives that no other process has. */
  static async start(
    pickPort: () => number = pickServerPort,
    options: RedisServerOptions = {},
  ): Promise<RedisServer> {
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(pickPort(), options);
      try {
        await server.start();
        return server;
      } catch (error) {
        if (!(error instanceof PortTakenError) || attempt === PORT_ATTEMPTS) throw error;
      }
    }
  }

  /** A replica of `primary`, started once it holds the primary's data. */
  static startReplicaOf(primary: RedisServer): Promise<RedisServer> {
    return RedisServer.start(undefined, {
      after: () => ['--replicaof', '127.0.0.1', String(primary.port)],
      readyLine: 'MASTER <-> REPLICA sync: Finished with success',
    });
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** The redis-server process's id while it runs. */
  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Starts it on its port; if it does not get ready, no process is left behind. */
  async start(): Promise<void> {
    if (this.process) throw new Error(`redis-server is already running on ${this.port}`);
    // An empty folder of its own for each start: redis-server loads any dump.rdb in its folder,
    // whatever --save says, and a replica writes one there.
    this.dir = mkdtempSync(join(tmpdir(), 'redis-server-'));
    const child = spawn(
      'redis-server',
      [
        ...(this.options.before?.(this.port) ?? []),
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
        // A replica gets its primary's data at once, not after the default 5 s wait for others.
        ...['--save', '', '--appendonly', 'no', '--repl-diskless-sync-delay', '0'],
        ...(this.options.after?.(this.port) ?? []),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.process = child;
    try {
      await ready(child, this.options.readyLine ?? 'Ready to accept connections');
    } catch (error) {
      await this.stop();
      throw error;
    }
    child.stdout.resume();
  }

  /** Ends it at once, as a crash or a lost machine would, without a shutdown of its own. */
  kill(): Promise<void> {
    return this.end('SIGKILL');
  }

  stop(): Promise<void> {
    return this.end('SIGTERM');
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.process;
    const dir = this.dir;
    this.process = undefined;
    this.dir = undefined;
    try {
      // No pid: it never ran (no redis-server installed), so there is nothing to wait for.
      if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Resolves once redis-server says it is ready; rejects if it exits or takes too long first. */
function ready(child: ChildProcess, readyLine: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('redis-server did not start in time')),
      START_TIMEOUT_MS,
    );
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyLine)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(
        new Error(`redis-server could not start (apt-get install redis-server): ${error.message}`),
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        output.includes('Address already in use')
          ? new PortTakenError(output)
          : new Error(`redis-server exited with ${code}: ${output}`),
      );
    });
  });
}
