import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import { readConfig } from '../src/config/read-config';
import {
  type DevIdentityProviderOptions,
  launchDevIdentityProvider,
  readDemoUsers,
  type RunningIdentityProvider,
} from 'okta-dev-idp';
import { resolveIdentityProvider } from '../src/dev-identity-provider/resolve-identity-provider';
import { CLOSED_PORT } from './support/closed-port';
import { LogoutReceiver, type ReceivedRequest } from './support/logout-receiver';

/**
 * The development identity provider plays the Okta org for Universal Logout: its org
 * authorization server publishes keys at Okta's org paths, and a developer (a page, or
 * `npm run idp:universal-logout`) makes it POST the app's Global Token Revocation endpoint what
 * Okta would. A stub receiver stands in for the app's endpoint.
 */
const ROOT = join(__dirname, '..');
const USERS = readDemoUsers();
const BOB = USERS.find((user) => user.email === 'bob@example.com')!;
const ENDPOINT_PATH = '/global-token-revocation';
const PRIVATE_RSA_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

const CLIENT = {
  client_id: 'universal-logout-test',
  client_secret: 'universal-logout-test-secret-long-enough',
  redirect_uris: ['http://127.0.0.1:8080/authorization-code/callback'],
  post_logout_redirect_uris: ['http://127.0.0.1:8080'],
};

let receiver: LogoutReceiver;
const providers: RunningIdentityProvider[] = [];

beforeAll(async () => {
  receiver = await LogoutReceiver.start();
});
afterAll(async () => {
  for (const provider of providers) await provider.stop();
  await receiver.stop();
});
beforeEach(() => {
  receiver.status = 204;
  receiver.requests.splice(0);
});

const endpoint = () => `${receiver.origin}${ENDPOINT_PATH}`;
const originOf = (provider: RunningIdentityProvider) => new URL(provider.issuer).origin;

async function launch(options: Partial<DevIdentityProviderOptions> = {}) {
  const provider = await launchDevIdentityProvider({
    port: 0,
    host: '127.0.0.1',
    clients: [CLIENT],
    universalLogout: { endpoint: endpoint() },
    ...options,
  });
  providers.push(provider);
  return provider;
}

type Json = Record<string, unknown>;
type KeySet = { keys: ({ kid: string } & Json)[] };

async function getJson<T = Json>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

