import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, type KeyLike, SignJWT } from 'jose';

/**
 * An Okta org authorization server of the test's own: discovery and keys at Okta's org paths,
 * and a private key the test holds, so it can sign Universal Logout JWTs that are right in every
 * way but one, and see the app refuse exactly that one.
 */
export class TestOrg {
  private constructor(
    private readonly server: Server,
    private readonly privateKey: KeyLike,
    readonly kid: string,
  ) {}

  static async start(): Promise<TestOrg> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const kid = 'test-org-key';
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    const server = createServer();
    const org = new TestOrg(server, privateKey, kid);
    server.on('request', (req, res) => {
      const body =
        req.url === '/.well-known/openid-configuration'
          ? { issuer: org.issuer, jwks_uri: `${org.issuer}/oauth2/v1/keys` }
          : req.url === '/oauth2/v1/keys'
            ? { keys: [jwk] }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: 'not_found' }));
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return org;
  }

  get issuer(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * What Okta's org server sends for `audience`: RS256 with the org's kid, iss, aud, iat, nbf,
   * exp five minutes ahead and a fresh jti. `claims` overrides any of them (`undefined` drops
   * one); `signWith` signs with another key under the same kid (a forgery).
   */
  async sign(
    audience: string,
    claims: JWTPayload = {},
    signWith: KeyLike = this.privateKey,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = {
      iss: this.issuer,
      aud: audience,
      sub: 'the-app-client-id',
      iat: now,
      nbf: now - 300,
      exp: now + 300,
      jti: randomUUID(),
      ...claims,
    };
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'global-token-revocation+jwt' })
      .sign(signWith);
  }

  async stop(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }
}

export interface RevocationResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** POSTs a Universal Logout request as Okta does: JSON, with the JWT as a bearer token. */
export async function postRevocation(
  endpoint: string,
  body: unknown,
  token?: string,
  contentType = 'application/json',
): Promise<RevocationResponse> {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(endpoint, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

export const emailSubject = (email: string) => ({ subject: { format: 'email', email } });
