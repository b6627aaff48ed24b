import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigError } from '../src/config/config.error';
import { readAppConfig } from '../src/read-app-config';
import { Browser, signOut } from './support/browser';
import { ALICE, signIn } from './support/sign-in';
import { type Stack, startStack } from './support/stack';
import { sessionTokensOf } from './support/stored-sessions';
import { callbackUrl, identify, openWidgetPage, widgetAuthClient } from './support/widget-client';
import { privateJwk, useKeyFolder } from './support/client-keys';

const CALLBACK = '/authorization-code/callback';
const TOKEN_TTL_SECONDS = 2;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const keys = useKeyFolder();

/**
 * `private_key_jwt` against the development provider, which registers the app with its keys'
 * public halves and checks every assertion as Okta does (aud the endpoint called, single-use
 * jti, exp within the hour): sign-in, refresh at the token endpoint and revocation at sign-out
 * all succeed only with a good assertion.
 */
describe.each([
  { alg: 'RS256', kind: 'rsa' as const, par: 'false' },
  { alg: 'ES256', kind: 'ec' as const, par: 'false' },
  { alg: 'RS256', kind: 'rsa' as const, par: 'true' },
  { alg: 'ES256', kind: 'ec' as const, par: 'true' },
])('private_key_jwt with $alg, PAR $par', ({ alg, kind, par }) => {
  let stack: Stack;
  const url = (path: string) => `${stack.baseUrl}${path}`;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        OKTA_CLIENT_AUTH: 'private_key_jwt',
        OKTA_PRIVATE_KEY_FILE: keys.file(`${alg}-${par}.json`, privateJwk(kind, `key-${alg}`)),
        OKTA_PAR: par,
        DEV_IDP_ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS),
        OKTA_SCOPES: 'openid profile email offline_access',
      },
    });
  });
  afterAll(() => stack?.close());

  it('signs in, refreshes and revokes the tokens at sign-out, each call with an assertion of its own', async () => {
    const browser = new Browser();
    const start = await browser.request(url('/login'));
    const authorize = new URL(start.location!);
    expect(authorize.pathname).toBe(new URL(`${stack.issuer}/v1/authorize`).pathname);
    if (par === 'true') {
      // The front channel carries a handle for the pushed request, and nothing of the sign-in.
      expect([...authorize.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
      for (const name of ['state', 'nonce', 'code_challenge', 'scope', 'redirect_uri']) {
        expect(authorize.searchParams.has(name)).toBe(false);
      }
    } else {
      expect(authorize.searchParams.get('code_challenge')).toEqual(expect.any(String));
    }

    const landed = await signIn(browser, url('/profile'), ALICE, url(CALLBACK));
    expect(landed.status).toBe(200);
    expect(landed.body).toContain('alice@example.com');
    const tokens = await sessionTokensOf(stack, browser);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    // The access token expires; the next downstream call refreshes it with a new assertion.
    await pause(TOKEN_TTL_SECONDS * 1000 + 500);
    const live = await browser.request(url('/api/me/live'), { accept: 'application/json' });
    expect(live.status).toBe(200);
    const refreshed = await sessionTokensOf(stack, browser);
    expect(refreshed.accessToken).not.toBe(tokens.accessToken);

    const loggedOut = await signOut(browser, stack.baseUrl);
    expect(loggedOut.status).toBe(302);
    // Revoked at the provider: the access token no longer reads userinfo.
    const userinfo = await fetch(`${stack.issuer}/v1/userinfo`, {
      headers: { authorization: `Bearer ${refreshed.accessToken}` },
    });
    expect(userinfo.status).toBe(401);
  });
});

/**
 * The demo's one setting: with the development provider, `OKTA_CLIENT_AUTH=private_key_jwt` alone
 * signs with a key made at start-up and, OKTA_PAR being unset, uses PAR, which the provider's
 * discovery advertises (an Okta org would keep OKTA_PAR's default, false).
 */
