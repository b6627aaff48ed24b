// @ts-check
import { MAILBOX_PATH, UNIVERSAL_LOGOUT_PATH } from '../dev-paths.mjs';

/** @typedef {import('../accounts.mjs').DemoUser} DemoUser */
/** @typedef {import('../provider-configuration.mjs').ClientRegistration} ClientRegistration */

/**
 * What the command prints once it listens. The first three lines are a contract: a team pastes
 * them into its .env, and scripts read them, so they come first, exactly so. The rest are
 * comments in .env syntax, so that the whole output can be pasted too.
 * @param {object} ready
 * @param {string} ready.issuer
 * @param {number} ready.port
 * @param {ClientRegistration} ready.client the one the lines name: the first registered
 * @param {DemoUser[]} ready.users
 * @param {string} [ready.org]
 * @param {string} [ready.universalLogoutEndpoint]
 * @returns {string[]}
 */
export function readyLines({ issuer, port, client, users, org, universalLogoutEndpoint }) {
  const { origin } = new URL(issuer);
  return [
    `OKTA_ISSUER=${issuer}`,
    `OKTA_CLIENT_ID=${client.client_id}`,
    `OKTA_CLIENT_SECRET=${client.client_secret}`,
    `# Development identity provider${org ? ` (org "${org}")` : ''}, not for production; it redirects to ${client.redirect_uris.join(', ')}`,
    `# Demo users: ${users.map(describeUser).join(', ')}`,
    `# Emailed sign-in codes: ${origin}${MAILBOX_PATH}`,
    `# Universal Logout for a demo user: ${origin}${UNIVERSAL_LOGOUT_PATH}, or okta-dev-idp universal-logout <email> --port ${port}; sent to ${universalLogoutEndpoint}`,
    '# Stop it with Ctrl+C.',
  ];
}

/**
 * Written as the package's TypeScript demoUsersHint writes it, for the app that launches it.
 * @param {DemoUser} user
 */
function describeUser(user) {
  const admin = user.groups.includes('admin') ? ' (admin)' : '';
  const code = user.secondFactor ? ' + email code' : '';
  return `${user.username} / ${user.password}${admin}${code}`;
}
