// @ts-check
/*
 * npm run idp:universal-logout -- bob@example.com [--format iss_sub]
 *
 * Asks the running development identity provider (npm start or npm run idp) to send the app a
 * Universal Logout for a demo user, and prints the app's answer. The provider signs the request
 * itself, so the org's private key never leaves that process; this script only knows its port.
 */
import { parseArgs } from 'node:util';

import { UNIVERSAL_LOGOUT_PATH } from './universal-logout-routes.mjs';

const USAGE =
  'Usage: npm run idp:universal-logout -- <email or user id> [--format email|iss_sub]\n' +
  'Example: npm run idp:universal-logout -- bob@example.com';

try {
  const { who, format } = readArguments();
  const provider = `http://localhost:${process.env.DEV_IDP_PORT || 8081}`;
  const result = await trigger(provider, who.includes('@') ? { email: who } : { sub: who }, format);
  console.log(
    `Sent a Universal Logout for ${who} (${format}) to ${result.endpoint}: the app answered ${result.status}.`,
  );
  // Okta reads only the status: 204 means the user is signed out, anything else that it is not.
  if (result.status < 200 || result.status > 299) process.exitCode = 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}

function readArguments() {
  let parsed;
  try {
    parsed = parseArgs({
      options: { format: { type: 'string', default: 'email' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  }
  if (parsed.positionals.length !== 1) throw new Error(USAGE);
  return { who: parsed.positionals[0], format: String(parsed.values.format) };
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
      `No development identity provider answers at ${provider}: start it with npm start or npm run idp (set DEV_IDP_PORT if it uses another port).`,
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
