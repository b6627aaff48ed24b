import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** Every child this run started, so that any way out of the run stops them all. */
const children = new Set();

export const HOST = '127.0.0.1';

/** A port the kernel has just given out on loopback, free at the time of asking. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Forks a Node script as a tracked child with an IPC channel. */
export function forkTracked(script, { env = {}, execArgv = [], cwd } = {}) {
  const child = fork(script, [], {
    cwd,
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return track(child);
}

/** Spawns a command as a tracked child. */
export function spawnTracked(command, args, options = {}) {
  return track(spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], ...options }));
}

function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Waits for the child's first IPC message of `type`, failing if it exits or takes too long. */
export function waitForMessage(child, type, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => done(new Error(`no "${type}" message in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onMessage = (message) => {
      if (message?.type === 'error') done(new Error(message.message));
      else if (message?.type === type) done(undefined, message);
    };
    const onExit = (code) => done(new Error(`child exited with ${code} before "${type}"`));
    function done(error, message) {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(message);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Sends SIGTERM and waits for the exit, escalating to SIGKILL after `graceMs`. */
export async function stopChild(child, graceMs = 3_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll() {
  await Promise.all([...children].map((child) => stopChild(child)));
}

/** Last resort when the process is leaving without the chance to wait. */
export function killAllNow() {
  for (const child of children) child.kill('SIGKILL');
}
