// @ts-check
/*
 * Runs the development identity provider as its own process, either from a terminal
 * (`npm run idp`, configured by DEV_IDP_* variables) or forked by the app, which passes
 * DEV_IDP_OPTIONS and waits for a message over IPC.
 */
import { loadDemoUsers } from './accounts.mjs';
import { startDevIdentityProvider } from './identity-provider.mjs';
import { readAllowRemote, refuseUnsafeStart } from './start-guard.mjs';
import { UNIVERSAL_LOGOUT_PATH } from './universal-logout/universal-logout-routes.mjs';

/** @typedef {import('./identity-provider.mjs').DevIdentityProviderOptions} DevIdentityProviderOptions */

/** @type {import('./provider-configuration.mjs').ClientRegistration} */
const DEFAULT_CLIENT = {
  client_id: 'nest-okta-dev',
  client_secret: 'dev-client-secret-not-for-production',
  redirect_uris: [
    'http://localhost:8080/authorization-code/callback',
    'http://localhost:8080/login/callback',
  ],
  post_logout_redirect_uris: ['http://localhost:8080'],
  // Both of Okta's sign-in models: the redirect model and the embedded Sign-In Widget.
  grant_types: ['authorization_code', 'refresh_token', 'interaction_code'],
};

const DEFAULT_TRUSTED_ORIGIN = 'http://localhost:8080';

const forked = typeof process.send === 'function';

if (forked) {
  // The app that forked us is gone (even killed outright): nothing here is worth finishing.
  process.once('disconnect', () => process.exit(0));
}

try {
  const options = forked ? optionsFromParent() : optionsFromEnvironment();
  const users = await loadDemoUsers(options.org);
  // Forked, the app has already chosen loopback unless DEV_IDP_ALLOW_REMOTE=true; checked again
  // here so that no way of starting this process skips the rule.
  refuseUnsafeStart({
    host: options.host,
    allowRemote: options.allowRemote,
    nodeEnv: process.env.NODE_ENV,
    hostSetting: forked ? 'host' : 'DEV_IDP_HOST',
  });
  const idp = await startDevIdentityProvider({ ...options, users });

  const stop = async () => {
    await idp.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);

  if (forked) {
    send({ type: 'ready', issuer: idp.issuer, port: idp.port });
  } else {
    const logins = users
      .map(
        (u) =>
          `${u.username} / ${u.password}${u.groups.includes('admin') ? ' (admin)' : ''}${u.secondFactor ? ' + email code' : ''}`,
      )
      .join(', ');
    const org = options.org ? ` (org "${options.org}")` : '';
    console.log(
      `Development identity provider${org} ready at ${idp.issuer} — demo users: ${logins}; emailed codes at ${new URL(idp.issuer).origin}/dev/mailbox`,
    );
    const { origin } = new URL(idp.issuer);
    console.log(
      `Universal Logout for a demo user: ${origin}${UNIVERSAL_LOGOUT_PATH} or npm run idp:universal-logout -- <email>, sent to ${options.universalLogout?.endpoint}`,
    );
  }
} catch (error) {
  const message = describe(error);
  if (forked) {
    send({ type: 'error', message }, () => process.exit(1));
  } else {
    console.error(`Development identity provider failed to start: ${message}`);
    process.exitCode = 1;
  }
}

/** @returns {DevIdentityProviderOptions} */
function optionsFromParent() {
  return parseJson('DEV_IDP_OPTIONS', process.env.DEV_IDP_OPTIONS);
}

/** @returns {DevIdentityProviderOptions} */
function optionsFromEnvironment() {
  const {
    DEV_IDP_PORT,
    DEV_IDP_HOST,
    DEV_IDP_ISSUER,
    DEV_IDP_CLIENTS,
    DEV_IDP_TRUSTED_ORIGINS,
    DEV_IDP_ALLOW_REMOTE,
    DEV_IDP_UNIVERSAL_LOGOUT_ENDPOINT,
    DEV_IDP_ORG,
  } = process.env;
  const port = DEV_IDP_PORT ? Number(DEV_IDP_PORT) : 8081;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`DEV_IDP_PORT must be a port number, not "${DEV_IDP_PORT}"`);
  }
  return {
    port,
    host: DEV_IDP_HOST || '127.0.0.1',
    allowRemote: readAllowRemote(DEV_IDP_ALLOW_REMOTE),
    // One of the named orgs (users.<org>.json), as the app starts one per tenant.
    org: DEV_IDP_ORG?.trim() || undefined,
    // With port 0 only the provider learns its port, and it then names the issuer itself.
    issuer: DEV_IDP_ISSUER || (port ? `http://localhost:${port}/oauth2/default` : undefined),
    clients: DEV_IDP_CLIENTS ? parseJson('DEV_IDP_CLIENTS', DEV_IDP_CLIENTS) : [DEFAULT_CLIENT],
    // Comma-separated, like the list in an org's Security → API → Trusted Origins; the default
    // is the origin of the default client's app, which hosts the embedded widget.
    trustedOrigins: (DEV_IDP_TRUSTED_ORIGINS ?? DEFAULT_TRUSTED_ORIGIN)
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    // Where `npm start` puts the app's Global Token Revocation endpoint by default.
    universalLogout: {
      endpoint:
        DEV_IDP_UNIVERSAL_LOGOUT_ENDPOINT || 'http://localhost:8080/global-token-revocation',
    },
  };
}

/**
 * @param {string} name
 * @param {string | undefined} value
 */
function parseJson(name, value) {
  try {
    return JSON.parse(value ?? '');
  } catch (error) {
    throw new Error(`${name} must hold JSON: ${describe(error)}`);
  }
}

/**
 * oidc-provider's errors keep the useful part (which client metadata is wrong) in
 * `error_description`, next to a bare OAuth error code in `message`.
 * @param {unknown} error
 */
function describe(error) {
  if (!(error instanceof Error)) return String(error);
  const { error_description: detail } = /** @type {{ error_description?: string }} */ (error);
  return detail ? `${error.message}: ${detail}` : error.message;
}

/**
 * @param {{ type: 'ready', issuer: string, port: number } | { type: 'error', message: string }} message
 * @param {() => void} [callback]
 */
function send(message, callback) {
  process.send?.(message, undefined, undefined, callback);
}
