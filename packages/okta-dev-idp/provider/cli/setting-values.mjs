// @ts-check
import { ArgumentError } from './argument-error.mjs';

/*
 * Checks of the values the command line parses itself. Each message names the setting and shows
 * it written right, as a flag or as a variable, whichever the person used.
 */

/**
 * @typedef {object} Setting a value and what gave it
 * @property {string} value
 * @property {string} name `--flag` or the variable's name
 */

/** @param {Setting} setting */
export function portNumber(setting) {
  const port = /^\d+$/.test(setting.value) ? Number(setting.value) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw settingError(
      setting,
      `must be a port number from 0 to 65535 (0 picks a free one), not "${setting.value}"`,
      '8081',
    );
  }
  return port;
}

/**
 * Okta's custom authorization servers live at {org}/oauth2/{id}; the org's own endpoints (and
 * Universal Logout's signing keys) at the org URL before it.
 * @param {Setting} setting
 */
export function issuerUrl(setting) {
  const url = httpUrl(setting, 'http://localhost:8081/oauth2/default');
  if (!/\/oauth2\/[^/]+$/.test(new URL(url).pathname)) {
    throw settingError(
      setting,
      `must be a custom authorization server's URL, {origin}/oauth2/{id} with no trailing slash; got "${url}"`,
      'http://localhost:8081/oauth2/default',
    );
  }
  return url;
}

/**
 * @param {Setting} setting
 * @param {string} [example]
 */
export function httpUrl(setting, example = 'http://localhost:8080/authorization-code/callback') {
  const { value } = setting;
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw settingError(setting, `must be an absolute http(s) URL; got "${value}"`, example);
  }
  return value;
}

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string | undefined}
 */
export function nonEmpty(value, name) {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim()) return value;
  throw new ArgumentError(`${name} must not be empty`);
}

/**
 * @param {Setting} setting
 * @param {string} problem
 * @param {string} example
 */
function settingError({ name }, problem, example) {
  return failure(name, `${name} ${problem}. Example: ${settingExample(name, example)}`);
}

/**
 * A flag's mistake shows the usage; a variable's does not, since the command line was fine.
 * @param {string} name
 * @param {string} message
 */
export function failure(name, message) {
  return name.startsWith('--') ? new ArgumentError(message) : new Error(message);
}

/**
 * A setting as the person would write it: `--port 0` for a flag, `DEV_IDP_PORT=0` for a variable.
 * @param {string} name
 * @param {string} value
 */
export function settingExample(name, value) {
  return name.startsWith('--') ? `${name} ${value}` : `${name}=${value}`;
}
