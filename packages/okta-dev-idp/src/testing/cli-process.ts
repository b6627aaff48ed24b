import { type ChildProcess, spawn } from 'node:child_process';
import { packageFile } from '../package-files';

const READY_TIMEOUT_MS = 15_000;

/** The first three lines of the command's output once it is ready: the .env contract. */
const CONTRACT = /^OKTA_ISSUER=.*\nOKTA_CLIENT_ID=.*\nOKTA_CLIENT_SECRET=.*\n/;

export interface CliRun {
  /** Resolves with what it printed once the contract is out, or with its exit, whichever first. */
  settled: Promise<{ stdout: string; stderr: string; code: number | null | undefined }>;
  /** Sends `signal` and resolves with the exit code once it has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcess>();

/**
 * Runs the package's bin as `npx okta-dev-idp` would, in a fresh environment: NODE_ENV and any
 * DEV_IDP_* of the machine running the specs must not change what is tested.
 */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [packageFile('bin', 'okta-dev-idp.mjs'), ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const settled = new Promise<{ stdout: string; stderr: string; code: number | null | undefined }>(
    (resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`okta-dev-idp neither printed its lines nor exited: ${stderr}`)),
        READY_TIMEOUT_MS,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (!CONTRACT.test(stdout)) return;
        clearTimeout(timer);
        resolve({ stdout, stderr, code: undefined });
      });
      void exited.then((code) => {
        clearTimeout(timer);
        resolve({ stdout, stderr, code });
      });
    },
  );
  return {
    settled,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Kills whatever a spec left running, started or half-started, so no port outlives its file. */
export async function killAllCli(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