/** Asks the provider for a Universal Logout the way `npm run idp:universal-logout` does. */
async function trigger(provider: RunningIdentityProvider, body: Record<string, string>) {
  const response = await fetch(`${originOf(provider)}/dev/universal-logout`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

/** Verifies a received request's JWT as the app must: against the org's published keys. */
async function verifiedClaims(
  provider: RunningIdentityProvider,
  request: ReceivedRequest,
  audience = endpoint(),
): Promise<JWTPayload> {
  const token = /^Bearer (\S+)$/.exec(request.authorization ?? '')?.[1] ?? '';
  const header = decodeProtectedHeader(token);
  expect(header.alg).toBe('RS256');
  expect(typeof header.kid).toBe('string');
  const org = originOf(provider);
  const keys = createRemoteJWKSet(new URL(`${org}/oauth2/v1/keys`));
  const { payload } = await jwtVerify(token, keys, {
    issuer: org,
    audience,
    algorithms: ['RS256'],
  });
  // The custom authorization server's keys are another pair: they must not verify it.
  const customKeys = createRemoteJWKSet(new URL(`${provider.issuer}/v1/keys`));
  await expect(jwtVerify(token, customKeys)).rejects.toThrow();
  return payload;
}

describe('The org authorization server', () => {
  let provider: RunningIdentityProvider;
  beforeAll(async () => {
    provider = await launch();
  });

  it("publishes discovery and keys at Okta's org paths, naming only what exists", async () => {
    const org = originOf(provider);
    expect(await getJson(`${org}/.well-known/openid-configuration`)).toEqual({
      issuer: org,
      jwks_uri: `${org}/oauth2/v1/keys`,
    });
    const { keys } = await getJson<KeySet>(`${org}/oauth2/v1/keys`);
    expect(keys).toHaveLength(1);
    for (const key of keys) {
      expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(typeof key.kid).toBe('string');
      for (const member of PRIVATE_RSA_MEMBERS) expect(key).not.toHaveProperty(member);
    }
  });

  it("keeps a key pair apart from the custom authorization server's", async () => {
    const org = originOf(provider);
    const orgKids = (await getJson<KeySet>(`${org}/oauth2/v1/keys`)).keys.map((key) => key.kid);
    const customKeys = (await getJson<KeySet>(`${provider.issuer}/v1/keys`)).keys;
    expect(customKeys.length).toBeGreaterThan(0);
    for (const key of customKeys) expect(orgKids).not.toContain(key.kid);
  });

  it('leaves the custom authorization server where it was', async () => {
    const metadata = await getJson(`${provider.issuer}/.well-known/openid-configuration`);
    expect(metadata).toMatchObject({
      issuer: provider.issuer,
      jwks_uri: `${provider.issuer}/v1/keys`,
      authorization_endpoint: `${provider.issuer}/v1/authorize`,
      token_endpoint: `${provider.issuer}/v1/token`,
    });
    const rfc8414 = await getJson(`${provider.issuer}/.well-known/oauth-authorization-server`);
    expect(rfc8414.issuer).toBe(provider.issuer);
  });
});

describe('Triggering a Universal Logout', () => {
  let provider: RunningIdentityProvider;
  beforeAll(async () => {
    provider = await launch();
  });

  it('POSTs the email subject with a JWT the app can verify against the org keys', async () => {
    const before = Math.floor(Date.now() / 1000);
    const result = await trigger(provider, { email: 'Bob@Example.com' });
    expect(result).toEqual({
      status: 200,
      body: {
        endpoint: endpoint(),
        subject: { format: 'email', email: BOB.email },
        status: 204,
      },
    });
    const request = receiver.takeOne();
    expect(request).toMatchObject({ method: 'POST', path: ENDPOINT_PATH });
    expect(request.contentType).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({ subject: { format: 'email', email: BOB.email } });
    const claims = await verifiedClaims(provider, request);
    expect(claims.iat).toBeGreaterThanOrEqual(before - 1);
    expect(claims.exp! - claims.iat!).toBeGreaterThan(0);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(300);
  });

  it.each<Record<string, string>>([{ email: BOB.email }, { sub: BOB.sub }])(
    'names the user by issuer and subject when asked (%o)',
    async (who) => {
      const result = await trigger(provider, { ...who, format: 'iss_sub' });
      const subject = { format: 'iss_sub', iss: provider.issuer, sub: BOB.sub };
      expect(result.body).toMatchObject({ subject, status: 204 });
      const request = receiver.takeOne();
      expect(JSON.parse(request.body)).toEqual({ subject });
      await verifiedClaims(provider, request);
    },
  );

  it('gives every request a JWT with its own jti', async () => {
    const ids = new Set<unknown>();
    for (let i = 0; i < 3; i++) {
      await trigger(provider, { email: BOB.email });
      ids.add((await verifiedClaims(provider, receiver.takeOne())).jti);
    }
    expect(ids.size).toBe(3);
    for (const id of ids) expect(typeof id).toBe('string');
  });

  it.each([400, 401, 403, 404, 422, 500])("reports the app's answer %i", async (status) => {
    receiver.status = status;
    const result = await trigger(provider, { email: BOB.email });
    expect(result).toMatchObject({ status: 200, body: { status } });
    receiver.takeOne();
  });

  it.each([
    [{ email: 'nobody@example.com' }, 404, 'unknown_user'],
    [{ sub: '00uNOBODY' }, 404, 'unknown_user'],
    [{}, 400, 'invalid_request'],
    [{ email: BOB.email, format: 'opaque' }, 400, 'invalid_request'],
  ])('refuses %o with %i and sends nothing', async (body, status, error) => {
    const result = await trigger(provider, body);
    expect(result).toMatchObject({ status, body: { error } });
    expect(receiver.requests).toHaveLength(0);
  });

  it('serves a page whose buttons send the request for each demo user', async () => {
    const url = `${originOf(provider)}/dev/universal-logout`;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
    const markup = await page.text();
    for (const user of USERS) {
      expect(markup).toContain(user.email);
      expect(markup).toContain(`name="sub" value="${user.sub}"`);
    }
    const pressed = await fetch(url, {
      method: 'POST',
      headers: { origin: originOf(provider) },
      body: new URLSearchParams({ sub: BOB.sub, format: 'iss_sub' }),
    });
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain(
      `Sent a Universal Logout for ${BOB.email} (iss_sub); the app answered 204.`,
    );
    expect(JSON.parse(receiver.takeOne().body)).toMatchObject({ subject: { sub: BOB.sub } });
  });

  it('refuses a form posted from another site', async () => {
    const response = await fetch(`${originOf(provider)}/dev/universal-logout`, {
      method: 'POST',
      headers: { origin: 'https://elsewhere.example' },
      body: new URLSearchParams({ sub: BOB.sub, format: 'email' }),
    });
    expect(response.status).toBe(403);
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('Triggering a Universal Logout when it cannot be delivered', () => {
  it('answers 502 when the app does not answer', async () => {
    const provider = await launch({
      universalLogout: { endpoint: `http://127.0.0.1:${CLOSED_PORT}${ENDPOINT_PATH}` },
    });
    const result = await trigger(provider, { email: BOB.email });
    expect(result.status).toBe(502);
    expect(result.body).toMatchObject({ error: 'endpoint_unreachable' });
    expect(result.body.error_description).toContain('ECONNREFUSED');
  });

  it('answers 503, naming the setting, when no endpoint is configured', async () => {
    const provider = await launch({ universalLogout: undefined });
    const result = await trigger(provider, { email: BOB.email });
    expect(result.status).toBe(503);
    expect(result.body.error_description).toContain('DEV_IDP_UNIVERSAL_LOGOUT_ENDPOINT=');
  });

  it('refuses to start with an endpoint that is not an http(s) URL', async () => {
    await expect(launch({ universalLogout: { endpoint: 'localhost:8080/gtr' } })).rejects.toThrow(
      /Universal Logout endpoint must be an absolute http\(s\) URL.*Example: DEV_IDP_UNIVERSAL_LOGOUT_ENDPOINT=/,
    );
  });
});

describe('npm run idp:universal-logout', () => {
  let provider: RunningIdentityProvider;
  beforeAll(async () => {
    provider = await launch();
  });

  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn('npm', ['run', '--silent', 'idp:universal-logout', '--', ...args], {
        cwd: ROOT,
        env: { ...process.env, DEV_IDP_PORT: String(provider.port) },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('asks the running provider to send the request and prints the status', async () => {
    const { code, stdout } = await run(BOB.email);
    expect(stdout).toContain(
      `Sent a Universal Logout for ${BOB.email} (email) to ${endpoint()}: the app answered 204.`,
    );
    expect(code).toBe(0);
    await verifiedClaims(provider, receiver.takeOne());
  });

  it('sends an issuer-and-subject request with --format iss_sub', async () => {
    const { code } = await run(BOB.email, '--format', 'iss_sub');
    expect(code).toBe(0);
    expect(JSON.parse(receiver.takeOne().body)).toEqual({
      subject: { format: 'iss_sub', iss: provider.issuer, sub: BOB.sub },
    });
  });

  it('fails when the app answers anything but success', async () => {
    receiver.status = 404;
    const { code, stdout } = await run(BOB.email);
    expect(stdout).toContain('the app answered 404.');
    expect(code).toBe(1);
    receiver.takeOne();
  });

  it('fails with the reason when the user is unknown', async () => {
    const { code, stderr } = await run('nobody@example.com');
    expect(stderr).toContain('No demo user has the email nobody@example.com.');
    expect(code).toBe(1);
    expect(receiver.requests).toHaveLength(0);
  });
});

describe("The app's launcher", () => {
  it("points the provider's Universal Logout at APP_BASE_URL/global-token-revocation", async () => {
    const { devIdentityProvider } = await resolveIdentityProvider(
      readConfig({
        NODE_ENV: 'test',
        PORT: new URL(receiver.origin).port,
        APP_BASE_URL: receiver.origin,
        DEV_IDP_PORT: '0',
      }),
    );
    providers.push(devIdentityProvider!);
    const result = await trigger(devIdentityProvider!, { email: BOB.email });
    expect(result.body).toMatchObject({ endpoint: endpoint(), status: 204 });
    const request = receiver.takeOne();
    expect(request.path).toBe(ENDPOINT_PATH);
    await verifiedClaims(devIdentityProvider!, request, `${receiver.origin}${ENDPOINT_PATH}`);
  });
});
