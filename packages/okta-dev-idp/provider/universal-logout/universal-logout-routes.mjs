// @ts-check
import express from 'express';

import { UNIVERSAL_LOGOUT_PATH } from '../dev-paths.mjs';
import { localCallersOnly, sameOriginOnly } from './admin-request-guards.mjs';
import { sendUniversalLogout } from './send-universal-logout.mjs';
import { isSubjectFormat, SUBJECT_FORMATS, subjectIdentifier } from './subject-identifier.mjs';
import { universalLogoutPage } from './universal-logout-page.mjs';

/** @typedef {import('express').Request} Request */
/** @typedef {import('express').Response} Response */
/** @typedef {import('../accounts.mjs').DemoUser} DemoUser */
/** @typedef {import('../org-authorization-server.mjs').OrgAuthorizationServer} OrgAuthorizationServer */

const ENDPOINT_EXAMPLE =
  'DEV_IDP_UNIVERSAL_LOGOUT_ENDPOINT=http://localhost:8080/global-token-revocation ' +
  '(okta-dev-idp --universal-logout-endpoint, or the universalLogout option)';

/**
 * Stands in for the Okta admin's "Clear user sessions": a page with a button per demo user, and
 * the same action for scripts (JSON in, JSON out). Both answer only callers on this machine,
 * whatever address the provider listens on: this is an admin action, not part of any flow.
 * @param {object} options
 * @param {OrgAuthorizationServer} options.orgServer signs the requests
 * @param {DemoUser[]} options.users
 * @param {string} options.issuer the custom authorization server, the `iss` of `iss_sub` subjects
 * @param {string} [options.endpoint] the app's Global Token Revocation endpoint
 */
export function universalLogoutRoutes({ orgServer, users, issuer, endpoint }) {
  if (endpoint !== undefined) checkEndpoint(endpoint);
  const router = express.Router();
  const parseBody = [
    express.urlencoded({ extended: false, limit: '10kb' }),
    express.json({ limit: '10kb' }),
  ];

  router.use(UNIVERSAL_LOGOUT_PATH, localCallersOnly);

  router.get(UNIVERSAL_LOGOUT_PATH, (_req, res) => {
    render(res, 200);
  });

  router.post(UNIVERSAL_LOGOUT_PATH, sameOriginOnly, parseBody, async (req, res) => {
    const { email, sub, format = 'email' } = req.body ?? {};
    if (!endpoint) {
      answer(req, res, 503, {
        error: 'not_configured',
        error_description: `No Universal Logout endpoint is configured. Example: ${ENDPOINT_EXAMPLE}`,
      });
      return;
    }
    if ((typeof email !== 'string' && typeof sub !== 'string') || !isSubjectFormat(format)) {
      answer(req, res, 400, {
        error: 'invalid_request',
        error_description: `Name a demo user by "email" or "sub", with "format" one of ${SUBJECT_FORMATS.join(', ')}.`,
      });
      return;
    }
    const user = users.find((candidate) =>
      typeof email === 'string'
        ? candidate.email.toLowerCase() === email.trim().toLowerCase()
        : candidate.sub === sub,
    );
    if (!user) {
      answer(req, res, 404, {
        error: 'unknown_user',
        error_description: `No demo user has ${typeof email === 'string' ? `the email ${email}` : `the id ${sub}`}.`,
      });
      return;
    }
    const subject = subjectIdentifier(user, format, issuer);
    try {
      const status = await sendUniversalLogout({ orgServer, endpoint, subject });
      answer(
        req,
        res,
        200,
        { endpoint, subject, status },
        `Sent a Universal Logout for ${user.email} (${format}); the app answered ${status}.`,
      );
    } catch (error) {
      answer(req, res, 502, {
        error: 'endpoint_unreachable',
        error_description: `The app did not answer at ${endpoint}: ${describe(error)}`,
      });
    }
  });

  /**
   * @param {Response} res
   * @param {number} status
   * @param {{ sent: boolean, text: string }} [result]
   */
  function render(res, status, result) {
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      // Its buttons act at one click: no other page may frame it and borrow that click.
      .set('Content-Security-Policy', "frame-ancestors 'none'")
      .type('html')
      .send(universalLogoutPage({ action: UNIVERSAL_LOGOUT_PATH, endpoint, users, result }));
  }

  /**
   * JSON for scripts, the page again (with the outcome) for the form.
   * @param {Request} req
   * @param {Response} res
   * @param {number} status
   * @param {Record<string, unknown>} body
   * @param {string} [summary] what the page says when the request went out
   */
  function answer(req, res, status, body, summary) {
    if (req.is('application/json') || req.accepts(['html', 'json']) === 'json') {
      res.status(status).set('Cache-Control', 'no-store').json(body);
      return;
    }
    render(res, status, { sent: status === 200, text: summary ?? String(body.error_description) });
  }

  return router;
}

/** @param {string} endpoint */
function checkEndpoint(endpoint) {
  if (!URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
    throw new Error(
      `The Universal Logout endpoint must be an absolute http(s) URL; got "${endpoint}". Example: ${ENDPOINT_EXAMPLE}`,
    );
  }
}

/** @param {unknown} error */
function describe(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = /** @type {{ cause?: unknown }} */ (error).cause;
  // fetch() reports "fetch failed" and keeps the reason (ECONNREFUSED, a timeout) in `cause`.
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
