// @ts-check
import { createHash, timingSafeEqual } from 'node:crypto';

import { errors } from '../oidc-provider.mjs';

/** @typedef {import('./interaction-store.mjs').InteractionStore} InteractionStore */
/** @typedef {ReturnType<typeof import('../accounts.mjs').createAccountStore>} AccountStore */

export const INTERACTION_CODE_GRANT = 'interaction_code';
const PARAMETERS = ['interaction_code', 'code_verifier', 'redirect_uri'];

/**
 * Adds Okta's `grant_type=interaction_code` to the token endpoint. oidc-provider has already
 * authenticated the client and checked that its registration allows the grant. The code is
 * single-use and bound to the client and to the PKCE challenge sent to `/v1/interact`; the
 * tokens are made by oidc-provider's own models, so the ID token is signed, shaped and filtered
 * exactly like the authorization code grant's, and the access token works at userinfo.
 * oidc-provider 9 calls a grant handler with the context alone, and no longer hangs `Account` on
 * the provider: the account comes from the same store its `findAccount` reads.
 * @param {any} provider the oidc-provider instance, before any client is loaded
 * @param {InteractionStore} interactions
 * @param {AccountStore} accounts
 */
export function registerInteractionCodeGrant(provider, interactions, accounts) {
  provider.registerGrantType(
    INTERACTION_CODE_GRANT,
    (/** @type {any} */ ctx) => exchangeInteractionCode(ctx, interactions, accounts),
    PARAMETERS,
  );
}

/**
 * @param {any} ctx koa context with `ctx.oidc`
 * @param {InteractionStore} interactions
 * @param {AccountStore} accounts
 */
async function exchangeInteractionCode(ctx, interactions, accounts) {
  const { client, params, provider } = ctx.oidc;
  for (const name of ['interaction_code', 'code_verifier']) {
    if (!params[name]) throw new errors.InvalidRequest(`missing required parameter '${name}'`);
  }
  const issued = interactions.redeem(params.interaction_code);
  if (!issued || issued.request.clientId !== client.clientId) {
    throw invalidGrant('The interaction code is invalid or has expired.');
  }
  if (!pkceVerifies(params.code_verifier, issued.request.codeChallenge)) {
    throw invalidGrant('PKCE verification failed.');
  }
  if (params.redirect_uri !== undefined && params.redirect_uri !== issued.request.redirectUri) {
    throw invalidGrant('The redirect_uri does not match the one sent to /v1/interact.');
  }
  const account = await accounts.findAccount(ctx, issued.accountId);
  if (!account) throw invalidGrant('The user of this interaction code no longer exists.');
  ctx.oidc.entity('Account', account);

  const grant = new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
  grant.addOIDCScope(issued.request.scope);
  await grant.save();
  ctx.oidc.entity('Grant', grant);
  const scopes = new Set(issued.request.scope.split(' '));
  const scope = grant.getOIDCScopeFiltered(scopes);

  const accessToken = new provider.AccessToken({
    accountId: account.accountId,
    client,
    grantId: grant.jti,
    gty: INTERACTION_CODE_GRANT,
    scope,
  });
  ctx.oidc.entity('AccessToken', accessToken);
  const accessTokenValue = await accessToken.save();

  const refreshToken =
    scopes.has('offline_access') && client.grantTypeAllowed('refresh_token')
      ? await new provider.RefreshToken({
          accountId: account.accountId,
          // What a refresh's ID token repeats: the original sign-in's level and methods.
          acr: issued.acr,
          amr: issued.amr,
          authTime: issued.authTime,
          client,
          grantId: grant.jti,
          gty: INTERACTION_CODE_GRANT,
          nonce: issued.request.nonce,
          rotations: 0,
          scope,
        }).save()
      : undefined;

  const idToken = new provider.IdToken(
    {
      ...(await account.claims('id_token', scope, {}, [])),
      acr: issued.acr,
      amr: issued.amr,
      auth_time: issued.authTime,
    },
    { ctx },
  );
  idToken.scope = scope;
  idToken.mask = {};
  idToken.rejected = [];
  idToken.set('nonce', issued.request.nonce);
  idToken.set('at_hash', accessTokenValue);

  // No `state`: okta-auth-js refuses a token response that carries one.
  ctx.body = {
    token_type: accessToken.tokenType,
    expires_in: accessToken.expiration,
    access_token: accessTokenValue,
    scope,
    id_token: await idToken.issue({ use: 'idtoken' }),
    refresh_token: refreshToken,
  };
}

/**
 * RFC 7636 S256, compared in constant time.
 * @param {string} verifier
 * @param {string} challenge
 */
function pkceVerifies(verifier, challenge) {
  const computed = Buffer.from(createHash('sha256').update(verifier).digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/**
 * oidc-provider's `invalid_grant` hides its detail; Okta says what went wrong, and so does this.
 * @param {string} description
 */
function invalidGrant(description) {
  const error = new errors.InvalidGrant(description);
  error.error_description = description;
  return error;
}
