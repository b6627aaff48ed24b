// @ts-check
import { interactionPolicy } from 'oidc-provider';

/*
 * Every client of this provider is first-party, so, as with an Okta app that does not require
 * consent, the end-user is never asked to consent. Two places in oidc-provider assume otherwise:
 *
 * - Following OIDC Core §11 it drops `offline_access` unless the request also says
 *   `prompt=consent`, while Okta issues a refresh token for `offline_access` alone. Requests for
 *   `offline_access` therefore get `consent` added to their prompt before oidc-provider reads them.
 * - `prompt=consent` always starts an interaction. The check that does that is removed, so the
 *   consent prompt only fires for scopes the grant lacks, and `loadExistingGrant` grants them.
 */

/**
 * Koa middleware for `provider.use()`. Only query-string requests are rewritten: that is how
 * browsers arrive at the authorization endpoint.
 * @param {string} authorizationPath the authorization route, relative to the issuer
 * @returns {(ctx: any, next: () => Promise<void>) => Promise<void>}
 */
export function offlineAccessImpliesConsent(authorizationPath) {
  return async (ctx, next) => {
    const { scope, prompt = '' } = ctx.query;
    if (
      ctx.method === 'GET' &&
      ctx.path === authorizationPath &&
      typeof scope === 'string' &&
      typeof prompt === 'string' &&
      scope.split(' ').includes('offline_access')
    ) {
      const prompts = new Set(prompt.split(' ').filter(Boolean));
      // prompt=none must stay alone; oidc-provider then drops offline_access, as the spec says.
      if (!prompts.has('none')) {
        ctx.query = { ...ctx.query, prompt: [...prompts.add('consent')].join(' ') };
      }
    }
    await next();
  };
}

/** oidc-provider's default policy, minus the check that turns `prompt=consent` into a screen. */
export function policyWithoutConsentScreen() {
  const policy = interactionPolicy.base();
  policy.get('consent').checks.remove('consent_prompt');
  return policy;
}

/**
 * `loadExistingGrant`: reuses the session's grant for the client, or starts one, and extends it
 * to every OpenID scope the request asks for.
 * @param {any} ctx
 */
export async function grantRequestedScopes(ctx) {
  const { account, client, provider, requestParamOIDCScopes, session } = ctx.oidc;
  const grantId = session.grantIdFor(client.clientId);
  const grant =
    (grantId && (await provider.Grant.find(grantId))) ||
    new provider.Grant({ accountId: account.accountId, clientId: client.clientId });
  grant.addOIDCScope(requestParamOIDCScopes);
  await grant.save();
  return grant;
}
