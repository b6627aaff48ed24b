import { once } from 'node:events';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import { type AddressInfo } from 'node:net';
import {
  decodeJwt,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { type ProviderClient, startSharedProvider } from './app-instance';

/**
 * What the proxy does to the ID token in the answer to a refresh. `as-issued` leaves it alone;
 * the others re-sign it with the proxy's own key (which the key set it serves includes), so
 * every check but the one under test passes, or break its signature, or drop it.
 */
export type RefreshIdToken = 'as-issued' | 'missing' | 'wrong-iss' | 'wrong-sub' | 'bad-signature';

/** The answer to one refresh, held at the proxy: the provider has answered, the app waits. */
export interface HeldRefresh {
  /** The token response the provider gave; resolves once it has. */
  answered: Promise<Record<string, unknown>>;
  /** Lets the answer go on to the app. */
  release(): void;
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const PROXY_KID = 'provider-proxy-key';

/**
 * An HTTP proxy in front of the development identity provider, which is started with the proxy's
 * address as its issuer: everything the app and the browser send goes through it unchanged,
 * except what a test asks for. It can hold the answer to a refresh until the test lets it go
 * (while the test ends the session, say), change the ID token a refresh returns, and it records
 * the tokens the app revokes.
 */
export class ProviderProxy {
  refreshIdToken: RefreshIdToken = 'as-issued';
  /** Every answer to a refresh, as the app received it. */
  readonly refreshAnswers: Record<string, unknown>[] = [];
  /** The tokens the app asked the provider to revoke, in order. */
  readonly revoked: string[] = [];
  private target?: URL;
  private issuerPath = '/oauth2/default';
  private holds: ((answer: Record<string, unknown>) => Promise<void>)[] = [];

  private constructor(
    private readonly server: Server,
    private readonly key: { privateKey: CryptoKey; jwk: JWK },
    private readonly rogueKey: CryptoKey,
  ) {}

  static async start(): Promise<ProviderProxy> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: PROXY_KID, alg: 'RS256', use: 'sig' };
    const rogueKey = (await generateKeyPair('RS256')).privateKey;
    const server = createServer();
    const proxy = new ProviderProxy(server, { privateKey, jwk }, rogueKey);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      proxy.handle(req, res).catch((error: Error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`provider proxy: ${error.message}`);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The issuer the provider behind is started with: the proxy's own address. */
  get issuer(): string {
    return `${this.origin}${this.issuerPath}`;
  }

  forwardTo(origin: string): void {
    this.target = new URL(origin);
  }

  /** Holds the answer to the next refresh until `release()`. */
  holdNextRefresh(): HeldRefresh {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let answered!: (answer: Record<string, unknown>) => void;
    const answer = new Promise<Record<string, unknown>>((resolve) => (answered = resolve));
    this.holds.push((body) => {
      answered(body);
      return released;
    });
    return { answered: answer, release };
  }

  async stop(): Promise<void> {
    const closed = once(this.server, 'close');
    this.server.close();
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const { pathname } = new URL(req.url ?? '/', this.origin);
    const form = new URLSearchParams(body.toString('utf8'));
    if (req.method === 'POST' && pathname === `${this.issuerPath}/v1/revoke`) {
      this.revoked.push(form.get('token') ?? '');
    }
    const upstream = await this.forward(req, body);
    if (req.method === 'GET' && pathname === `${this.issuerPath}/v1/keys`) {
      return this.answer(res, upstream, this.withOwnKey(upstream.body));
    }
    const isRefresh =
      req.method === 'POST' &&
      pathname === `${this.issuerPath}/v1/token` &&
      form.get('grant_type') === 'refresh_token';
    if (!isRefresh || upstream.status !== 200) return this.answer(res, upstream, upstream.body);
    const answer = await this.rewriteRefresh(
      JSON.parse(upstream.body.toString('utf8')) as Record<string, unknown>,
    );
    this.refreshAnswers.push(answer);
    await this.holds.shift()?.(answer);
    this.answer(res, upstream, Buffer.from(JSON.stringify(answer)));
  }

  private forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    const target = this.target;
    if (!target) return Promise.reject(new Error('no provider to forward to yet'));
    return new Promise((resolve, reject) => {
      const upstream = request(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          // The Host header stays the proxy's: the provider builds its links from the issuer.
          headers: req.headers,
        },
        (response) => {
          readBody(response).then(
            (data) =>
              resolve({
                status: response.statusCode ?? 502,
                headers: response.headers,
                body: data,
              }),
            reject,
          );
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  private answer(res: ServerResponse, upstream: Upstream, body: Buffer): void {
    const headers = { ...upstream.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(body.length);
    res.writeHead(upstream.status, headers).end(body);
  }

  /** The provider's key set with the proxy's key added, so ID tokens it signs are valid. */
  private withOwnKey(body: Buffer): Buffer {
    const keys = JSON.parse(body.toString('utf8')) as { keys: JWK[] };
    return Buffer.from(JSON.stringify({ keys: [...keys.keys, this.key.jwk] }));
  }

  private async rewriteRefresh(answer: Record<string, unknown>): Promise<Record<string, unknown>> {
    const idToken = answer.id_token;
    if (this.refreshIdToken === 'as-issued') return answer;
    if (this.refreshIdToken === 'missing') {
      const rest = { ...answer };
      delete rest.id_token;
      return rest;
    }
    if (typeof idToken !== 'string') throw new Error('the provider sent no ID token to change');
    const claims = decodeJwt(idToken);
    const changed: Record<Exclude<RefreshIdToken, 'as-issued' | 'missing'>, JWTPayload> = {
      'wrong-iss': { ...claims, iss: 'https://other.example/oauth2/default' },
      'wrong-sub': { ...claims, sub: 'someone-else' },
      'bad-signature': claims,
    };
    const signWith = this.refreshIdToken === 'bad-signature' ? this.rogueKey : this.key.privateKey;
    return {
      ...answer,
      id_token: await new SignJWT(changed[this.refreshIdToken])
        .setProtectedHeader({ alg: 'RS256', kid: PROXY_KID })
        .sign(signWith),
    };
  }
}

/**
 * The development identity provider behind a `ProviderProxy`, with one client for the apps on
 * `appPorts` (as `startSharedProvider` registers it): the app is pointed at the proxy's issuer.
 */
export async function startProviderBehindProxy(
  appPorts: number[],
  options: { accessTokenTtlSeconds?: number; universalLogoutEndpoint?: string } = {},
): Promise<{ client: ProviderClient; proxy: ProviderProxy }> {
  const proxy = await ProviderProxy.start();
  try {
    const client = await startSharedProvider(appPorts, { ...options, issuer: proxy.issuer });
    proxy.forwardTo(`http://127.0.0.1:${client.provider.port}`);
    const stop = async () => {
      await client.provider.stop();
      await proxy.stop();
    };
    return { client: { ...client, provider: { ...client.provider, stop } }, proxy };
  } catch (error) {
    await proxy.stop();
    throw error;
  }
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}
