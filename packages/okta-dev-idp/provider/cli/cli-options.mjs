// @ts-check
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { parseTrustedOrigins } from '../identity-engine/trusted-origins-cors.mjs';
import { EXPOSURE_SETTINGS, readAllowRemote } from '../start-guard.mjs';
import { ArgumentError } from './argument-error.mjs';
import { readClients } from './client-options.mjs';
import { failure, httpUrl, issuerUrl, nonEmpty, portNumber } from './setting-values.mjs';

/** @typedef {import('../identity-provider.mjs').DevIdentityProviderOptions} DevIdentityProviderOptions */
/** @typedef {import('../provider-configuration.mjs').ClientRegistration} ClientRegistration */
/** @typedef {import('../start-guard.mjs').ExposureSettings} ExposureSettings */
/** @typedef {import('./setting-values.mjs').Setting} Setting */

/**
 * What the command line asks for, with the name of the setting behind each value that can still
 * fail at start, so that the message names what the person typed.
 * @typedef {object} CliStart
 * @property {DevIdentityProviderOptions & { clients: [ClientRegistration, ...ClientRegistration[]] }} options
 * @property {string} [usersFile] an absolute path
 * @property {{ port: string, host: string, users?: string }} settings names for start errors
 * @property {ExposureSettings} exposure
 */

const DEFAULT_PORT = 8081;
const DEFAULT_HOST = '127.0.0.1';
// Where nest-okta serves it; any app can name its own.
const GLOBAL_TOKEN_REVOCATION_PATH = '/global-token-revocation';

const FLAGS = /** @type {const} */ ({
  port: { type: 'string' },
  host: { type: 'string' },
  issuer: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'redirect-uri': { type: 'string', multiple: true },
  'post-logout-redirect-uri': { type: 'string', multiple: true },
  'trusted-origin': { type: 'string', multiple: true },
  'universal-logout-endpoint': { type: 'string' },
  users: { type: 'string' },
  org: { type: 'string' },
  'allow-remote': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
});

/**
 * Reads the flags, falling back to the DEV_IDP_* variables, then to defaults. A mistake in a
 * flag is an ArgumentError (the usage follows); one in a variable, a plain Error.
 * @param {string[]} argv the arguments after the command's name
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ help: true } | CliStart}
 */
export function readCliOptions(argv, env) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true }));
  } catch (error) {
    throw new ArgumentError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const setting = settingReader(values, env);

  const port = setting('port', 'DEV_IDP_PORT');
  const host = setting('host', 'DEV_IDP_HOST');
  const issuer = setting('issuer', 'DEV_IDP_ISSUER');
  const org = setting('org', 'DEV_IDP_ORG');
  const clients = readClients(values, env);
  const appOrigin = new URL(clients[0].redirect_uris[0]).origin;
  const endpoint = setting('universal-logout-endpoint', 'DEV_IDP_UNIVERSAL_LOGOUT_ENDPOINT');
  const usersFile = nonEmpty(values.users, '--users');

  return {
    options: {
      port: port ? portNumber(port) : DEFAULT_PORT,
      host: host ? nonEmpty(host.value, host.name) : DEFAULT_HOST,
      allowRemote: values['allow-remote'] === true || readAllowRemote(env.DEV_IDP_ALLOW_REMOTE),
      // Unset, the provider names it once bound, so that with port 0 it carries the real port.
      issuer: issuer ? issuerUrl(issuer) : undefined,
      org: org?.value,
      clients,
      trustedOrigins: readTrustedOrigins(values, env, appOrigin),
      universalLogout: {
        endpoint: endpoint ? httpUrl(endpoint) : `${appOrigin}${GLOBAL_TOKEN_REVOCATION_PATH}`,
      },
    },
    usersFile: usersFile === undefined ? undefined : resolve(usersFile),
    settings: {
      port: port?.name ?? '--port',
      host: host?.name ?? '--host',
      users: usersFile === undefined ? org?.name : '--users',
    },
    exposure:
      host?.name === 'DEV_IDP_HOST' ? EXPOSURE_SETTINGS.environment : EXPOSURE_SETTINGS.flags,
  };
}

/**
 * @param {Record<string, unknown>} values
 * @param {NodeJS.ProcessEnv} env
 */
function settingReader(values, env) {
  /**
   * @param {keyof typeof FLAGS} flag
   * @param {string} variable
   * @returns {Setting | undefined}
   */
  return (flag, variable) => {
    const given = values[flag];
    if (typeof given === 'string') return { value: given, name: `--${flag}` };
    const fromEnv = env[variable]?.trim();
    return fromEnv ? { value: fromEnv, name: variable } : undefined;
  };
}

/**
 * @param {Record<string, unknown>} values
 * @param {NodeJS.ProcessEnv} env
 * @param {string} appOrigin the first redirect URI's, which hosts an embedded widget
 */
function readTrustedOrigins(values, env, appOrigin) {
  const flagged = /** @type {string[] | undefined} */ (values['trusted-origin']);
  const variable = env.DEV_IDP_TRUSTED_ORIGINS;
  if (!flagged && variable === undefined) return [appOrigin];
  const name = flagged ? '--trusted-origin' : 'DEV_IDP_TRUSTED_ORIGINS';
  // The variable is comma-separated, like the list in an org's Security → API → Trusted Origins.
  const origins =
    flagged ??
    variable
      ?.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  try {
    return [...parseTrustedOrigins(origins)];
  } catch (error) {
    throw failure(name, `${name}: ${error instanceof Error ? error.message : error}`);
  }
}
