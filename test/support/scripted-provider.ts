import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';

/** How the provider should misbehave on the next sign-ins; `honest` follows the spec. */
/** ID tokens that are not JWTs at all, as a broken provider might send them. */
const MALFORMED_ID_TOKENS = {
  'id-token-not-a-jwt': 'abc',
  'id-token-bad-payload': 'eyJhbGciOiJSUzI1NiJ9.<{nope>.c2ln',
  'id-token-number': 5,
  'id-token-object': {},
};

export type Behaviour =
  | 'honest'
  | 'id-token-forged'
  | 'id-token-alg-none'
  | 'id-token-wrong-nonce'
  | 'id-token-wrong-aud'
  | 'id-token-wrong-iss'
  | 'id-token-expired'
  | 'id-token-missing'
  | 'id-token-not-a-jwt'
  | 'id-token-bad-payload'
  | 'id-token-number'
  | 'id-token-object'
  | 'userinfo-other-sub'
  | 'userinfo-not-json'
  | 'token-refused'
  | 'token-html'
  | 'token-server-error'
  | 'token-hangs'
  | 'token-slow'
  | 'revocation-hangs'
  | 'revocation-fails';

/** How long `token-slow` keeps the token endpoint thinking. */
export const SLOW_TOKEN_MS = 1_000;

interface PendingCode {
  nonce: string;
  codeChallenge: string;
  redirectUri: string;
}

/**
 * A deliberately small OpenID Provider, written for these tests, that can be told to break
 * the protocol in one specific way: the relying-party checks are proven against real HTTP.
 * It also checks what the app sends (client_secret_basic, PKCE) and counts every call.
 */
export class ScriptedProvider {
  behaviour: Behaviour = 'honest';
  readonly calls = new Map<string, number>();
  readonly clientId = 'scripted-client';
  readonly clientSecret = randomBytes(16).toString('hex');
  /** Tokens revoked at `/revoke` by the client, with the hint it gave. */
  readonly revoked: { token: string; hint: string | null }[] = [];
  private server!: Server;
  private issuerUrl = '';
  private readonly codes = new Map<string, PendingCode>();
  private key!: { privateKey: CryptoKey; jwk: Record<string, unknown> };
  private rogueKey!: CryptoKey;
  private readonly hanging = new Set<ServerResponse>();

  get issuer(): string {
    return this.issuerUrl;
  }

  async start(): Promise<this> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    this.key = {
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' },
    };
    this.rogueKey = (await generateKeyPair('RS256')).privateKey;
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuerUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The variables that point the app at this provider. */
  get appEnv(): Record<string, string> {
    return {
      OKTA_ISSUER: this.issuerUrl,
      OKTA_CLIENT_ID: this.clientId,
      OKTA_CLIENT_SECRET: this.clientSecret,
    };
  }

