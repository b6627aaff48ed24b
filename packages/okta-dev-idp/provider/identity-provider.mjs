// @ts-check
import { once } from 'node:events';
import { createServer } from 'node:http';

import express from 'express';
import Provider from './oidc-provider.mjs';

import { createAccountStore } from './accounts.mjs';
import { createEmailAuthenticator } from './email-authenticator.mjs';
import { offlineAccessImpliesConsent } from './first-party-consent.mjs';
import { identityEngineRoutes } from './identity-engine/identity-engine-routes.mjs';
import { idxResponses } from './identity-engine/idx-responses.mjs';
import { registerInteractionCodeGrant } from './identity-engine/interaction-code-grant.mjs';
import { createInteractionStore } from './identity-engine/interaction-store.mjs';
import {
  parseTrustedOrigins,
  trustedOriginsCors,
} from './identity-engine/trusted-origins-cors.mjs';
import { interactionRoutes } from './interactions.mjs';
import { createMailbox } from './mailbox/mailbox.mjs';
import { mailboxRoutes } from './mailbox/mailbox-routes.mjs';
import { createOrgAuthorizationServer } from './org-authorization-server.mjs';
import { OKTA_ROUTES, providerConfiguration } from './provider-configuration.mjs';
import { GRACE_PERIOD_RANGE, parseGracePeriod } from './refresh-token-rotation.mjs';
import { generateSigningKeys } from './signing-keys.mjs';
import { universalLogoutRoutes } from './universal-logout/universal-logout-routes.mjs';
import { loadDemoUsers } from './users-files.mjs';
import { errorPage } from './views.mjs';
import { hostCheck } from './host-check.mjs';

/** @typedef {import('./accounts.mjs').DemoUser} DemoUser */
/** @typedef {import('./provider-configuration.mjs').ClientRegistration} ClientRegistration */

/**
 * @typedef {object} DevIdentityProviderOptions
 * @property {number} port 0 picks a free port
 * @property {string} host the only address listened on
 * @property {boolean} [allowRemote] lets `host` be other than loopback (checked by whoever starts
 *   it: forked.mjs or the command line)
 * @property {string} [issuer] defaults to `http://{host}:{port}/oauth2/default`
 * @property {ClientRegistration[]} clients
 * @property {string} [org] names one of several orgs (one per tenant): its users default to
 *   `users.<org>.json` and its cookies are its own
 * @property {DemoUser[]} [users] defaults to the org's users file, or `users.json`
 * @property {number} [accessTokenTtlSeconds] defaults to 3600
 * @property {string[]} [trustedOrigins] origins allowed to call it from a browser (CORS), like an
 *   org's Trusted Origins: the embedded widget's app must be listed. Defaults to none.
 * @property {number} [refreshTokenGracePeriodSeconds] refresh tokens rotate on every use; the
 *   previous one keeps working this long (0 to 60). Defaults to Okta's 30.
 * @property {{ endpoint: string }} [universalLogout] the app's Global Token Revocation endpoint
 */

/**
 * @typedef {object} RunningDevIdentityProvider
 * @property {string} issuer
 * @property {number} port
 * @property {() => Promise<void>} close
 */

/**
 * Starts an OpenID Provider laid out like an Okta authorization server: the issuer's path is
 * `/oauth2/default`-style and its endpoints are `{issuer}/v1/...`.
 * @param {DevIdentityProviderOptions} options
 * @returns {Promise<RunningDevIdentityProvider>}
 */
