import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { freePort } from './free-port';

const START_TIMEOUT_MS = 10_000;
const INSTALL = 'apt-get install -y redis-server';

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
 * A real `redis-server` (Debian's package) on a free loopback port, without persistence, that a
 * test can stop and start again on the same port to play an outage and a restart.
 */
export class RedisServer {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    this.process = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('redis-server did not start in time')),
        START_TIMEOUT_MS,
      );
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(
          new Error(
            `redis-server could not start (apt-get install redis-server): ${error.message}`,
          ),
        );
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}: ${output}`));
      });
    });
    child.stdout.resume();
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}
