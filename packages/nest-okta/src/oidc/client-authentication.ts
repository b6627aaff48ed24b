import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ClientCredentials } from '../options/client-credentials';

/** What one request to a provider endpoint carries to authenticate the app. */
export interface ClientAuthentication {
  headers: Record<string, string>;
  body: Record<string, string>;
}

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Okta refuses an assertion that lives longer than an hour; one request needs far less. */
const ASSERTION_LIFETIME_S = 5 * 60;

/**
 * Authenticates one request to `endpoint` (the token, revocation or PAR endpoint) as the app
 * integration is set up. A `private_key_jwt` assertion (RFC 7523) is signed per request: a fresh
 * `jti`, since Okta accepts each only once, and `aud` the URL of the endpoint called, as Okta's
 * "Build a JWT for client authentication" asks ("the full URL of the resource").
 */
export async function authenticateClient(
  clientId: string,
  credentials: ClientCredentials,
  endpoint: string,
): Promise<ClientAuthentication> {
  if (credentials.method !== 'private_key_jwt') {
    const { method, secret } = credentials;
    return method === 'client_secret_basic'
      ? { headers: { authorization: basicAuthorization(clientId, secret) }, body: {} }
      : { headers: {}, body: { client_id: clientId, client_secret: secret } };
  }
  const { key, alg, kid } = credentials;
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience(endpoint)
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${ASSERTION_LIFETIME_S}s`)
    .sign(key);
  return {
    headers: {},
    body: { client_id: clientId, client_assertion_type: JWT_BEARER, client_assertion: assertion },
  };
}

/** RFC 6749 section 2.3.1: both parts are form-encoded before they are joined. */
function basicAuthorization(clientId: string, secret: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}
