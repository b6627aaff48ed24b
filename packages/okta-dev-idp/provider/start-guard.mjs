// @ts-check
import { isLoopback } from './loopback.mjs';

/*
 * The development identity provider publishes its demo passwords on its sign-in page and, by
 * default, accepts a client secret printed in its own documentation. Anyone who can reach it can
 * sign in as any demo user, so it must never be public: it refuses to start in production, and
 * listens only on loopback unless someone opts in by name.
 */

export const ALLOW_REMOTE_VARIABLE = 'DEV_IDP_ALLOW_REMOTE';

/**
 * How the person starting the provider spells its two exposure settings, so that a refusal
 * names what they typed: a flag, an environment variable, or an option of the API.
 * @typedef {object} ExposureSettings
 * @property {string} host the host setting's name
 * @property {(host: string) => string} hostExample
 * @property {string} allowRemote how to opt in
 */

/** @type {Record<'flags' | 'environment' | 'api', ExposureSettings>} */
export const EXPOSURE_SETTINGS = {
  flags: {
    host: '--host',
    hostExample: (host) => `--host ${host}`,
    allowRemote: 'pass --allow-remote',
  },
  environment: {
    host: 'DEV_IDP_HOST',
    hostExample: (host) => `DEV_IDP_HOST=${host}`,
    allowRemote: `set ${ALLOW_REMOTE_VARIABLE}=true`,
  },
  api: {
    host: 'host',
    hostExample: (host) => `host: '${host}'`,
    allowRemote: 'set allowRemote: true',
  },
};

/**
 * @typedef {object} StartRequest
 * @property {string} host where the provider was asked to listen
 * @property {boolean} [allowRemote] the explicit opt-in to a non-loopback host
 * @property {string | undefined} nodeEnv the process's `NODE_ENV`
 * @property {ExposureSettings} settings how `host` and `allowRemote` were given
 */

/**
 * Throws, with a message that names the setting to change and gives an example, when starting
 * would expose the provider.
 * @param {StartRequest} request
 */
export function refuseUnsafeStart({ host, allowRemote = false, nodeEnv, settings }) {
  if (nodeEnv?.trim().toLowerCase() === 'production') {
    throw new Error(
      'NODE_ENV is "production", and the development identity provider never runs in production: ' +
        'its demo passwords are public and its default client secret is fixed. Sign in with an ' +
        'Okta org there (OKTA_ISSUER), and run this provider in development only. ' +
        'Example: NODE_ENV=development',
    );
  }
  if (!allowRemote && !isLoopback(host)) {
    throw new Error(
      `${settings.host} is "${host}", which is not a loopback address: other machines could reach ` +
        'the development identity provider and sign in with its published demo passwords. ' +
        `Listen on loopback (example: ${settings.hostExample('127.0.0.1')}), or, to expose it on purpose ` +
        `(say, from a container whose port only you can reach), ${settings.allowRemote}.`,
    );
  }
}

/**
 * Reads the opt-in the way the app reads its boolean settings. A value that is neither yes nor
 * no is an error rather than "no": someone meant something by it.
 * @param {string | undefined} value
 */
export function readAllowRemote(value) {
  const text = value?.trim() ?? '';
  if (text === '' || /^(false|0|no)$/i.test(text)) return false;
  if (/^(true|1|yes)$/i.test(text)) return true;
  throw new Error(
    `${ALLOW_REMOTE_VARIABLE} must be true or false; got "${value}". Example: ${ALLOW_REMOTE_VARIABLE}=true`,
  );
}
