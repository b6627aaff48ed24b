import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const START_TIMEOUT_MS = 15_000;

/** How a standalone start ended: the provider is up, or the process exited first. */
export type StandaloneStart =
  | { outcome: 'ready'; issuer: string; port: number; stop(): Promise<void> }
  | { outcome: 'exited'; code: number | null; stderr: string };

/** The `okta-dev-idp` command, found through the package's manifest as npm links it. */
function devIdpBin(): string {
  const manifest = require.resolve('okta-dev-idp/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin['okta-dev-idp']);
}

/**
 * Runs the `okta-dev-idp` command exactly as `npm run idp` does, with `env` added to this
 * process's environment and a free port, and waits for it to print its issuer or to exit.
 */
export function startStandaloneDevIdp(env: Record<string, string>): Promise<StandaloneStart> {
  const child = spawn(process.execPath, [devIdpBin()], {
    env: { ...process.env, DEV_IDP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`okta-dev-idp neither started nor exited: ${stdout}${stderr}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', () => {
      const issuer = /^OKTA_ISSUER=(\S+)$/m.exec(stdout)?.[1];
      if (!issuer) return;
      clearTimeout(timer);
      const port = Number(new URL(issuer).port);
      resolve({ outcome: 'ready', issuer, port, stop: () => stop(child) });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ outcome: 'exited', code, stderr });
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
