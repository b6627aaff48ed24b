// @ts-check
import express from 'express';
import { errors } from './oidc-provider.mjs';

import { ACR_VALUES_REASON } from './acr-values-check.mjs';
import { MAILBOX_PATH } from './dev-paths.mjs';
import { maskEmail } from './email-authenticator.mjs';
import { INTERACTION_PATH } from './provider-configuration.mjs';
import {
  alreadyVerified,
  authenticationResult,
  factorsFor,
  requestedAcr,
  UNMET,
} from './sign-on-policy.mjs';
import { emailCodePage, loginPage } from './views.mjs';

/** @typedef {import('express').Request} Request */
/** @typedef {import('express').Response} Response */
/** @typedef {import('./accounts.mjs').AccountStore} AccountStore */
/** @typedef {import('./email-authenticator.mjs').EmailAuthenticator} EmailAuthenticator */

const WRONG_CREDENTIALS = 'Incorrect username or password.';
const WRONG_CODE = 'Invalid code. Try again.';
const CODE_RESENT = 'We sent a new code. Only the newest code works.';

/**
 * The sign-in pages oidc-provider sends the browser to when a login is needed: the password, then
 * a code sent by email when the user's policy or the request's `acr_values` asks for it. A
 * request that only asks for a higher level than the session's sign-in (a step-up) skips the
 * password and asks for what is missing; a level the user cannot reach is answered with
 * `unmet_authentication_requirements`.
 * @param {any} provider the oidc-provider instance
 * @param {AccountStore} accounts
 * @param {EmailAuthenticator} emailAuthenticator
 */
export function interactionRoutes(provider, accounts, emailAuthenticator) {
  const router = express.Router();
  // Only here: oidc-provider parses its own endpoints' bodies and warns about parsed ones.
  const parseForm = express.urlencoded({ extended: false, limit: '10kb' });

  /**
   * @param {Response} res
   * @param {{ uid: string, params: Record<string, unknown> }} interaction
   * @param {{ username?: string, error?: string }} [form]
   */
  async function renderLogin(res, interaction, { username, error } = {}) {
    const clientName = await clientNameOf(provider, interaction);
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        loginPage({
          action: `${INTERACTION_PATH}/${interaction.uid}`,
          clientName,
          username,
          error,
          demoUsers: accounts.users,
        }),
      );
  }

  /**
   * The password was verified, or the session's sign-in stands (a step-up): the code is mailed
   * when the level needs it and it was not verified yet, else the sign-in ends.
   * @param {Request} req
   * @param {Response} res
   * @param {{ uid: string, params: Record<string, unknown> }} interaction
   * @param {import('./accounts.mjs').DemoUser} user
   * @param {{ amr?: string[], ts?: number }} [standing] the session's sign-in, for a step-up
   */
  async function afterIdentity(req, res, interaction, user, standing) {
    const acr = requestedAcr(interaction.params.acr_values);
    const factors = factorsFor(user, acr);
    if (factors.unmet) {
      await provider.interactionFinished(req, res, UNMET, { mergeWithLastSubmission: false });
      return;
    }
    if (alreadyVerified(factors, standing?.amr)) {
      const emailCode = (standing?.amr ?? []).includes('email');
      const login = { accountId: user.sub, ...authenticationResult(acr, emailCode) };
      await finishLogin(provider, req, res, standing?.ts ? { ...login, ts: standing.ts } : login);
      return;
    }
    emailAuthenticator.send(interaction.uid, {
      accountId: user.sub,
      email: user.email,
      appName: await clientNameOf(provider, interaction),
    });
    // Post/redirect/get: reloading the code page must not post the password again.
    res.redirect(303, emailStepPath(interaction.uid));
  }

  router.get(`${INTERACTION_PATH}/:uid`, async (req, res) => {
    const interaction = await loginInteraction(provider, req, res);
    // "Sign in as someone else" on the code page comes back here for the password form.
    const standing = req.query.as === 'another' ? undefined : await stepUpOf(provider, interaction);
    const user = standing && accounts.userOf(standing.accountId);
    if (standing && user) {
      await afterIdentity(req, res, interaction, user, standing);
      return;
    }
    const hint = interaction.params.login_hint;
    await renderLogin(res, interaction, { username: typeof hint === 'string' ? hint : undefined });
  });

  router.post(`${INTERACTION_PATH}/:uid`, parseForm, async (req, res) => {
    const interaction = await loginInteraction(provider, req, res);
    const username = typeof req.body?.username === 'string' ? req.body.username : '';
    const password = typeof req.body?.password === 'string' ? req.body.password : '';
    const accountId = accounts.authenticate(username, password);
    const user = accountId ? accounts.userOf(accountId) : undefined;
    if (!accountId || !user) {
      await renderLogin(res.status(401), interaction, { username, error: WRONG_CREDENTIALS });
      return;
    }
    await afterIdentity(req, res, interaction, user);
  });

  router.get(`${INTERACTION_PATH}/:uid/email`, async (req, res) => {
    const interaction = await loginInteraction(provider, req, res);
    const factor = emailAuthenticator.pending(interaction.uid);
    if (!factor) return res.redirect(303, `${INTERACTION_PATH}/${interaction.uid}`);
    renderEmailCode(res, interaction.uid, factor.email, {
      notice: req.query.sent === '1' ? CODE_RESENT : undefined,
    });
  });

  router.post(`${INTERACTION_PATH}/:uid/email`, parseForm, async (req, res) => {
    const interaction = await loginInteraction(provider, req, res);
    const factor = emailAuthenticator.pending(interaction.uid);
    if (!factor) return res.redirect(303, `${INTERACTION_PATH}/${interaction.uid}`);
    const accountId = emailAuthenticator.verify(interaction.uid, req.body?.code);
    if (!accountId) {
      renderEmailCode(res.status(401), interaction.uid, factor.email, { error: WRONG_CODE });
      return;
    }
    const acr = requestedAcr(interaction.params.acr_values);
    await finishLogin(provider, req, res, { accountId, ...authenticationResult(acr, true) });
  });

  router.post(`${INTERACTION_PATH}/:uid/email/resend`, async (req, res) => {
    const interaction = await loginInteraction(provider, req, res);
    const resent = emailAuthenticator.resend(interaction.uid);
    res.redirect(
      303,
      resent
        ? `${emailStepPath(interaction.uid)}?sent=1`
        : `${INTERACTION_PATH}/${interaction.uid}`,
    );
  });

  return router;
}

