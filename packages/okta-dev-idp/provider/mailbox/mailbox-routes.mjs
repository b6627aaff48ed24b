// @ts-check
import express from 'express';

import { MAILBOX_PATH } from '../dev-paths.mjs';
import { mailboxPage } from './mailbox-page.mjs';

/** @typedef {import('./mailbox.mjs').Mailbox} Mailbox */

/**
 * `GET /dev/mailbox` (a page for people) and `GET /dev/mailbox.json` (for tests and scripts),
 * both narrowed to one recipient with `?to=`.
 * @param {Mailbox} mailbox
 */
export function mailboxRoutes(mailbox) {
  const router = express.Router();

  /** @param {import('express').Request} req */
  const recipient = (req) => (typeof req.query.to === 'string' ? req.query.to : undefined);

  router.get(MAILBOX_PATH, (req, res) => {
    const to = recipient(req);
    res
      .set('Cache-Control', 'no-store')
      .type('html')
      .send(mailboxPage({ messages: mailbox.list(to), to, path: MAILBOX_PATH }));
  });

  router.get(`${MAILBOX_PATH}.json`, (req, res) => {
    res.set('Cache-Control', 'no-store').json({ messages: mailbox.list(recipient(req)) });
  });

  return router;
}