  count(path: string): number {
    return this.calls.get(path) ?? 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuerUrl);
    this.calls.set(url.pathname, this.count(url.pathname) + 1);
    const body = await readBody(req);
    switch (url.pathname) {
      case '/.well-known/openid-configuration':
        return json(res, 200, {
          issuer: this.issuerUrl,
          authorization_endpoint: `${this.issuerUrl}/authorize`,
          token_endpoint: `${this.issuerUrl}/token`,
          userinfo_endpoint: `${this.issuerUrl}/userinfo`,
          jwks_uri: `${this.issuerUrl}/keys`,
          end_session_endpoint: `${this.issuerUrl}/logout`,
          revocation_endpoint: `${this.issuerUrl}/revoke`,
        });
      case '/keys':
        return json(res, 200, { keys: [this.key.jwk] });
      case '/authorize':
        return this.authorize(url, res);
      case '/token':
        return this.token(req, new URLSearchParams(body), res);
      case '/userinfo':
        return this.userinfo(req, res);
      case '/revoke':
        return this.revoke(req, new URLSearchParams(body), res);
      default:
        return json(res, 404, { error: 'not_found' });
    }
  }

  /** Signs the user in at once: the browser goes straight back with a code. */
  private authorize(url: URL, res: ServerResponse): void {
    const code = randomBytes(16).toString('hex');
    const redirectUri = url.searchParams.get('redirect_uri') ?? '';
    this.codes.set(code, {
      nonce: url.searchParams.get('nonce') ?? '',
      codeChallenge: url.searchParams.get('code_challenge') ?? '',
      redirectUri,
    });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    res.writeHead(302, { location: back.toString() }).end();
  }

  private async token(
    req: IncomingMessage,
    form: URLSearchParams,
    res: ServerResponse,
  ): Promise<void> {
    if (req.headers.authorization !== this.basicAuthorization())
      return json(res, 401, { error: 'invalid_client' });
    const pending = this.codes.get(form.get('code') ?? '');
    this.codes.delete(form.get('code') ?? '');
    if (!pending)
      return json(res, 400, { error: 'invalid_grant', error_description: 'unknown code' });
    const verifier = form.get('code_verifier') ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== pending.codeChallenge) {
      return json(res, 400, {
        error: 'invalid_grant',
        error_description: 'PKCE verification failed',
      });
    }
    if (form.get('redirect_uri') !== pending.redirectUri) {
      return json(res, 400, { error: 'invalid_grant', error_description: 'redirect_uri mismatch' });
    }
    switch (this.behaviour) {
      case 'token-refused':
        return json(res, 400, {
          error: 'invalid_grant',
          error_description: 'The authorization code is invalid.',
        });
      case 'token-html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Maintenance</html>');
        return;
      case 'token-server-error':
        return json(res, 503, { error: 'temporarily_unavailable' });
      case 'token-hangs':
        this.hanging.add(res);
        return;
      case 'token-slow':
        await new Promise((resolve) => setTimeout(resolve, SLOW_TOKEN_MS));
        break;
    }
    const tokens: Record<string, unknown> = {
      access_token: `at-${randomBytes(8).toString('hex')}`,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'openid profile email',
    };
    if (this.behaviour !== 'id-token-missing') tokens.id_token = await this.idToken(pending.nonce);
    if (this.behaviour in MALFORMED_ID_TOKENS) {
      tokens.id_token = MALFORMED_ID_TOKENS[this.behaviour as keyof typeof MALFORMED_ID_TOKENS];
    }
    return json(res, 200, tokens);
  }

  private async idToken(nonce: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      sub: 'user-1',
      nonce: this.behaviour === 'id-token-wrong-nonce' ? 'another-nonce' : nonce,
      name: 'Scripted User',
    };
    if (this.behaviour === 'id-token-alg-none') {
      return new UnsecuredJWT(claims)
        .setIssuer(this.issuerUrl)
        .setAudience(this.clientId)
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .encode();
    }
    const expired = this.behaviour === 'id-token-expired';
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(this.behaviour === 'id-token-wrong-iss' ? 'https://other.example' : this.issuerUrl)
      .setAudience(this.behaviour === 'id-token-wrong-aud' ? 'another-client' : this.clientId)
      .setIssuedAt(expired ? now - 7200 : now)
      .setExpirationTime(expired ? now - 3600 : now + 300)
      .sign(this.behaviour === 'id-token-forged' ? this.rogueKey : this.key.privateKey);
  }

  /** RFC 7009: 200 with an empty body, for the client's own credentials only. */
  private revoke(req: IncomingMessage, form: URLSearchParams, res: ServerResponse): void {
    if (req.headers.authorization !== this.basicAuthorization()) {
      return json(res, 401, { error: 'invalid_client' });
    }
    if (this.behaviour === 'revocation-hangs') {
      this.hanging.add(res);
      return;
    }
    if (this.behaviour === 'revocation-fails') return json(res, 503, { error: 'unavailable' });
    this.revoked.push({ token: form.get('token') ?? '', hint: form.get('token_type_hint') });
    res.writeHead(200).end();
  }

  private basicAuthorization(): string {
    return `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
  }

  private userinfo(req: IncomingMessage, res: ServerResponse): void {
    if (!req.headers.authorization?.startsWith('Bearer at-'))
      return json(res, 401, { error: 'invalid_token' });
    if (this.behaviour === 'userinfo-not-json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json</html>');
      return;
    }
    const sub = this.behaviour === 'userinfo-other-sub' ? 'someone-else' : 'user-1';
    json(res, 200, { sub, name: 'Scripted User', email: 'scripted@example.com' });
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
