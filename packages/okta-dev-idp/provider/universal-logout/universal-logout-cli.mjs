// @ts-check
/*
 * okta-dev-idp universal-logout bob@example.com [--format iss_sub] [--port 8081]
 *
 * Asks the running development identity provider to send the app a Universal Logout for a demo
 * user, and prints the app's answer. The provider signs the request itself, so the org's private
 * key never leaves that process; this command only knows its port.
 */
import { parseArgs } from 'node:util';

import { UNIVERSAL_LOGOUT_PATH } from '../dev-paths.mjs';

const USAGE =
  'Usage: okta-dev-idp universal-logout <email or user id> [--format email|iss_sub] [--port 8081]\n' +
  'The port falls back to DEV_IDP_PORT, then 8081.\n' +
  'Example: okta-dev-idp universal-logout bob@example.com';

/**
 * @param {string[]} argv the arguments after `universal-logout`
 * @param {NodeJS.ProcessEnv} env
 */
export async function runUniversalLogoutCli(argv, env) {
  let request;
  try {
    request = readArguments(argv, env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const { who, format, port } = request;
  try {
    const provider = `http://localhost:${port}`;
    const user = who.includes('@') ? { email: who } : { sub: who };
    const result = await trigger(provider, user, format);
    console.log(
      `Sent a Universal Logout for ${who} (${format}) to ${result.endpoint}: the app answered ${result.status}.`,
    );
    // Okta reads only the status: 204 means the user is signed out, anything else that it is not.
    if (result.status < 200 || result.status > 299) process.exitCode = 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 */
function readArguments(argv, env) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string', default: 'email' }, port: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error('Name one demo user, by email or user id.');
  const port = values.port ?? (env.DEV_IDP_PORT || '8081');
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
    throw new Error(`--port must be the provider's port, from 1 to 65535; got "${port}".`);
  }
  return { who: positionals[0], format: String(values.format), port: Number(port) };
}

/**
 * @param {string} provider the development identity provider's origin
 * @param {{ email: string } | { sub: string }} user
 * @param {string} format
 * @returns {Promise<{ endpoint: string, status: number }>}
 */
async function trigger(provider, user, format) {
  let response;
  try {
    response = await fetch(`${provider}${UNIVERSAL_LOGOUT_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...user, format }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new Error(
      `No development identity provider answers at ${provider}: start it (okta-dev-idp), or name its port with --port.`,
    );
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(
      body.error_description ?? `The development identity provider answered ${response.status}.`,
    );
  }
  return body;
}
