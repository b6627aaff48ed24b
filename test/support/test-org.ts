import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';

interface OrgKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function newKey(kid: string): Promise<OrgKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/**
 * An Okta org authorization server of the test's own: discovery and keys at Okta's org paths,
 * and a private key the test holds, so it can sign Universal Logout JWTs that are right in every
 * way but one, and see the app refuse exactly that one. It counts fetches of its key set and
 * rotates its key when told, so a test can see what a flood of made-up key ids costs the org.
 */
export class TestOrg {
  /** Requests for the org's key set (`/oauth2/v1/keys`) so far. */
  keyFetches = 0;
  private attackerKey?: Promise<CryptoKey>;

  private constructor(
    private readonly server: Server,
    private key: OrgKey,
  ) {}

  static async start(): Promise<TestOrg> {
    const server = createServer();
    const org = new TestOrg(server, await newKey('test-org-key'));
    server.on('request', (req, res) => {
      let body: unknown;
      if (req.url === '/.well-known/openid-configuration') {
        body = { issuer: org.issuer, jwks_uri: `${org.issuer}/oauth2/v1/keys` };
      } else if (req.url === '/oauth2/v1/keys') {
        org.keyFetches += 1;
        body = { keys: [org.key.jwk] };
      }
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

  get kid(): string {
    return this.key.kid;
  }

  /** From now on the org publishes, and signs with, a new key under a new `kid`. */
  async rotate(): Promise<void> {
    this.key = await newKey(`org-key-${randomUUID()}`);
  }

  /**
   * What Okta's org server sends for `audience`: RS256 with the org's kid, iss, aud, iat, nbf,
   * exp five minutes ahead and a fresh jti. `claims` overrides any of them (`undefined` drops
   * one); `signWith` signs with another key under the same kid (a forgery).
   */
  sign(
    audience: string,
    claims: JWTPayload = {},
    signWith: CryptoKey = this.key.privateKey,
  ): Promise<string> {
    return this.signAs(this.key.kid, audience, claims, signWith);
  }

  /**
   * A forgery that claims this org (its `iss`, the right `aud`, current, a fresh `jti`) but is
   * signed by another key under a `kid` nobody has used before.
   */
  async forge(audience: string): Promise<string> {
    this.attackerKey ??= generateKeyPair('RS256').then(({ privateKey }) => privateKey);
    return this.signAs(`made-up-${randomUUID()}`, audience, {}, await this.attackerKey);
  }

  async stop(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private signAs(
    kid: string,
    audience: string,
    claims: JWTPayload,
    key: CryptoKey,
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
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'global-token-revocation+jwt' })
      .sign(key);
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
