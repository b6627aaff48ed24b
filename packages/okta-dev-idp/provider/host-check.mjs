// @ts-check
import { isIP } from 'node:net';

import { isLoopback } from './loopback.mjs';

/**
 * Answers only requests addressed to this provider by a name of its own (its issuer's host, or
 * a loopback name) or by an IP address. A page on another site whose name an attacker points at 127.0.0.1 (DNS
 * rebinding) would otherwise reach the development routes (the mailbox, Universal Logout) as if
 * it were this origin.
 * @param {string} issuerUrl
 * @returns {import('express').RequestHandler}
 */
export function hostCheck(issuerUrl) {
  const issuerHost = new URL(issuerUrl).hostname;
  return (req, res, next) => {
    const host = hostnameOf(req.headers.host);
    // An address needs no name to resolve, so it cannot be rebound; only names are checked.
    if (
      host &&
      (host === issuerHost || isIP(host) || isLoopback(host) || host.endsWith('.localhost'))
    ) {
      next();
      return;
    }
    res
      .status(421)
      .type('text/plain')
      .send('This development identity provider answers only to its own host name.');
  };
}

/** @param {string | undefined} header */
function hostnameOf(header) {
  if (!header || !URL.canParse(`http://${header}`)) return undefined;
  return new URL(`http://${header}`).hostname.replace(/^\[(.*)\]$/, '$1');
}
