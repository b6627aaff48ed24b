// @ts-check
import express from 'express';
import { errors } from 'oidc-provider';

import { MAILBOX_PATH } from './dev-paths.mjs';
import { maskEmail } from './email-authenticator.mjs';
import { INTERACTION_PATH } from './provider-configuration.mjs';
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
 * for users whose policy asks for it, a code sent by email.
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

  router.get(`${INTERACTION_PATH}/:uid`, async (req, res) => {
    const interaction = await loginInteraction(provider, req, res);
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
    if (user.secondFactor !== 'email') {
      await finishLogin(provider, req, res, accountId);
      return;
    }
    emailAuthenticator.send(interaction.uid, {
      accountId,
      email: user.email,
      appName: await clientNameOf(provider, interaction),
    });
    // Post/redirect/get: reloading the code page must not post the password again.
    res.redirect(303, emailStepPath(interaction.uid));
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
    await finishLogin(provider, req, res, accountId);
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
        restartUrl: `${INTERACTION_PATH}/${uid}`,
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
 * Every factor the user's policy asks for has been verified.
 * @param {any} provider
 * @param {Request} req
 * @param {Response} res
 * @param {string} accountId
 */
async function finishLogin(provider, req, res, accountId) {
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId } },
    { mergeWithLastSubmission: false },
  );
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
