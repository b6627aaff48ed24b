// @ts-check
import { describeError } from '../describe-error.mjs';
import { refuseUnsafeStart } from '../start-guard.mjs';
import { loadUsers } from '../users-files.mjs';
import { ArgumentError } from './argument-error.mjs';
import { readCliOptions } from './cli-options.mjs';
import { readyLines } from './ready-lines.mjs';
import { explainListenError } from './start-errors.mjs';
import { USAGE } from './usage.mjs';

/** @typedef {import('./cli-options.mjs').CliStart} CliStart */

/**
 * `okta-dev-idp [options]`: starts the provider in this process, prints the .env lines, and runs
 * until SIGTERM or SIGINT. Exit codes: 1 when it cannot start, 2 for a mistake on the command line.
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 */
export async function runProviderCli(argv, env) {
  try {
    const start = readCliOptions(argv, env);
    if ('help' in start) {
      console.log(USAGE);
      return;
    }
    const idp = await startFrom(start, env);
    const stop = async () => {
      await idp.close();
      process.exit(0);
    };
    process.once('SIGTERM', () => void stop());
    process.once('SIGINT', () => void stop());
    console.log(idp.lines.join('\n'));
  } catch (error) {
    if (error instanceof ArgumentError) {
      console.error(`okta-dev-idp: ${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(`Development identity provider failed to start: ${describeError(error)}`);
    process.exitCode = 1;
  }
}

/**
 * @param {CliStart} start
 * @param {NodeJS.ProcessEnv} env
 */
async function startFrom({ options, usersFile, settings, exposure }, env) {
  refuseUnsafeStart({
    host: options.host,
    allowRemote: options.allowRemote,
    nodeEnv: env.NODE_ENV,
    settings: exposure,
  });
  const users = await loadUsers({ org: options.org, usersFile }).catch((error) => {
    throw settings.users ? new Error(`${settings.users}: ${describeError(error)}`) : error;
  });
  // Loaded only now: oidc-provider takes a second, which --help and a mistyped flag need not wait.
  const { startDevIdentityProvider } = await import('../identity-provider.mjs');
  const idp = await startDevIdentityProvider({ ...options, users }).catch((error) => {
    throw explainListenError(error, settings, options);
  });
  const lines = readyLines({
    issuer: idp.issuer,
    port: idp.port,
    client: options.clients[0],
    users,
    org: options.org,
    universalLogoutEndpoint: options.universalLogout?.endpoint,
  });
  return { close: idp.close, lines };
}
