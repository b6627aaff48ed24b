// @ts-check
import { Readable } from 'node:stream';

import { interactionPolicy } from './oidc-provider.mjs';

/*
 * Every client of this provider is first-party, so, as with an Okta app that does not require
 * consent, the end-user is never asked to consent. Two places in oidc-provider assume otherwise:
 *
 * - Following OIDC Core §11 it drops `offline_access` unless the request also says
 *   `prompt=consent`, while Okta issues a refresh token for `offline_access` alone. Requests for
 *   `offline_access` therefore get `consent` added to their prompt before oidc-provider reads them,
 *   pushed ones (PAR) included.
 * - `prompt=consent` always starts an interaction. The check that does that is removed, so the
 *   consent prompt only fires for scopes the grant lacks, and `loadExistingGrant` grants them.
 */

/**
 * Koa middleware for `provider.use()`: the authorization endpoint's query, and the form a
 * pushed authorization request (`/v1/par`) posts, whose stored parameters the authorization
 * endpoint later uses as they were checked then.
 * @param {{ authorization: string, par: string }} paths the routes, relative to the issuer
 * @returns {(ctx: any, next: () => Promise<void>) => Promise<void>}
 */
export function offlineAccessImpliesConsent(paths) {
  return async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === paths.authorization) {
      const prompt = withConsent(ctx.query.scope, ctx.query.prompt);
      if (prompt !== undefined) ctx.query = { ...ctx.query, prompt };
    } else if (ctx.method === 'POST' && ctx.path === paths.par && ctx.is('urlencoded')) {
      await rewriteForm(ctx, (form) => {
        const prompt = withConsent(form.get('scope'), form.get('prompt') ?? undefined);
        if (prompt !== undefined) form.set('prompt', prompt);
      });
    }
    await next();
  };
}

/**
 * The prompt to send instead, when `scope` asks for `offline_access`; `prompt=none` must stay
 * alone (oidc-provider then drops offline_access, as the spec says).
 * @param {unknown} scope
 * @param {unknown} prompt
 */
function withConsent(scope, prompt = '') {
  if (typeof scope !== 'string' || typeof prompt !== 'string') return undefined;
  if (!scope.split(' ').includes('offline_access')) return undefined;
  const prompts = new Set(prompt.split(' ').filter(Boolean));
  return prompts.has('none') ? undefined : [...prompts.add('consent')].join(' ');
}

/**
 * Reads a small form body and hands oidc-provider a stream of the rewritten one, as if the
 * client had sent it (oidc-provider reads the body itself, and warns about parsed ones).
 * @param {any} ctx
 * @param {(form: URLSearchParams) => void} rewrite
 */
async function rewriteForm(ctx, rewrite) {
  const original = ctx.req;
  const chunks = [];
  let size = 0;
  for await (const chunk of original) {
    size += chunk.length;
    // oidc-provider's own limit refuses anything larger; leave such a body unread past here.
    if (size > 56 * 1024)
      throw Object.assign(new Error('request entity too large'), { status: 413, expose: true });
    chunks.push(chunk);
  }
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  rewrite(form);
  const body = Buffer.from(form.toString());
  // What Koa and oidc-provider read of the request, Express's mount path (`originalUrl`) included.
  const replacement = Object.assign(Readable.from([body]), {
    headers: { ...original.headers, 'content-length': String(body.length) },
    method: original.method,
    url: original.url,
    originalUrl: original.originalUrl,
    baseUrl: original.baseUrl,
    httpVersion: original.httpVersion,
    httpVersionMajor: original.httpVersionMajor,
    socket: original.socket,
    connection: original.socket,
  });
  ctx.req = replacement;
  ctx.request.req = replacement;
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
