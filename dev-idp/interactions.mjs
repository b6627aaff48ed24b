// @ts-check
import express from 'express';
import { errors } from 'oidc-provider';

import { INTERACTION_PATH } from './provider-configuration.mjs';
import { loginPage } from './views.mjs';

/** @typedef {import('express').Request} Request */
/** @typedef {import('express').Response} Response */
/** @typedef {import('./accounts.mjs').AccountStore} AccountStore */

const WRONG_CREDENTIALS = 'Incorrect username or password.';

/**
 * The sign-in page oidc-provider sends the browser to when a login is needed.
 * @param {any} provider the oidc-provider instance
 * @param {AccountStore} accounts
 */
export function interactionRoutes(provider, accounts) {
  const router = express.Router();
  // Only here: oidc-provider parses its own endpoints' bodies and warns about parsed ones.
  const parseForm = express.urlencoded({ extended: false, limit: '10kb' });

  /**
   * @param {Response} res
   * @param {{ uid: string, params: Record<string, unknown> }} interaction
   * @param {{ username?: string, error?: string }} [form]
   */
  async function renderLogin(res, interaction, { username, error } = {}) {
    const clientId = String(interaction.params.client_id);
    const client = await provider.Client.find(clientId);
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(
        loginPage({
          action: `${INTERACTION_PATH}/${interaction.uid}`,
          clientName: client?.clientName ?? clientId,
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
    if (!accountId) {
      await renderLogin(res.status(401), interaction, { username, error: WRONG_CREDENTIALS });
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId } },
      { mergeWithLastSubmission: false },
    );
  });

  return router;
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