describe('OKTA_CLIENT_AUTH=private_key_jwt alone, with the development provider', () => {
  let stack: Stack;
  const tokenCalls: { headers: Headers; body: URLSearchParams }[] = [];
  const realFetch = globalThis.fetch;

  beforeAll(async () => {
    // The app runs in this process: its calls to the token endpoint are recorded on the way.
    globalThis.fetch = (input, init) => {
      const target = input instanceof Request ? input.url : input.toString();
      if (target.endsWith('/v1/token') && init?.body instanceof URLSearchParams) {
        tokenCalls.push({ headers: new Headers(init.headers), body: init.body });
      }
      return realFetch(input, init);
    };
    stack = await startStack({ env: { OKTA_CLIENT_AUTH: 'private_key_jwt' } });
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await stack?.close();
  });

  it('pushes the authorization request and exchanges the code with an assertion', async () => {
    expect(stack.config.okta).toMatchObject({
      clientAuthentication: 'private_key_jwt',
      pushedAuthorizationRequests: 'auto',
    });
    const browser = new Browser();
    const start = await browser.request(url('/login'));
    const authorize = new URL(start.location!);
    expect(authorize.pathname).toBe(new URL(`${stack.issuer}/v1/authorize`).pathname);
    expect([...authorize.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);

    const landed = await signIn(browser, url('/profile'), ALICE, url(CALLBACK));
    expect(landed.status).toBe(200);
    expect(landed.body).toContain(ALICE.username);
    const exchange = tokenCalls.find(({ body }) => body.get('grant_type') === 'authorization_code');
    expect(exchange?.body.get('client_assertion_type')).toBe(
      'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    );
    expect(exchange?.body.get('client_assertion')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(exchange?.body.has('client_secret')).toBe(false);
    expect(exchange?.headers.has('authorization')).toBe(false);
  });

  function url(path: string) {
    return `${stack.baseUrl}${path}`;
  }
});

/** An Okta org's settings with `private_key_jwt`, but for the key. */
const CONFIG_BASE = {
  NODE_ENV: 'test',
  APP_BASE_URL: 'http://127.0.0.1:8080',
  OKTA_ISSUER: 'https://dev-123456.okta.com/oauth2/default',
  OKTA_CLIENT_ID: '0oa1b2c3d4EXAMPLE',
  OKTA_CLIENT_AUTH: 'private_key_jwt',
};

describe('private_key_jwt configuration errors name the setting', () => {
  const base = CONFIG_BASE;
  function problemsOf(env: Record<string, string>): string {
    try {
      readAppConfig({ ...base, ...env });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('the configuration was accepted');
  }

  it('refuses a key file it cannot read', () => {
    expect(problemsOf({ OKTA_PRIVATE_KEY_FILE: keys.path('missing.pem') })).toMatch(
      /OKTA_PRIVATE_KEY_FILE: cannot read .*missing\.pem.*ENOENT.*Example: OKTA_PRIVATE_KEY_FILE=/,
    );
  });

  it('refuses a file that holds no key', () => {
    const path = keys.file('garbage.pem', 'not a key');
    expect(problemsOf({ OKTA_PRIVATE_KEY_FILE: path })).toMatch(
      /OKTA_PRIVATE_KEY_FILE: is not a readable PEM private key, JWK or JWKS\. Example:/,
    );
  });

  it('refuses a public key where the private one is needed', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const path = keys.file('public.pem', publicKey.export({ format: 'pem', type: 'spki' }));
    expect(problemsOf({ OKTA_PRIVATE_KEY_FILE: path, OKTA_PRIVATE_KEY_ID: 'k' })).toMatch(
      /OKTA_PRIVATE_KEY_FILE: is a public key; give the private key/,
    );
  });

  it('refuses a key of an unsupported algorithm', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const path = keys.file('p384.pem', privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(problemsOf({ OKTA_PRIVATE_KEY_FILE: path, OKTA_PRIVATE_KEY_ID: 'k' })).toMatch(
      /OKTA_PRIVATE_KEY_FILE: is a ec secp384r1 key; use an RSA key .*\(RS256\) or an EC P-256 key \(ES256\)/,
    );
  });

  it('asks for the kid of a key that has none', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const path = keys.file('no-kid.pem', privateKey.export({ format: 'pem', type: 'pkcs8' }));
    expect(problemsOf({ OKTA_PRIVATE_KEY_FILE: path })).toMatch(
      /OKTA_PRIVATE_KEY_ID: is required: the key has no "kid".*Example: OKTA_PRIVATE_KEY_ID=key-2026/,
    );
  });

  it('refuses a kid the JWKS does not hold', () => {
    const path = keys.file('two.json', {
      keys: [privateJwk('ec', 'old'), privateJwk('ec', 'new')],
    });
    expect(problemsOf({ OKTA_PRIVATE_KEY_FILE: path, OKTA_PRIVATE_KEY_ID: 'other' })).toMatch(
      /OKTA_PRIVATE_KEY_ID: names no key of the JWKS \("other"; it has "old", "new"\)/,
    );
  });

  it('needs no client secret with a key', () => {
    const path = keys.file('ok.json', privateJwk('ec', 'k1'));
    expect(() => readAppConfig({ ...base, OKTA_PRIVATE_KEY_FILE: path })).not.toThrow();
  });
});

describe('the key tool (nest-okta-key)', () => {
  // The package's `bin`, where npm links it from.
  const tool = join(dirname(require.resolve('nest-okta/package.json')), 'bin/nest-okta-key.mjs');
  const run = (...args: string[]) =>
    execFileSync(process.execPath, [tool, ...args], { encoding: 'utf8' });

  it('writes a JWKS the app signs with, and prints the public JWK and the settings', () => {
    const out = keys.path('tool.jwks.json');
    const printed = run('--alg', 'ES256', '--kid', 'tool-1', '--out', out);
    const publicJwk = JSON.parse(/\n(\{\n[\s\S]*?\n\})\n/.exec(printed)![1]) as Record<
      string,
      string
    >;
    expect(publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'tool-1', alg: 'ES256' });
    expect(publicJwk.d).toBeUndefined();
    expect(printed).toContain(`OKTA_PRIVATE_KEY_FILE=${out}`);
    expect(printed).toContain('OKTA_PRIVATE_KEY_ID=tool-1');
    expect(statSync(out).mode & 0o077).toBe(0);

    // A rotation's second key beside the first: the app takes either.
    run('--kid', 'tool-2', '--out', out, '--add');
    const settings = { ...CONFIG_BASE, OKTA_PRIVATE_KEY_FILE: out };
    for (const kid of ['tool-1', 'tool-2']) {
      expect(() => readAppConfig({ ...settings, OKTA_PRIVATE_KEY_ID: kid })).not.toThrow();
    }
    expect(() => run('--out', out)).toThrow();
  });
});

/**
 * The embedded widget's model: the app starts the interaction at /v1/interact with an assertion,
 * the browser talks to the Identity Engine, and the app redeems the interaction code at the token
 * endpoint with another. (PAR is the hosted page's alone.)
 */
describe('private_key_jwt with the Sign-In Widget', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      env: {
        OKTA_SIGN_IN_MODE: 'widget',
        OKTA_CLIENT_AUTH: 'private_key_jwt',
        OKTA_PRIVATE_KEY_FILE: keys.file('widget.json', privateJwk('ec', 'widget-key')),
        OKTA_PAR: 'auto',
      },
    });
  });
  afterAll(() => stack?.close());

  it('exchanges the interaction code with an assertion', async () => {
    const browser = new Browser();
    const { options } = await openWidgetPage(browser, `${stack.baseUrl}/login`);
    const transaction = await identify(widgetAuthClient(options), options, ALICE);
    await browser.follow(callbackUrl(options, transaction));
    const me = await browser.request(`${stack.baseUrl}/api/me`, { accept: 'application/json' });
    expect(me.status).toBe(200);
    expect(JSON.parse(me.body)).toMatchObject({ email: ALICE.username });
  });
});
