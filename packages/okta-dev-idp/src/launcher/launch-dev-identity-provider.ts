import { type ChildProcess, fork } from 'node:child_process';
import { packageFile } from '../package-files';
import type {
  DevIdentityProviderOptions,
  RunningIdentityProvider,
} from './dev-identity-provider-options';

type ProviderMessage =
  { type: 'ready'; issuer: string; port: number } | { type: 'error'; message: string };

const START_TIMEOUT_MS = 15_000;

/**
 * Starts the provider in a child process: it is an ES module built on oidc-provider, which
 * CommonJS code (and Jest's module system) cannot load, and a process of its own keeps it apart
 * from the app. The child refuses a non-loopback `host` without `allowRemote`, and any start in a
 * NODE_ENV=production process; the promise then rejects with its reason.
 */
export function launchDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<RunningIdentityProvider> {
  const child = fork(packageFile('provider', 'forked.mjs'), [], {
    env: { ...process.env, DEV_IDP_OPTIONS: JSON.stringify(options) },
    // Not this process's Node flags: --inspect-brk would stop the provider until a debugger
    // came, and --input-type or a loader meant for the caller's code can keep it from starting.
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`The development identity provider did not start within ${START_TIMEOUT_MS} ms`),
      );
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The development identity provider exited during start-up (code ${code})`));
    });
    child.once('message', (message: ProviderMessage) => {
      clearTimeout(timer);
      if (message.type === 'error') {
        reject(new Error(`The development identity provider failed to start: ${message.message}`));
        return;
      }
      resolve({ issuer: message.issuer, port: message.port, stop: () => stopChild(child) });
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