/** @param {string} uid */
function emailStepPath(uid) {
  return `${INTERACTION_PATH}/${uid}/email`;
}

/**
 * @param {Response} res
 * @param {string} uid
 * @param {string} email
 * @param {{ error?: string, notice?: string }} messages
 */
function renderEmailCode(res, uid, email, { error, notice }) {
  res
    .set('Cache-Control', 'no-store')
    .type('html')
    .send(
      emailCodePage({
        action: emailStepPath(uid),
        resendAction: `${emailStepPath(uid)}/resend`,
        restartUrl: `${INTERACTION_PATH}/${uid}?as=another`,
        maskedEmail: maskEmail(email),
        mailboxUrl: `${MAILBOX_PATH}?to=${encodeURIComponent(email)}`,
        error,
        notice,
      }),
    );
}

/**
 * @param {any} provider
 * @param {{ params: Record<string, unknown> }} interaction
 */
async function clientNameOf(provider, interaction) {
  const clientId = String(interaction.params.client_id);
  const client = await provider.Client.find(clientId);
  return client?.clientName ?? clientId;
}

/**
 * Every factor the sign-in needs has been verified: `acr` and `amr` say which, and `ts` is the
 * time of the authentication (now, unless a step-up's session already had all it needed).
 * @param {any} provider
 * @param {Request} req
 * @param {Response} res
 * @param {{ accountId: string, acr?: string, amr: string[], ts?: number }} login
 */
async function finishLogin(provider, req, res, login) {
  await provider.interactionFinished(req, res, { login }, { mergeWithLastSubmission: false });
}

/**
 * The session's sign-in, when all the request lacks is a higher level (`acr_values`): then the
 * user is not asked for the password again. Anything else that asks for a login (no session,
 * `prompt=login`, `max_age`) starts from the password.
 * @param {any} provider
 * @param {{ prompt: { reasons: string[] }, session?: { accountId?: string, cookie?: string, amr?: string[] } }} interaction
 * @returns {Promise<{ accountId: string, amr?: string[], ts?: number } | undefined>}
 */
async function stepUpOf(provider, interaction) {
  const { session, prompt } = interaction;
  if (!session?.accountId || !prompt.reasons.every((reason) => reason === ACR_VALUES_REASON)) {
    return undefined;
  }
  const stored = session.cookie ? await provider.Session.find(session.cookie) : undefined;
  return { accountId: session.accountId, amr: session.amr, ts: stored?.loginTs };
}

/**
 * Loads the interaction named by the browser's interaction cookie, insisting it is the one in the
 * URL: a page for one authorization request cannot complete another.
 * @param {any} provider
 * @param {Request} req
 * @param {Response} res
 */
async function loginInteraction(provider, req, res) {
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== req.params.uid) {
    throw new errors.SessionNotFound('interaction does not match its cookie');
  }
  // The policy asks for nothing else: grants are made without a consent screen.
  if (interaction.prompt.name !== 'login') {
    throw new errors.InvalidRequest(`unsupported interaction prompt: ${interaction.prompt.name}`);
  }
  return interaction;
}
