// @ts-check
import { isLoopback } from '../loopback.mjs';

/*
 * The Universal Logout trigger is an admin action on the developer's machine, not part of any
 * flow, so it keeps out everyone else: other machines, and other sites in the developer's browser.
 */

/** @typedef {import('express').Request} Request */
/** @typedef {import('express').Response} Response */

/**
 * @param {Request} req
 * @param {Response} res
 * @param {import('express').NextFunction} next
 */
export function localCallersOnly(req, res, next) {
  if (isLoopback(req.socket.remoteAddress)) {
    next();
    return;
  }
  res.status(403).type('text').send('Universal Logout is triggered from this machine only.');
}

/**
 * A form on another site could make the developer's browser post here; browsers name the page
 * that sent a POST in `Origin`, which must then be this provider. Scripts send no `Origin`.
 * @param {Request} req
 * @param {Response} res
 * @param {import('express').NextFunction} next
 */
export function sameOriginOnly(req, res, next) {
  const origin = req.get('origin');
  if (origin === undefined || origin === `${req.protocol}://${req.get('host')}`) {
    next();
    return;
  }
  res.status(403).type('text').send('Universal Logout is triggered from its own page only.');
}
