// @ts-check
import { randomBytes } from 'node:crypto';

import { errors } from './oidc-provider.mjs';

import { withAcrValuesCheck } from './acr-values-check.mjs';
import { grantRequestedScopes, policyWithoutConsentScreen } from './first-party-consent.mjs';
import { createMemoryAdapter } from './memory-adapter.mjs';
import { withRotationGracePeriod } from './refresh-token-rotation.mjs';
import { SUPPORTED_ACR_VALUES } from './sign-on-policy.mjs';
import { errorPage, logoutPage, signedOutPage } from './views.mjs';

/** @typedef {import('./accounts.mjs').AccountStore} AccountStore */

/**
 * A client the provider knows, as Okta's app settings would describe it.
 * @typedef {object} ClientRegistration
 * @property {string} client_id
 * @property {string} [client_secret] none with `private_key_jwt`
 * @property {string[]} redirect_uris
 * @property {string[]} [post_logout_redirect_uris]
 * @property {'client_secret_basic' | 'client_secret_post' | 'private_key_jwt'} [token_endpoint_auth_method]
 * @property {{ keys: object[] }} [jwks] the public keys of a `private_key_jwt` client
 * @property {boolean} [require_pushed_authorization_requests] Okta's "Require PAR" app setting
 * @property {string[]} [grant_types] `interaction_code` for the embedded Sign-In Widget
 */

/** Okta's endpoint paths under an authorization server's issuer. */
export const OKTA_ROUTES = {
  authorization: '/v1/authorize',
  token: '/v1/token',
  userinfo: '/v1/userinfo',
  jwks: '/v1/keys',
  end_session: '/v1/logout',
  revocation: '/v1/revoke',
  introspection: '/v1/introspect',
  pushed_authorization_request: '/v1/par',
};

/** Where the sign-in page lives, at the server root rather than under the issuer. */
export const INTERACTION_PATH = '/interaction';

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

/**
 * oidc-provider's configuration for an Okta-like authorization server.
 * @param {object} options
 * @param {ClientRegistration[]} options.clients
 * @param {AccountStore} options.accounts
 * @param {{ keys: object[] }} options.jwks
 * @param {number} options.accessTokenTtlSeconds
 * @param {number} options.refreshTokenGracePeriodSeconds
 * @param {string} [options.org] a named org, whose cookies must not clash with another org's
 */
export function providerConfiguration({
  clients,
  accounts,
  jwks,
  accessTokenTtlSeconds,
  refreshTokenGracePeriodSeconds,
  org,
}) {
  return {
    adapter: withRotationGracePeriod(createMemoryAdapter(), refreshTokenGracePeriodSeconds),
    // Like an Okta app set to "Rotate token after every use": see refresh-token-rotation.mjs.
    rotateRefreshToken: true,
    clients,
    // What an Okta "Web" app registration implies, for registrations that leave it out.
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
    },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    assertJwtClientAuthClaimsAndHeader: assertOktaClientAssertion,
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    jwks,
    cookies: {
      names: cookieNames(org),
      // Sessions end with the process anyway, so a new key per start costs nothing.
      keys: [randomBytes(32).toString('base64url')],
      // Lax, because SameSite=None needs Secure, which plain-http development cannot offer.
      long: { signed: true, sameSite: 'lax' },
      short: { signed: true, sameSite: 'lax' },
    },
    scopes: ['openid', 'profile', 'email', 'offline_access', 'groups'],
    acrValues: SUPPORTED_ACR_VALUES,
    claims: {
      // Okta's ID tokens say how the user authenticated: `amr` and `auth_time` always, `acr`
      // when the request asked for a level (see sign-on-policy.mjs).
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      amr: null,
      // Like an Okta authorization server with a groups claim set to "any scope": the demo
      // shows group-based pages with the default scopes.
      profile: [
        'groups',
        'name',
        'given_name',
        'family_name',
        'preferred_username',
        'locale',
        'zoneinfo',
        'updated_at',
      ],
      email: ['email', 'email_verified'],
      groups: ['groups'],
    },
    // Okta puts the scopes' claims in the ID token too, not only in userinfo.
    conformIdTokenClaims: false,
    findAccount: accounts.findAccount,
    loadExistingGrant: grantRequestedScopes,
    interactions: {
      policy: withAcrValuesCheck(policyWithoutConsentScreen()),
      url: interactionUrl,
    },
    routes: OKTA_ROUTES,
    features: {
      devInteractions: { enabled: false },
      // Okta's `/v1/par`: optional, unless a client's registration requires it.
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      // Not part of the Okta flows this stands in for.
      resourceIndicators: { enabled: false },
      revocation: { enabled: true },
      introspection: {
        enabled: true,
        allowedPolicy: ownTokensOnly,
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource,
        postLogoutSuccessSource,
      },
    },
    ttl: {
      AccessToken: accessTokenTtlSeconds,
      AuthorizationCode: 60,
      IdToken: HOUR,
      Interaction: HOUR,
      Session: DAY,
      Grant: 30 * DAY,
      RefreshToken: 30 * DAY,
    },
    renderError,
    // Clients are server-side apps: no browser calls the token or userinfo endpoints. The
    // embedded widget's origins get CORS from identity-engine/trusted-origins-cors.mjs instead.
    clientBasedCORS: () => false,
  };
}

