import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../config/package-root';

export interface ClientRegistration {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  /** Defaults to what an Okta web app allows: `authorization_code` and `refresh_token`. */
  grant_types?: string[];
}

export interface DevIdentityProviderOptions {
  port: number;
  /** A loopback address, unless `allowRemote`: the provider refuses any other. */
  host: string;
  /** Lets `host` be a non-loopback address (DEV_IDP_ALLOW_REMOTE=true). */
  allowRemote?: boolean;
  /** One org among several (one per tenant): its users come from `dev-idp/users.{org}.json`. */
  org?: string;
  /** Defaults to `http://{host}:{port}/oauth2/default` once the port is known. */
  issuer?: string;
  clients: ClientRegistration[];
  accessTokenTtlSeconds?: number;
  /** Origins allowed to call the provider from a browser (Okta's Trusted Origins); none by default. */
  trustedOrigins?: string[];
  /** Refresh tokens rotate on every use; the previous one works this long (0–60, default 30). */
  refreshTokenGracePeriodSeconds?: number;
  /** Where the provider sends Universal Logout requests: the app's Global Token Revocation URL. */
  universalLogout?: { endpoint: string };
}

export interface RunningIdentityProvider {
  issuer: string;
  port: number;
  stop(): Promise<void>;
}

type ProviderMessage =
  { type: 'ready'; issuer: string; port: number } | { type: 'error'; message: string };

const START_TIMEOUT_MS = 15_000;

/**
 * Starts `dev-idp/` in a child process: it is an ES module built on oidc-provider, and a
 * process of its own keeps it apart from the app (and loadable from jest's CommonJS world).
 */
export function launchDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<RunningIdentityProvider> {
  const child = fork(join(packageRoot(), 'dev-idp', 'main.mjs'), [], {
    env: { ...process.env, DEV_IDP_OPTIONS: JSON.stringify(options) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(
        new Error(`The development identity provider did not start within ${START_TIMEOUT_MS} ms`),
      );
    }, START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The development identity provider exited during start-up (code ${code})`));
    });
    child.on('message', (message: ProviderMessage) => {
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
