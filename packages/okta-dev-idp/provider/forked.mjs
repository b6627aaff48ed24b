// @ts-check
/*
 * Runs the development identity provider for `launchDevIdentityProvider` (dist/launcher), which
 * forks this file with DEV_IDP_OPTIONS and waits for one message over IPC: ready or error.
 */
import { describeError } from './describe-error.mjs';
import { startDevIdentityProvider } from './identity-provider.mjs';
import { EXPOSURE_SETTINGS, refuseUnsafeStart } from './start-guard.mjs';
import { loadUsers } from './users-files.mjs';

/**
 * @typedef {import('./identity-provider.mjs').DevIdentityProviderOptions & { usersFile?: string }}
 *   ForkedOptions
 */

if (!process.send) {
  console.error('This file is forked by launchDevIdentityProvider; run the okta-dev-idp command.');
  process.exit(2);
}
// The process that forked us is gone (even killed outright): nothing here is worth finishing.
process.once('disconnect', () => process.exit(0));

try {
  /** @type {ForkedOptions} */
  const { usersFile, ...options } = JSON.parse(process.env.DEV_IDP_OPTIONS ?? '');
  // Checked here, whatever the caller checked, so that no way of starting a provider skips it.
  refuseUnsafeStart({
    host: options.host,
    allowRemote: options.allowRemote,
    nodeEnv: process.env.NODE_ENV,
    settings: EXPOSURE_SETTINGS.api,
  });
  const users = await loadUsers({ org: options.org, usersFile });
  const idp = await startDevIdentityProvider({ ...options, users });

  const stop = async () => {
    await idp.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  send({ type: 'ready', issuer: idp.issuer, port: idp.port });
} catch (error) {
  send({ type: 'error', message: describeError(error) }, () => process.exit(1));
}

/**
 * @param {{ type: 'ready', issuer: string, port: number } | { type: 'error', message: string }} message
 * @param {() => void} [callback]
 */
function send(message, callback) {
  process.send?.(message, undefined, undefined, callback);
}
