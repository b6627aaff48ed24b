// @ts-check
import express from 'express';

import { requestedAcr } from '../sign-on-policy.mjs';
import { IDX_CONTENT_TYPE, MESSAGES } from './idx-responses.mjs';
import { authenticateInteractClient } from './interact-client-auth.mjs';
import {
  answerChallenge,
  cancel,
  currentStep,
  identify,
  resendCode,
  selectAuthenticator,
} from './sign-in-steps.mjs';

/** @typedef {import('express').Request} Request */
/** @typedef {import('express').Response} Response */
/** @typedef {import('../accounts.mjs').AccountStore} AccountStore */
/** @typedef {import('./interaction-store.mjs').Interaction} Interaction */
/** @typedef {import('./interaction-store.mjs').InteractionStore} InteractionStore */
/** @typedef {import('./idx-responses.mjs').IdxResponses} IdxResponses */
/** @typedef {import('./interaction-store.mjs').Step} Step */
/** @typedef {import('./sign-in-steps.mjs').IdxAnswer} IdxAnswer */

const BODY_LIMIT = '16kb';
/** okta-auth-js posts IDX requests as ION, plain JSON or Okta's vendor JSON type. */
const IDX_REQUEST_TYPE = /^application\/(?:ion\+|vnd\.okta\.v1\+)?json\b/i;

/**
 * @typedef {object} IdentityEngineOptions
 * @property {any} provider the oidc-provider instance (for client registrations)
 * @property {AccountStore} accounts
 * @property {InteractionStore} interactions
 * @property {import('../email-authenticator.mjs').EmailAuthenticator} emailAuthenticator
 * @property {IdxResponses} responses
 * @property {string} issuerPath e.g. `/oauth2/default`
 * @property {string} orgPath where `/idp/idx/*` lives: the issuer's path up to `/oauth2`
 * @property {Set<string>} supportedScopes
 */

/**
 * The Identity Engine endpoints the Sign-In Widget and okta-auth-js call in the interaction code
 * flow: `{issuer}/v1/interact`, then `{org}/idp/idx/introspect`, `identify`, `challenge`
 * (choosing a second factor), `challenge/answer`, `challenge/resend` and `cancel`.
 * @param {IdentityEngineOptions} options
 */
export function identityEngineRoutes(options) {
  const { interactions, responses } = options;
  const router = express.Router();
  const parseForm = express.urlencoded({ extended: false, limit: BODY_LIMIT });
  const parseIdx = express.json({
    limit: BODY_LIMIT,
    type: (req) => IDX_REQUEST_TYPE.test(req.headers['content-type'] ?? ''),
  });
  const idx = `${options.orgPath}/idp/idx`;

  router.post(`${options.issuerPath}/v1/interact`, parseForm, (req, res) =>
    interact(options, req, res),
  );

  router.post(`${idx}/introspect`, parseIdx, (req, res) => {
    const body = bodyOf(req);
    const interaction = interactions.find({
      interactionHandle: body.interactionHandle,
      stateHandle: body.stateToken ?? body.stateHandle,
    });
    if (!interaction) return sendIdx(res, 401, responses.failure(MESSAGES.sessionExpired));
    sendIdx(res, 200, currentStep(options, interaction));
  });

  /**
   * A remediation form, accepted only at the steps it belongs to.
   * @param {string} path
   * @param {Step[] | undefined} steps undefined: any step
   * @param {(options: IdentityEngineOptions, interaction: Interaction, body: Record<string, any>) => IdxAnswer | Promise<IdxAnswer>} step
   */
  const remediation = (path, steps, step) =>
    router.post(`${idx}${path}`, parseIdx, async (req, res) => {
      const interaction = liveInteraction(options, req, res, steps);
      if (!interaction) return;
      const { status, document } = await step(options, interaction, bodyOf(req));
      sendIdx(res, status, document);
    });

  remediation('/identify', ['identify'], identify);
  remediation('/challenge', ['select-authenticator', 'challenge-email'], selectAuthenticator);
  remediation('/challenge/answer', ['challenge-password', 'challenge-email'], answerChallenge);
  remediation('/challenge/resend', ['challenge-email'], resendCode);
  remediation('/cancel', undefined, cancel);

  router.use(idx, idxRequestError(responses));
  return router;
}

/**
 * `POST {issuer}/v1/interact`: authenticates the client and checks its request as Okta does, and
 * answers with the interaction handle the IDX calls start from.
 * @param {IdentityEngineOptions} options
 * @param {Request} req
 * @param {Response} res
 */
