import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, type KeyLike, SignJWT } from 'jose';

interface OrgKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

async function newKey(): Promise<OrgKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = `org-key-${randomUUID()}`;
  return {
    kid,
    privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
  };
}

/**
 * An Okta org authorization server of the test's own that counts how often its key set is
 * fetched and rotates its signing key when told, so a test can flood the app with tokens under
 * made-up key ids and see what that costs the org, and whether a real rotation still gets in.
 */
export class RotatingOrg {
  /** Requests for the org's key set (`/oauth2/v1/keys`) so far. */
  keyFetches = 0;
  private attackerKey?: Promise<KeyLike>;

  private constructor(
    private readonly server: Server,
    private key: OrgKey,
  ) {}

  static async start(): Promise<RotatingOrg> {
    const server = createServer();
    const org = new RotatingOrg(server, await newKey());
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

  /** From now on the org publishes, and signs with, a new key under a new `kid`. */
  async rotate(): Promise<void> {
    this.key = await newKey();
  }

  /** A Universal Logout token as the org sends it for `audience`, under its current key. */
  sign(audience: string): Promise<string> {
    return this.signWith(this.key.privateKey, this.key.kid, audience);
  }

  /**
   * A forgery that claims this org (its `iss`, the right `aud`, current, a fresh `jti`) but is
   * signed by another key under a `kid` nobody has used before.
   */
  async forge(audience: string): Promise<string> {
    this.attackerKey ??= generateKeyPair('RS256').then(({ privateKey }) => privateKey);
    return this.signWith(await this.attackerKey, `made-up-${randomUUID()}`, audience);
  }

  async stop(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private signWith(key: KeyLike, kid: string, audience: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ sub: 'the-app-client-id', jti: randomUUID() })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'global-token-revocation+jwt' })
      .setIssuer(this.issuer)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(key);
  }
}
