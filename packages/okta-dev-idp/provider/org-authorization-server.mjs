// @ts-check
import { randomUUID } from 'node:crypto';

import express from 'express';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * The Okta org authorization server's public face, as far as this provider needs one: Okta signs
 * what the org itself sends (Universal Logout requests) with the org server's keys, published at
 * `{org}/oauth2/v1/keys` and named by `{org}/.well-known/openid-configuration`. It issues no
 * tokens here, so its discovery document advertises only the issuer and the keys.
 *
 * The key pair is its own, apart from the custom authorization server's, as at Okta: something
 * signed for one must not verify against the other's keys. The private key is generated for each
 * start and never leaves this process.
 * @param {string} orgUrl the org's URL, without a trailing slash
 * @param {string} issuer the custom authorization server's, which must be another URL
 */
export async function createOrgAuthorizationServer(orgUrl, issuer) {
  if (issuer === orgUrl) {
    // Both would answer {org}/.well-known/openid-configuration, each with its own keys.
    throw new Error(
      `The issuer must be a custom authorization server under the org, {org}/oauth2/{id}; got "${issuer}". Example: --issuer http://localhost:8081/oauth2/default`,
    );
  }
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const keys = { keys: [{ ...publicJwk, kid, alg: 'RS256', use: 'sig' }] };
  const jwksUri = `${orgUrl}/oauth2/v1/keys`;
  const metadata = { issuer: orgUrl, jwks_uri: jwksUri };
  const orgPath = new URL(orgUrl).pathname.replace(/\/$/, '');

  const routes = express.Router();
  routes.get(`${orgPath}/.well-known/openid-configuration`, (_req, res) => {
    res.json(metadata);
  });
  routes.get(`${orgPath}/oauth2/v1/keys`, (_req, res) => {
    res.json(keys);
  });

  return {
    issuer: orgUrl,
    jwksUri,
    routes,

    /**
     * A JWT from the org, for `audience`, valid for `lifetimeSeconds` and usable once: each has
     * its own `jti`, so a receiver can refuse a replay.
     * @param {{ audience: string, lifetimeSeconds: number }} options
     */
    async sign({ audience, lifetimeSeconds }) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuer(orgUrl)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + lifetimeSeconds)
        .setJti(randomUUID())
        .sign(privateKey);
    },
  };
}

/** @typedef {Awaited<ReturnType<typeof createOrgAuthorizationServer>>} OrgAuthorizationServer */
