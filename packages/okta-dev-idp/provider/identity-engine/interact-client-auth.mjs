// @ts-check
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const HOUR_S = 60 * 60;
const CLOCK_TOLERANCE_S = 15;

/**
 * @typedef {{ client: any, method: string } | { status: number, error: string, description: string }} InteractClient
 */

/**
 * Authenticates the client of a `/v1/interact` request as Okta's token endpoint would: a client
 * secret (Basic or in the form) or a `private_key_jwt` assertion whose `aud` is the URL of
 * `/v1/interact`, with a single-use `jti` and an `exp` at most an hour away. A confidential
 * client that sends no authentication is refused, as Okta refuses it: okta-auth-js sends a
 * confidential client's secret to `/v1/interact`, and Okta's embedded samples for web apps start
 * the interaction on the server for that reason. A public client (`none`) needs none.
 * @param {any} provider the oidc-provider instance
 * @param {import('express').Request} req
 * @param {Record<string, unknown>} form
 * @returns {Promise<InteractClient>}
 */
export async function authenticateInteractClient(provider, req, form) {
  const text = (/** @type {string} */ name) =>
    typeof form[name] === 'string' ? /** @type {string} */ (form[name]) : '';
  const basic = basicCredentials(req.headers.authorization);
  const presented = [basic, text('client_secret'), text('client_assertion')].filter(Boolean);
  if (presented.length > 1) {
    return refusal(400, 'invalid_request', 'Client authentication must use one method only.');
  }
  const assertion = text('client_assertion');
  const clientId = basic?.clientId || text('client_id') || assertionSubject(assertion);
  if (basic && text('client_id') && text('client_id') !== basic.clientId) {
    return refusal(
      400,
      'invalid_request',
      'The client_id does not match the Authorization header.',
    );
  }
  const client = clientId ? await provider.Client.find(clientId) : undefined;
  if (!client) return refusal(401, 'invalid_client', 'Invalid value for client_id parameter.');
  const method = client.clientAuthMethod;
  if (presented.length === 0) {
    return method === 'none'
      ? { client, method }
      : failedAuthentication('a confidential client must authenticate at /v1/interact');
  }
  const secret = basic?.secret ?? text('client_secret');
  if (secret) {
    if (method !== 'client_secret_basic' && method !== 'client_secret_post') {
      return failedAuthentication('the client is not registered for a client secret');
    }
    return (await client.compareClientSecret(secret))
      ? { client, method }
      : failedAuthentication('invalid client secret');
  }
  if (method !== 'private_key_jwt') {
    return failedAuthentication('the client is not registered for private_key_jwt');
  }
  if (text('client_assertion_type') !== JWT_BEARER) {
    return refusal(400, 'invalid_request', `client_assertion_type must be ${JWT_BEARER}.`);
  }
  const problem = await assertionProblem(provider, client, assertion);
  return problem ? failedAuthentication(problem) : { client, method };
}

/**
 * Why the assertion does not authenticate the client at `/v1/interact`, or `undefined`.
 * @param {any} provider
 * @param {any} client
 * @param {string} assertion
 */
async function assertionProblem(provider, client, assertion) {
  const keys = client.metadata().jwks;
  if (!keys) return 'the client has no registered keys';
  let payload;
  try {
    ({ payload } = await jwtVerify(assertion, createLocalJWKSet(keys), {
      algorithms: ['RS256', 'ES256'],
      issuer: client.clientId,
      subject: client.clientId,
      audience: `${provider.issuer}/v1/interact`,
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'jti'],
    }));
  } catch (error) {
    return `the client assertion is not valid here (${/** @type {Error} */ (error).message})`;
  }
  const exp = /** @type {number} */ (payload.exp);
  if (exp - Date.now() / 1000 > HOUR_S) return 'exp must be at most one hour from now';
  const unique = await provider.ReplayDetection.unique(
    client.clientId,
    payload.jti,
    exp + CLOCK_TOLERANCE_S,
  );
  return unique ? undefined : 'client assertion tokens must only be used once';
}

/** @param {string} assertion */
function assertionSubject(assertion) {
  if (!assertion) return '';
  try {
    const { sub } = decodeJwt(assertion);
    return typeof sub === 'string' ? sub : '';
  } catch {
    return '';
  }
}

/**
 * RFC 6749 section 2.3.1's Basic credentials, form-decoded; undefined without (or with a
 * malformed) header.
 * @param {string | undefined} header
 */
function basicCredentials(header) {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return undefined;
  const formDecode = (/** @type {string} */ part) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, '%20'));
    } catch {
      return '';
    }
  };
  const clientId = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  return clientId && secret ? { clientId, secret } : undefined;
}

/** Okta's answer to failed client authentication, with the reason. @param {string} reason */
function failedAuthentication(reason) {
  return refusal(401, 'invalid_client', `Client authentication failed: ${reason}.`);
}

/**
 * @param {number} status
 * @param {string} error
 * @param {string} description
 */
function refusal(status, error, description) {
  return { status, error, description };
}
