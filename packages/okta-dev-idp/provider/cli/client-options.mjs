// @ts-check
import { httpUrl, nonEmpty } from './setting-values.mjs';

/** @typedef {import('../provider-configuration.mjs').ClientRegistration} ClientRegistration */

const DEFAULT_CLIENT = {
  id: 'okta-dev-idp-client',
  secret: 'dev-client-secret-not-for-production',
  redirectUris: [
    'http://localhost:8080/authorization-code/callback',
    'http://localhost:8080/login/callback',
  ],
};
// Both of Okta's sign-in models: the redirect model and the embedded Sign-In Widget.
const GRANT_TYPES = ['authorization_code', 'refresh_token', 'interaction_code'];

/**
 * Client flags describe one client; without any, DEV_IDP_CLIENTS may list several.
 * @param {Record<string, unknown>} values
 * @param {NodeJS.ProcessEnv} env
 * @returns {[ClientRegistration, ...ClientRegistration[]]}
 */
export function readClients(values, env) {
  const flags = ['client-id', 'client-secret', 'redirect-uri', 'post-logout-redirect-uri'];
  if (env.DEV_IDP_CLIENTS && flags.every((flag) => values[flag] === undefined)) {
    return clientsFromEnvironment(env.DEV_IDP_CLIENTS);
  }
  const redirectUris = /** @type {string[] | undefined} */ (values['redirect-uri']) ?? [
    ...DEFAULT_CLIENT.redirectUris,
  ];
  const postLogout = /** @type {string[] | undefined} */ (values['post-logout-redirect-uri']) ?? [
    new URL(httpUrl({ value: redirectUris[0], name: '--redirect-uri' })).origin,
  ];
  return [
    {
      client_id: nonEmpty(values['client-id'], '--client-id') ?? DEFAULT_CLIENT.id,
      client_secret: nonEmpty(values['client-secret'], '--client-secret') ?? DEFAULT_CLIENT.secret,
      redirect_uris: redirectUris.map((value) => httpUrl({ value, name: '--redirect-uri' })),
      post_logout_redirect_uris: postLogout.map((value) =>
        httpUrl({ value, name: '--post-logout-redirect-uri' }),
      ),
      grant_types: GRANT_TYPES,
    },
  ];
}

/**
 * @param {string} json
 * @returns {[ClientRegistration, ...ClientRegistration[]]}
 */
function clientsFromEnvironment(json) {
  let clients;
  try {
    clients = JSON.parse(json);
  } catch (error) {
    throw new Error(
      `DEV_IDP_CLIENTS must hold JSON: ${error instanceof Error ? error.message : error}`,
      { cause: error },
    );
  }
  const valid =
    Array.isArray(clients) &&
    clients.length > 0 &&
    clients.every(
      (client) =>
        typeof client?.client_id === 'string' &&
        typeof client.client_secret === 'string' &&
        Array.isArray(client.redirect_uris) &&
        client.redirect_uris.length > 0 &&
        client.redirect_uris.every(
          (/** @type {unknown} */ uri) => typeof uri === 'string' && URL.canParse(uri),
        ),
    );
  if (!valid) {
    throw new Error(
      'DEV_IDP_CLIENTS must be a JSON array of clients, each with client_id, client_secret and ' +
        'redirect_uris. Example: DEV_IDP_CLIENTS=\'[{"client_id":"my-app","client_secret":"my-app-secret",' +
        '"redirect_uris":["http://localhost:3000/authorization-code/callback"]}]\'',
    );
  }
  return /** @type {[ClientRegistration, ...ClientRegistration[]]} */ (clients);
}