/**
 * Cookies ignore ports: the app on the same host must not see names it might use itself, and
 * orgs on other ports of the same host must not overwrite each other's sessions (two Okta orgs
 * never share a host).
 * @param {string} [org]
 */
function cookieNames(org) {
  const prefix = org ? `dev_idp_${org.replaceAll('-', '_')}` : 'dev_idp';
  return {
    session: `${prefix}_session`,
    interaction: `${prefix}_interaction`,
    resume: `${prefix}_interaction_resume`,
  };
}

/**
 * @param {unknown} _ctx
 * @param {{ uid: string }} interaction
 */
function interactionUrl(_ctx, interaction) {
  return `${INTERACTION_PATH}/${interaction.uid}`;
}

/**
 * As with Okta, a client may introspect only the tokens issued to it.
 * @param {unknown} _ctx
 * @param {{ clientId: string }} client
 * @param {{ clientId: string }} token
 */
function ownTokensOnly(_ctx, client, token) {
  return token.clientId === client.clientId;
}

/**
 * @param {any} ctx koa context
 * @param {string} form
 */
function logoutSource(ctx, form) {
  ctx.body = logoutPage(form);
}

/** @param {any} ctx koa context */
function postLogoutSuccessSource(ctx) {
  ctx.type = 'html';
  ctx.body = signedOutPage();
}

/**
 * Shows the error and its description only: oidc-provider never passes a stack trace here.
 * @param {any} ctx koa context
 * @param {{ error: string, error_description?: string }} out
 */
function renderError(ctx, out) {
  ctx.type = 'html';
  ctx.body = errorPage(out.error, out.error_description);
}

/**
 * Okta is stricter with a `private_key_jwt` assertion than oidc-provider, which also takes the
 * issuer or the token endpoint as `aud` anywhere: Okta wants the full URL of the endpoint called,
 * and an `exp` at most an hour away. (Signature, `iss`, `exp` and a single-use `jti` are
 * oidc-provider's own checks.)
 * @param {any} ctx
 * @param {{ aud?: unknown, exp?: number, sub?: unknown, iss?: unknown }} claims
 */
async function assertOktaClientAssertion(ctx, claims) {
  const endpoint = ctx.oidc.urlFor(ctx.oidc.route);
  if (claims.aud !== endpoint) {
    throw new errors.InvalidClientAuth(`aud must be the URL of the endpoint called (${endpoint})`);
  }
  if (claims.sub !== claims.iss) {
    throw new errors.InvalidClientAuth('sub must be the client_id, as iss is');
  }
  if (typeof claims.exp !== 'number' || claims.exp - Date.now() / 1000 > HOUR) {
    throw new errors.InvalidClientAuth('exp must be at most one hour from now');
  }
}