async function interact({ provider, interactions, supportedScopes }, req, res) {
  const form = /** @type {Record<string, unknown>} */ (req.body ?? {});
  const text = (/** @type {string} */ name) =>
    typeof form[name] === 'string' ? /** @type {string} */ (form[name]) : '';
  const authenticated = await authenticateInteractClient(provider, req, form);
  if ('error' in authenticated) {
    return oauthError(res, authenticated.status, authenticated.error, authenticated.description);
  }
  const { client } = authenticated;
  if (!client.grantTypeAllowed('interaction_code')) {
    return oauthError(
      res,
      400,
      'unauthorized_client',
      'The client is not authorized to use the interaction code grant type. Enable it in the app integration.',
    );
  }
  if (!client.redirectUriAllowed(text('redirect_uri'))) {
    return oauthError(
      res,
      400,
      'invalid_request',
      "The 'redirect_uri' parameter must be a Sign-in redirect URI in the client app settings.",
    );
  }
  const scopes = text('scope').split(' ').filter(Boolean);
  if (!scopes.includes('openid') || scopes.some((scope) => !supportedScopes.has(scope))) {
    return oauthError(
      res,
      400,
      'invalid_scope',
      'The scope must include openid, and every scope must be one the authorization server supports.',
    );
  }
  if (!/^[\w-]{43,128}$/.test(text('code_challenge')) || text('code_challenge_method') !== 'S256') {
    return oauthError(
      res,
      400,
      'invalid_request',
      'A PKCE code_challenge with code_challenge_method S256 is required.',
    );
  }
  if (!text('state'))
    return oauthError(res, 400, 'invalid_request', 'The state parameter is required.');
  let acr;
  try {
    acr = requestedAcr(form.acr_values);
  } catch (error) {
    return oauthError(res, 400, 'invalid_request', /** @type {Error} */ (error).message);
  }
  // Every interaction here starts from the user's password (there is no Okta session to reuse),
  // so any max_age is met; it still has to be one.
  if (form.max_age !== undefined && !/^\d{1,10}$/.test(text('max_age'))) {
    return oauthError(res, 400, 'invalid_request', 'max_age must be a whole number of seconds.');
  }
  const interaction = interactions.begin({
    clientId: client.clientId,
    redirectUri: text('redirect_uri'),
    scope: scopes.join(' '),
    state: text('state'),
    codeChallenge: text('code_challenge'),
    nonce: text('nonce') || undefined,
    ...(acr !== undefined && { acr }),
  });
  res.set('Cache-Control', 'no-store').json({ interaction_handle: interaction.handle });
}

/**
 * The interaction the request's `stateHandle` names, at one of the expected steps; otherwise the
 * answer has been sent and `undefined` is returned.
 * @param {IdentityEngineOptions} options
 * @param {Request} req
 * @param {Response} res
 * @param {Step[]} [steps] undefined: any step
 */
function liveInteraction(options, req, res, steps) {
  const interaction = options.interactions.find({ stateHandle: bodyOf(req).stateHandle });
  if (!interaction) {
    sendIdx(res, 401, options.responses.failure(MESSAGES.sessionExpired));
    return undefined;
  }
  if (steps && !steps.includes(interaction.step)) {
    sendIdx(res, 400, currentStep(options, interaction, [MESSAGES.invalidRequest]));
    return undefined;
  }
  return interaction;
}

/** @param {Request} req @returns {Record<string, any>} */
function bodyOf(req) {
  const body = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {object} document
 */
function sendIdx(res, status, document) {
  res
    .status(status)
    .set({ 'Content-Type': IDX_CONTENT_TYPE, 'Cache-Control': 'no-store' })
    .send(JSON.stringify(document));
}

/**
 * @param {Response} res
 * @param {number} status
 * @param {string} error
 * @param {string} description
 */
function oauthError(res, status, error, description) {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ error, error_description: description });
}

/**
 * Unparseable or oversized IDX bodies get an IDX answer rather than the provider's HTML page.
 * Express knows an error handler by its four parameters, so `_next` stays.
 * @param {IdxResponses} responses
 * @returns {import('express').ErrorRequestHandler}
 */
function idxRequestError(responses) {
  return (error, _req, res, next) => {
    const status = Number(error?.status);
    if (error?.expose !== true || !(status >= 400 && status < 500)) {
      next(error);
      return;
    }
    sendIdx(
      res,
      status,
      responses.failure({ message: 'The request body is not valid.', class: 'ERROR' }),
    );
  };
}
