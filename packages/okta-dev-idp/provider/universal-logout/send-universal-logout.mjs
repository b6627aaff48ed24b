// @ts-check

/** @typedef {import('../org-authorization-server.mjs').OrgAuthorizationServer} OrgAuthorizationServer */

/*
 * The request is sent at once, so its JWT needs to live only long enough to cover clock skew
 * between the org and the app; a captured request is useless soon after.
 */
const JWT_LIFETIME_SECONDS = 60;
// The same bound the app puts on its own calls to the identity provider.
const TIMEOUT_MS = 5000;

/**
 * Sends one Universal Logout request the way Okta does: a POST to the app's Global Token
 * Revocation endpoint with the subject as JSON and a bearer JWT from the org authorization
 * server, addressed to that endpoint. Okta reads nothing but the status, so neither does this.
 * @param {object} request
 * @param {OrgAuthorizationServer} request.orgServer
 * @param {string} request.endpoint
 * @param {Record<string, string>} request.subject
 * @returns {Promise<number>} the app's HTTP status; throws when the app cannot be reached
 */
export async function sendUniversalLogout({ orgServer, endpoint, subject }) {
  const jwt = await orgServer.sign({ audience: endpoint, lifetimeSeconds: JWT_LIFETIME_SECONDS });
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${jwt}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ subject }),
    // A redirect is the app's answer, not somewhere to send the token next.
    redirect: 'manual',
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  await response.body?.cancel();
  return response.status;
}