export async function startDevIdentityProvider({
  port,
  host,
  issuer,
  clients,
  org,
  users,
  accessTokenTtlSeconds = 3600,
  trustedOrigins = [],
  refreshTokenGracePeriodSeconds = GRACE_PERIOD_RANGE.okta,
  universalLogout,
}) {
  const corsOrigins = parseTrustedOrigins(trustedOrigins);
  const gracePeriod = parseGracePeriod(refreshTokenGracePeriodSeconds);
  const accounts = createAccountStore(users ?? (await loadDemoUsers(org)));
  const jwks = await generateSigningKeys();

  // Listen before building the provider: with port 0 the issuer is only known once bound.
  const server = createServer();
  server.listen(port, host);
  await once(server, 'listening');
  const close = () => closeServer(server);

  try {
    const boundPort = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
    const issuerUrl = issuer ?? `http://${hostForUrl(host)}:${boundPort}/oauth2/default`;
    const configuration = providerConfiguration({
      clients,
      accounts,
      jwks,
      accessTokenTtlSeconds,
      refreshTokenGracePeriodSeconds: gracePeriod,
      org,
    });
    const provider = new Provider(issuerUrl, configuration);
    const interactions = createInteractionStore();
    const mailbox = createMailbox();
    const emailAuthenticator = createEmailAuthenticator(mailbox);
    // Before any client is loaded: registrations naming the grant are validated against it.
    registerInteractionCodeGrant(provider, interactions, accounts);
    provider.use(
      offlineAccessImpliesConsent({
        authorization: OKTA_ROUTES.authorization,
        par: OKTA_ROUTES.pushed_authorization_request,
      }),
    );
    provider.on('server_error', logServerError);
    // oidc-provider validates static clients on first use; a bad registration should fail here.
    await Promise.all(clients.map(({ client_id }) => provider.Client.find(client_id)));

    const identityEngine = identityEngineRoutes({
      provider,
      accounts,
      interactions,
      emailAuthenticator,
      responses: idxResponses({
        orgUrl: orgUrlOf(issuerUrl),
        tokenEndpoint: `${issuerUrl}${OKTA_ROUTES.token}`,
      }),
      issuerPath: new URL(issuerUrl).pathname.replace(/\/$/, ''),
      orgPath: new URL(orgUrlOf(issuerUrl)).pathname.replace(/\/$/, ''),
      supportedScopes: new Set(configuration.scopes),
    });
    const orgServer = await createOrgAuthorizationServer(orgUrlOf(issuerUrl), issuerUrl);
    const orgRoutes = [
      orgServer.routes,
      universalLogoutRoutes({
        orgServer,
        users: accounts.users,
        issuer: issuerUrl,
        endpoint: universalLogout?.endpoint,
      }),
    ];
    server.on(
      'request',
      createApp(
        provider,
        new URL(issuerUrl).pathname,
        {
          cors: trustedOriginsCors(corsOrigins, new URL(issuerUrl).origin),
          identityEngine,
          signIn: interactionRoutes(provider, accounts, emailAuthenticator),
          mailbox: mailboxRoutes(mailbox),
        },
        orgRoutes,
      ),
    );
    return { issuer: issuerUrl, port: boundPort, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * @param {any} provider
 * @param {string} issuerPath
 * @param {object} routes
 * @param {import('express').RequestHandler} routes.cors for the Trusted Origins
 * @param {import('express').Router} routes.identityEngine what the embedded Sign-In Widget calls
 * @param {import('express').Router} routes.signIn the hosted sign-in pages
 * @param {import('express').Router} routes.mailbox where emailed codes can be read
 * @param {import('express').Router[]} orgRoutes the org authorization server and its Universal Logout
 */
function createApp(provider, issuerPath, { cors, identityEngine, signIn, mailbox }, orgRoutes) {
  const mountPath = issuerPath.replace(/\/$/, '');
  const app = express();
  app.disable('x-powered-by');
  app.use(hostCheck(provider.issuer));

  app.use(cors);
  app.use(identityEngine);
  app.use(signIn);
  app.use(mailbox);
  app.use(orgRoutes);
  // Okta also publishes its metadata under the RFC 8414 name; the document is the same.
  app.get(`${mountPath}/.well-known/oauth-authorization-server`, (req, _res, next) => {
    req.url = `${mountPath}/.well-known/openid-configuration`;
    next();
  });
  app.use(mountPath || '/', provider.callback());

  app.use((_req, res) => {
    res.status(404).type('html').send(errorPage('not_found', 'There is nothing at this address.'));
  });
  app.use(renderFailure);
  return app;
}

/**
 * Errors from the sign-in routes: oidc-provider's carry a status and a safe description, anything
 * else is a bug, logged here and shown without details. Express knows an error handler by its
 * four parameters, so `_next` stays.
 * @param {any} error
 * @param {import('express').Request} _req
 * @param {import('express').Response} res
 * @param {import('express').NextFunction} _next
 */
function renderFailure(error, _req, res, _next) {
  const exposed = error?.expose === true;
  const status = exposed && Number.isInteger(error.status) ? error.status : 500;
  if (!exposed) console.error('Development identity provider error:', error);
  res
    .status(status)
    .type('html')
    .send(
      exposed
        ? errorPage(error.error ?? error.message, error.error_description)
        : errorPage('server_error', 'The development identity provider failed; see its log.'),
    );
}

/**
 * oidc-provider answers with a bare server_error; the cause belongs in the log.
 * @param {unknown} _ctx
 * @param {Error} error
 */
function logServerError(_ctx, error) {
  console.error('Development identity provider error:', error);
}

/**
 * Okta serves the Identity Engine at the org URL: the issuer up to `/oauth2`.
 * @param {string} issuer
 */
function orgUrlOf(issuer) {
  return issuer.replace(/\/oauth2(?:\/.*)?$/, '');
}

/** @param {string} host */
function hostForUrl(host) {
  return host.includes(':') ? `[${host}]` : host;
}

/** @param {import('node:http').Server} server */
async function closeServer(server) {
  const closed = once(server, 'close');
  server.close();
  // Browsers hold keep-alive connections open, which would otherwise delay close() for minutes.
  server.closeAllConnections();
  await closed;
}
