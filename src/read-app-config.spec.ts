import { ConfigError } from './config/config.error';
import { readAppConfig as readConfig } from './read-app-config';

type Env = Record<string, string | undefined>;

const ISSUER = 'https://dev-123456.okta.com/oauth2/default';
/** 32 random bytes in base64url: what the SESSION_SECRET example command prints. */
const GOOD_SECRET = 'kYb-dchWabys-q-d6W9AJ0WeOx60j0wurOBzbUlblXQ';
const OKTA: Env = {
  OKTA_ISSUER: ISSUER,
  OKTA_CLIENT_ID: '0oa1b2c3d4EXAMPLE',
  OKTA_CLIENT_SECRET: '8ioiI76PuFrkGw6BYwU0FwykCwqb-fUa',
};
/** Asymmetric matchers typed as the values they stand for. */
const aRandomSecret = expect.stringMatching(/^[\w-]{43}$/) as string;
const anyString = expect.any(String) as string;
const PRODUCTION: Env = {
  NODE_ENV: 'production',
  SESSION_SECRET: GOOD_SECRET,
  REDIS_URL: 'redis://redis.internal:6379',
  ...OKTA,
};

/** The problems readConfig reports for `env`; fails the test if it does not throw a ConfigError. */
function problemsFor(env: Env): string[] {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected readConfig to throw a ConfigError');
}

/** [case, environment, the variable the single problem names, what the problem says] */
type Rejection = [string, Env, string, RegExp];

const issuerRejections: Rejection[] = [
  [
    'an issuer on plain http that is not localhost',
    { ...OKTA, OKTA_ISSUER: 'http://dev-1.okta.com/oauth2/default' },
    'OKTA_ISSUER',
    /must use https:\/\//,
  ],
  [
    'the Admin Console (-admin) domain',
    { ...OKTA, OKTA_ISSUER: 'https://dev-123456-admin.okta.com/oauth2/default' },
    'OKTA_ISSUER',
    /remove "-admin" \(use dev-123456\.okta\.com\)/,
  ],
  [
    'the {yourOktaDomain} placeholder',
    { ...OKTA, OKTA_ISSUER: 'https://{yourOktaDomain}/oauth2/default' },
    'OKTA_ISSUER',
    /placeholder/,
  ],
  [
    'an issuer with a trailing slash',
    { ...OKTA, OKTA_ISSUER: `${ISSUER}/` },
    'OKTA_ISSUER',
    /must not end with a slash/,
  ],
  [
    'an issuer that is not a URL',
    { ...OKTA, OKTA_ISSUER: 'dev-123456.okta.com/oauth2/default' },
    'OKTA_ISSUER',
    /must be a full URL starting with https:\/\//,
  ],
  [
    'an issuer with a query string',
    { ...OKTA, OKTA_ISSUER: `${ISSUER}?client=1` },
    'OKTA_ISSUER',
    /must not have a query or fragment/,
  ],
];

const credentialRejections: Rejection[] = [
  [
    'a client id that still holds the {clientId} placeholder',
    { ...OKTA, OKTA_CLIENT_ID: '{clientId}' },
    'OKTA_CLIENT_ID',
    /still holds a placeholder/,
  ],
  [
    'a client secret that still holds a placeholder',
    { ...OKTA, OKTA_CLIENT_SECRET: '{clientSecret}' },
    'OKTA_CLIENT_SECRET',
    /still holds a placeholder/,
  ],
  [
    'a client id without an issuer',
    { OKTA_CLIENT_ID: OKTA.OKTA_CLIENT_ID },
    'OKTA_CLIENT_ID',
    /set but OKTA_ISSUER is not/,
  ],
  [
    'a client secret without an issuer',
    { OKTA_CLIENT_SECRET: OKTA.OKTA_CLIENT_SECRET },
    'OKTA_CLIENT_SECRET',
    /set but OKTA_ISSUER is not/,
  ],
];

const productionRejections: Rejection[] = [
  [
    'production without OKTA_ISSUER',
    {
      ...PRODUCTION,
      OKTA_ISSUER: undefined,
      OKTA_CLIENT_ID: undefined,
      OKTA_CLIENT_SECRET: undefined,
    },
    'OKTA_ISSUER',
    /required when NODE_ENV=production/,
  ],
  [
    'production without SESSION_SECRET',
    { ...PRODUCTION, SESSION_SECRET: undefined },
    'SESSION_SECRET',
    /required when NODE_ENV=production/,
  ],
  [
    'production with a short SESSION_SECRET',
    { ...PRODUCTION, SESSION_SECRET: 'kYb-dchWabys-q-d6W9AJ0' },
    'SESSION_SECRET',
    /at least 32 characters/,
  ],
  [
    'production with a long placeholder SESSION_SECRET',
    { ...PRODUCTION, SESSION_SECRET: 'change-me-to-a-long-random-string-please' },
    'SESSION_SECRET',
    /not a placeholder/,
  ],
  [
    'production with a {sessionSecret} placeholder padded to length',
    { ...PRODUCTION, SESSION_SECRET: '{sessionSecret}{sessionSecret}{sessionSecret}' },
    'SESSION_SECRET',
    /not a placeholder/,
  ],
  [
    'production with a SESSION_SECRET of one repeated character',
    { ...PRODUCTION, SESSION_SECRET: 'a'.repeat(32) },
    'SESSION_SECRET',
    /repeated pattern/,
  ],
  [
    'production with a SESSION_SECRET of a short repeated pattern',
    { ...PRODUCTION, SESSION_SECRET: 'abc1'.repeat(12) },
    'SESSION_SECRET',
    /repeated pattern/,
  ],
  [
    'production with a SESSION_SECRET of a longer repeated pattern',
    { ...PRODUCTION, SESSION_SECRET: '0123456789abcdef0123456789abcdef' },
    'SESSION_SECRET',
    /repeated pattern/,
  ],
  [
    'production with a SESSION_SECRET of the alphabet in order',
    { ...PRODUCTION, SESSION_SECRET: 'abcdefghijklmnopqrstuvwxyz012345' },
    'SESSION_SECRET',
    /repeated pattern/,
  ],
  [
    'production with a SESSION_SECRET typed along the keyboard',
    { ...PRODUCTION, SESSION_SECRET: 'qwertyuiopasdfghjklzxcvbnm123456' },
    'SESSION_SECRET',
    /repeated pattern/,
  ],
  [
    'production with sessions in memory',
    { ...PRODUCTION, REDIS_URL: undefined },
    'REDIS_URL',
    /required when NODE_ENV=production.*ALLOW_MEMORY_SESSIONS=true/,
  ],
];

const otherRejections: Rejection[] = [
  ['a PORT that is not a number', { PORT: 'eighty' }, 'PORT', /must be a port number/],
  ['a PORT above 65535', { PORT: '70000' }, 'PORT', /must be a port number/],
  ['a negative PORT', { PORT: '-1' }, 'PORT', /must be a port number/],
  ['a fractional PORT', { PORT: '80.5' }, 'PORT', /must be a port number/],
  ['a DEV_IDP_PORT that is not a number', { DEV_IDP_PORT: 'x' }, 'DEV_IDP_PORT', /port number/],
  ['an unknown NODE_ENV', { NODE_ENV: 'staging' }, 'NODE_ENV', /must be one of/],
  ['an abbreviated NODE_ENV', { NODE_ENV: 'prod' }, 'NODE_ENV', /must be one of/],
  ['a NODE_ENV in the wrong case', { NODE_ENV: 'Production' }, 'NODE_ENV', /must be one of/],
  ['OKTA_SCOPES without openid', { OKTA_SCOPES: 'profile email' }, 'OKTA_SCOPES', /"openid"/],
  ['a PORT in hexadecimal', { PORT: '0x1F' }, 'PORT', /port number/],
  ['a PORT in exponent form', { PORT: '1e3' }, 'PORT', /port number/],
  [
    'an APP_BASE_URL with a query',
    { APP_BASE_URL: 'https://app.example.com?x=1' },
    'APP_BASE_URL',
    /without a path/,
  ],
  [
    'the development provider on the app port',
    { PORT: '8081' },
    'PORT and DEV_IDP_PORT',
    /port of its own/,
  ],
  ['a REDIS_URL that is not redis://', { REDIS_URL: 'localhost:6379' }, 'REDIS_URL', /redis:\/\//],
  [
    'an ALLOW_MEMORY_SESSIONS that is not a boolean',
    { ALLOW_MEMORY_SESSIONS: 'sure' },
    'ALLOW_MEMORY_SESSIONS',
    /true or false/,
  ],
  [
    'a zero idle timeout',
    { SESSION_IDLE_TIMEOUT_SECONDS: '0' },
    'SESSION_IDLE_TIMEOUT_SECONDS',
    /whole number of at least 1/,
  ],
  [
    'a session maximum in hours',
    { SESSION_MAX_AGE_SECONDS: '8h' },
    'SESSION_MAX_AGE_SECONDS',
    /whole number/,
  ],
  ['TRUST_PROXY=true', { TRUST_PROXY: 'true' }, 'TRUST_PROXY', /number of proxy hops/],
  [
    'TRUST_PROXY for the whole IPv4 internet',
    { TRUST_PROXY: '0.0.0.0/0' },
    'TRUST_PROXY',
    /never 0\.0\.0\.0/,
  ],
  [
    'TRUST_PROXY for the whole IPv6 internet',
    { TRUST_PROXY: '::/0' },
    'TRUST_PROXY',
    /never 0\.0\.0\.0, ::/,
  ],
  [
    'TRUST_PROXY for a quarter of the internet',
    { TRUST_PROXY: '64.0.0.0/2' },
    'TRUST_PROXY',
    /at least \/8/,
  ],
  [
    'TRUST_PROXY of IPv4-mapped IPv6 for every IPv4 client',
    { TRUST_PROXY: '::ffff:0:0/96' },
    'TRUST_PROXY',
    /IPv4-mapped/,
  ],
  ['TRUST_PROXY of 999 hops', { TRUST_PROXY: '999' }, 'TRUST_PROXY', /from 1 to 5/],
  [
    'TRUST_PROXY with an impossible address',
    { TRUST_PROXY: '10.0.0.300' },
    'TRUST_PROXY',
    /addresses/,
  ],
  ['a TRUST_PROXY host name', { TRUST_PROXY: 'proxy.internal' }, 'TRUST_PROXY', /addresses/],
  ['a TRUST_PROXY of three colons', { TRUST_PROXY: 'fe80:::1/64' }, 'TRUST_PROXY', /addresses/],
  ['a TRUST_PROXY with a zone', { TRUST_PROXY: 'fe80::1%eth0' }, 'TRUST_PROXY', /addresses/],
  ['a TRUST_PROXY of two prefixes', { TRUST_PROXY: '10.0.0.0/8/8' }, 'TRUST_PROXY', /addresses/],
  ['an unknown LOG_LEVEL', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL', /must be one of fatal/],
  [
    'a widget language that is not a language tag',
    { OKTA_WIDGET_LANGUAGE: 'German' },
    'OKTA_WIDGET_LANGUAGE',
    /must be a language tag such as "de"/,
  ],
  [
    'a sign-in transaction shorter than a minute',
    { SIGN_IN_TRANSACTION_TTL_SECONDS: '30' },
    'SIGN_IN_TRANSACTION_TTL_SECONDS',
    /whole number of at least 60/,
  ],
  [
    "'unsafe-inline' in the widget page's script sources",
    { OKTA_WIDGET_CSP_SCRIPT_SRC: "https://*.hcaptcha.com 'unsafe-inline'" },
    'OKTA_WIDGET_CSP_SCRIPT_SRC',
    /'unsafe-inline' would let injected code run/,
  ],
  [
    'a plain-http frame source that is not localhost',
    { OKTA_WIDGET_CSP_FRAME_SRC: 'http://frames.example.com' },
    'OKTA_WIDGET_CSP_FRAME_SRC',
    /must use https:\/\//,
  ],
  [
    'a zero sign-in rate limit',
    { SIGN_IN_RATE_LIMIT_PER_MINUTE: '0' },
    'SIGN_IN_RATE_LIMIT_PER_MINUTE',
    /at least 1/,
  ],
  [
    'a redirect URI on plain http that is not localhost',
    { OKTA_REDIRECT_URI: 'http://app.example.com/callback' },
    'OKTA_REDIRECT_URI',
    /must use https:\/\//,
  ],
];

function expectSingleProblem(env: Env, variable: string, reason: RegExp): void {
  const problems = problemsFor(env);
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(new RegExp(`^${variable}\\b`));
  expect(problems[0]).toMatch(reason);
}

/**
 * What the Okta client authentication settings are when none is set: unset, for AuthModule's
 * defaults (today's secret, Basic) and, for PAR, the provider's (see forDevOrg).
 */
const SECRET_BASIC = {
  clientAuthentication: undefined,
  privateKey: undefined,
  privateKeyId: undefined,
  pushedAuthorizationRequests: undefined,
};

describe('readAppConfig', () => {
  describe('with an empty environment', () => {
    it('returns the development defaults and no Okta client', () => {
      expect(readConfig({})).toEqual({
        nodeEnv: 'development',
        port: 8080,
        host: '127.0.0.1',
        baseUrl: 'http://localhost:8080',
        session: {
          secret: aRandomSecret,
          cookieName: 'nest-okta.sid',
          secureCookie: false,
          idleTimeoutMs: 2 * 60 * 60 * 1000,
          absoluteTimeoutMs: 8 * 60 * 60 * 1000,
          store: { kind: 'memory' },
        },
        http: { trustProxy: false, signInRateLimitPerMinute: 60 },
        logLevel: 'info',
        oktaClient: undefined,
        clientAuth: SECRET_BASIC,
        relyingParty: {
          signInMode: 'redirect',
          redirectUri: 'http://localhost:8080/authorization-code/callback',
          postLogoutRedirectUri: 'http://localhost:8080',
          scopes: ['openid', 'profile', 'email'],
          universalLogout: true,
        },
        widget: { contentSecurityPolicy: {} },
        devIdentityProvider: {
          port: 8081,
          clientId: 'nest-okta-dev',
          clientSecret: anyString,
          accessTokenTtlSeconds: 3600,
          allowRemote: false,
        },
      });
    });

    it('generates a fresh random session secret on every call', () => {
      expect(readConfig({}).session.secret).not.toBe(readConfig({}).session.secret);
    });

    it('treats blank variables as unset', () => {
      const config = readConfig({ OKTA_ISSUER: '  ', PORT: '', NODE_ENV: ' ' });

      expect(config).toMatchObject({ nodeEnv: 'development', port: 8080 });
      expect(config.oktaClient).toBeUndefined();
    });
  });

  it('derives the base URL and redirect URIs from PORT', () => {
    expect(readConfig({ PORT: '3000' })).toMatchObject({
      port: 3000,
      baseUrl: 'http://localhost:3000',
      relyingParty: {
        redirectUri: 'http://localhost:3000/authorization-code/callback',
        postLogoutRedirectUri: 'http://localhost:3000',
      },
    });
  });

  describe('OKTA_SIGN_IN_MODE', () => {
    it('moves the callback to /login/callback for the embedded widget', () => {
      expect(readConfig({ OKTA_SIGN_IN_MODE: 'widget' }).relyingParty).toMatchObject({
        signInMode: 'widget',
        redirectUri: 'http://localhost:8080/login/callback',
      });
    });

    it('names the two modes when given anything else', () => {
      expect(() => readConfig({ OKTA_SIGN_IN_MODE: 'embedded' })).toThrow(
        /OKTA_SIGN_IN_MODE: must be "redirect".*"widget".*got "embedded".*Example: OKTA_SIGN_IN_MODE=widget/,
      );
    });

    it('takes a redirect URI on any path: the callback route follows it', () => {
      expect(
        readConfig({
          OKTA_SIGN_IN_MODE: 'widget',
          OKTA_REDIRECT_URI: 'http://localhost:8080/auth/okta/callback',
        }).relyingParty.redirectUri,
      ).toBe('http://localhost:8080/auth/okta/callback');
    });
  });

  describe('OKTA_UNIVERSAL_LOGOUT', () => {
    const OKTA = {
      OKTA_ISSUER: ISSUER,
      OKTA_CLIENT_ID: '0oa1b2c3d4EXAMPLE',
      OKTA_CLIENT_SECRET: 'a-client-secret',
    };

    it('is on with the development provider, which sends it, and off with an Okta org', () => {
      expect(readConfig({}).relyingParty.universalLogout).toBe(true);
      expect(readConfig(OKTA).relyingParty.universalLogout).toBe(false);
    });

    it('is turned on for an Okta org, or off for the development provider', () => {
      const on = { ...OKTA, OKTA_UNIVERSAL_LOGOUT: 'true' };
      expect(readConfig(on).relyingParty.universalLogout).toBe(true);
      expect(readConfig({ OKTA_UNIVERSAL_LOGOUT: 'false' }).relyingParty.universalLogout).toBe(
        false,
      );
    });

    it('names the variable when it is neither true nor false', () => {
      expect(() => readConfig({ OKTA_UNIVERSAL_LOGOUT: 'sometimes' })).toThrow(
        /OKTA_UNIVERSAL_LOGOUT: must be true or false; got "sometimes"/,
      );
    });
  });

  it('reads a complete production Okta environment', () => {
    const config = readConfig({
      ...PRODUCTION,
      PORT: '3000',
      HOST: '0.0.0.0',
      APP_BASE_URL: 'https://app.example.com',
      OKTA_SCOPES: 'openid profile email groups',
    });

    expect(config).toEqual({
      nodeEnv: 'production',
      port: 3000,
      host: '0.0.0.0',
      baseUrl: 'https://app.example.com',
      session: {
        secret: GOOD_SECRET,
        cookieName: 'nest-okta.sid',
        secureCookie: true,
        idleTimeoutMs: 2 * 60 * 60 * 1000,
        absoluteTimeoutMs: 8 * 60 * 60 * 1000,
        store: {
          kind: 'redis',
          redis: {
            mode: 'single',
            url: 'redis://redis.internal:6379',
            username: undefined,
            password: undefined,
            sentinelPassword: undefined,
            tls: false,
            commandTimeoutMs: 2000,
          },
        },
      },
      http: { trustProxy: false, signInRateLimitPerMinute: 60 },
      logLevel: 'info',
      clientAuth: SECRET_BASIC,
      oktaClient: {
        issuer: ISSUER,
        clientId: '0oa1b2c3d4EXAMPLE',
        clientSecret: '8ioiI76PuFrkGw6BYwU0FwykCwqb-fUa',
      },
      relyingParty: {
        signInMode: 'redirect',
        redirectUri: 'https://app.example.com/authorization-code/callback',
        postLogoutRedirectUri: 'https://app.example.com',
        scopes: ['openid', 'profile', 'email', 'groups'],
        universalLogout: false,
      },
      widget: { contentSecurityPolicy: {} },
      devIdentityProvider: {
        port: 8081,
        clientId: 'nest-okta-dev',
        clientSecret: anyString,
        accessTokenTtlSeconds: 3600,
        allowRemote: false,
      },
    });
  });

  describe('sessions and HTTP', () => {
    it('lets a single production instance opt in to memory sessions', () => {
      expect(
        readConfig({ ...PRODUCTION, REDIS_URL: undefined, ALLOW_MEMORY_SESSIONS: 'true' }).session
          .store,
      ).toEqual({ kind: 'memory' });
    });

    it('takes a Cluster or Sentinel in production in place of REDIS_URL', () => {
      const cluster = {
        ...PRODUCTION,
        REDIS_URL: undefined,
        REDIS_CLUSTER_NODES: 'r1:6379,r2:6379',
      };
      expect(readConfig(cluster).session.store).toMatchObject({
        kind: 'redis',
        redis: { mode: 'cluster', nodes: [{ host: 'r1' }, { host: 'r2' }] },
      });
      const sentinel = {
        ...PRODUCTION,
        REDIS_URL: undefined,
        REDIS_SENTINELS: 's1:26379',
        REDIS_SENTINEL_NAME: 'sessions',
      };
      expect(readConfig(sentinel).session.store).toMatchObject({
        kind: 'redis',
        redis: { mode: 'sentinel', name: 'sessions' },
      });
    });

    it('reads the session limits in seconds, the idle one capped by the maximum', () => {
      expect(
        readConfig({ SESSION_IDLE_TIMEOUT_SECONDS: '900', SESSION_MAX_AGE_SECONDS: '600' }).session,
      ).toMatchObject({ idleTimeoutMs: 600_000, absoluteTimeoutMs: 600_000 });
    });

    it.each([
      ['1', 1],
      ['false', false],
      ['loopback, 10.0.0.0/8', ['loopback', '10.0.0.0/8']],
      ['fd00::/8', ['fd00::/8']],
      ['FD00:0:0::1, 2001:DB8::/32', ['fd00::1', '2001:db8::/32']],
    ])('reads TRUST_PROXY=%s', (value, expected) => {
      expect(readConfig({ TRUST_PROXY: value }).http.trustProxy).toEqual(expected);
    });

    it('reads LOG_LEVEL in any case', () => {
      expect(readConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    });
  });

  describe('OKTA_ISSUER', () => {
    it.each([
      ['an Okta custom authorization server', ISSUER],
      ['the Okta org authorization server', 'https://dev-123456.okta.com'],
      ['the development provider on localhost over http', 'http://localhost:8081/oauth2/default'],
      ['a provider on 127.0.0.1 over http', 'http://127.0.0.1:8081/oauth2/default'],
    ])('accepts %s', (_case, issuer) => {
      expect(readConfig({ ...OKTA, OKTA_ISSUER: issuer }).oktaClient?.issuer).toBe(issuer);
    });

    it.each(issuerRejections)('rejects %s', (_case, env, variable, reason) => {
      expectSingleProblem(env, variable, reason);
    });
  });

  describe('Okta client credentials', () => {
    it('names both OKTA_CLIENT_ID and OKTA_CLIENT_SECRET when an issuer comes without them', () => {
      expect(problemsFor({ OKTA_ISSUER: ISSUER })).toEqual([
        expect.stringMatching(/^OKTA_CLIENT_ID: required when OKTA_ISSUER is set/),
        expect.stringMatching(/^OKTA_CLIENT_SECRET: required when OKTA_ISSUER is set/),
      ]);
    });

    it.each(credentialRejections)('rejects %s', (_case, env, variable, reason) => {
      expectSingleProblem(env, variable, reason);
    });
  });

  describe('OKTA_CLIENT_AUTH and OKTA_PAR', () => {
    it("reports an unknown method once, in AuthModule's words, naming the variable", () => {
      expect(problemsFor({ ...OKTA, OKTA_CLIENT_AUTH: 'tls_client_auth' })).toEqual([
        'OKTA_CLIENT_AUTH: must be one of client_secret_basic, client_secret_post, private_key_jwt; got "tls_client_auth". Example: OKTA_CLIENT_AUTH=private_key_jwt',
      ]);
    });

    it("leaves OKTA_PAR unset for AuthModule's default with an Okta org, even with a key", () => {
      const { clientAuth } = readConfig({
        ...OKTA,
        OKTA_CLIENT_SECRET: undefined,
        OKTA_CLIENT_AUTH: 'private_key_jwt',
        OKTA_PRIVATE_KEY_FILE: undefined,
      });
      expect(clientAuth).toMatchObject({
        clientAuthentication: 'private_key_jwt',
        pushedAuthorizationRequests: undefined,
      });
    });

    it.each([
      ['auto', 'auto'],
      ['AUTO', 'auto'],
      ['true', true],
      ['no', false],
    ])('reads OKTA_PAR=%s as %s', (value, expected) => {
      expect(readConfig({ ...OKTA, OKTA_PAR: value }).clientAuth.pushedAuthorizationRequests).toBe(
        expected,
      );
    });

    it('names all three values of OKTA_PAR when it gets another', () => {
      expect(problemsFor({ ...OKTA, OKTA_PAR: 'sometimes' })).toEqual([
        'OKTA_PAR: must be true, false or auto; got "sometimes". Example: OKTA_PAR=auto',
      ]);
    });
  });

  describe('in production', () => {
    it.each(productionRejections)('rejects %s', (_case, env, variable, reason) => {
      expectSingleProblem(env, variable, reason);
    });

    it('accepts a 43-character random SESSION_SECRET and marks the cookie secure', () => {
      expect(readConfig(PRODUCTION).session).toMatchObject({
        secret: GOOD_SECRET,
        secureCookie: true,
      });
    });
  });

  it('marks the cookie secure for an https APP_BASE_URL, whatever NODE_ENV says', () => {
    expect(readConfig({ APP_BASE_URL: 'https://app.example.com' }).session.secureCookie).toBe(true);
  });

  it('names what is relaxed when the app looks deployed without NODE_ENV=production', () => {
    const okta = {
      OKTA_ISSUER: 'https://dev-1.okta.com/oauth2/default',
      OKTA_CLIENT_ID: '0oa1b2c3d4EXAMPLE',
      OKTA_CLIENT_SECRET: 'a-client-secret',
    };
    expect(
      readConfig({ ...okta, APP_BASE_URL: 'https://app.example.com' }).relaxedPostureWarning,
    ).toBe(
      'NODE_ENV is not "production" although OKTA_ISSUER names an Okta org: relaxed for development are sessions in memory (lost on restart, not shared between instances; REDIS_URL); a random session secret per start (SESSION_SECRET); the checks that refuse development values (weak secrets, plain http, a missing OKTA_ISSUER). Set NODE_ENV=production on a deployed app.',
    );
    expect(
      readConfig({ APP_BASE_URL: 'https://app.example.com', SESSION_SECRET: 'given' })
        .relaxedPostureWarning,
    ).toMatch(
      /although APP_BASE_URL is https: relaxed for development are sessions in memory .*; the checks/,
    );
    expect(readConfig({}).relaxedPostureWarning).toBeUndefined();
    expect(readConfig(PRODUCTION).relaxedPostureWarning).toBeUndefined();
  });

  it('uses any SESSION_SECRET as given outside production', () => {
    expect(readConfig({ SESSION_SECRET: 'short' }).session).toMatchObject({
      secret: 'short',
      secureCookie: false,
    });
  });

  it('accepts OKTA_SCOPES separated by commas or spaces and drops duplicates', () => {
    expect(
      readConfig({ OKTA_SCOPES: 'openid,profile  openid groups' }).relyingParty.scopes,
    ).toEqual(['openid', 'profile', 'groups']);
  });

  it.each([
    ['2'],
    ['loopback'],
    ['10.0.0.0/8, 192.168.1.10'],
    ['fc00::/7'],
    ['loopback,172.16.0.0/12'],
  ])('accepts TRUST_PROXY=%s', (value) => {
    expect(() => readConfig({ TRUST_PROXY: value })).not.toThrow();
  });

  it('accepts a 64-digit hex SESSION_SECRET in production', () => {
    const hex = 'f3a9c0d15b7e2846a1c9e07d3b5f8a2c6e0d4b9f1a7c3e5d8b2f6a0c4e9d1b7a';
    expect(readConfig({ ...PRODUCTION, SESSION_SECRET: hex }).session.secret).toBe(hex);
  });

  it('never shows a password from REDIS_URL or OKTA_ISSUER in a message', () => {
    const problems = problemsFor({
      REDIS_URL: 'http://user:hunter2-redis-password@redis.internal:6379',
      OKTA_ISSUER: 'http://admin:hunter2-okta-password@dev-1.okta.com/oauth2/default',
      OKTA_CLIENT_ID: '0oa1',
      OKTA_CLIENT_SECRET: '{hunter2-client-secret}',
    }).join('\n');
    expect(problems).toMatch(/REDIS_URL/);
    expect(problems).toMatch(/OKTA_ISSUER/);
    expect(problems).toMatch(/OKTA_CLIENT_SECRET: still holds a placeholder/);
    expect(problems).not.toMatch(/hunter2/);
  });

  it("reads the widget's language and how long a sign-in may take, unset by default", () => {
    expect(readConfig({}).widget.language).toBeUndefined();
    expect(readConfig({}).relyingParty.signInTransactionTtlSeconds).toBeUndefined();
    const config = readConfig({
      OKTA_WIDGET_LANGUAGE: 'pt-BR',
      SIGN_IN_TRANSACTION_TTL_SECONDS: '3600',
    });
    expect(config.widget.language).toBe('pt-BR');
    expect(config.relyingParty.signInTransactionTtlSeconds).toBe(3600);
  });

  it("reads the widget page's extra CSP sources; none allows nothing more", () => {
    const { widget } = readConfig({
      OKTA_WIDGET_CSP_SCRIPT_SRC: 'https://*.hcaptcha.com, https://www.google.com/recaptcha/',
      OKTA_WIDGET_CSP_FRAME_SRC: 'none',
      OKTA_WIDGET_CSP_CONNECT_SRC: 'http://localhost:*  https://api.example.com',
    });
    expect(widget.contentSecurityPolicy).toEqual({
      scriptSrc: ['https://*.hcaptcha.com', 'https://www.google.com/recaptcha/'],
      frameSrc: [],
      connectSrc: ['http://localhost:*', 'https://api.example.com'],
    });
  });

  describe('other variables', () => {
    it.each(otherRejections)('rejects %s', (_case, env, variable, reason) => {
      expectSingleProblem(env, variable, reason);
    });
  });

  it('reports every problem together in one ConfigError', () => {
    const env = {
      NODE_ENV: 'prod',
      PORT: 'eighty',
      OKTA_ISSUER: 'https://{yourOktaDomain}/oauth2/default',
      OKTA_SCOPES: 'profile',
    };

    let thrown: unknown;
    try {
      readConfig(env);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ConfigError);
    const { problems, message } = thrown as ConfigError;
    expect(problems.map((problem) => problem.split(/[:\s]/)[0])).toEqual([
      'NODE_ENV',
      'PORT',
      'OKTA_CLIENT_ID',
      'OKTA_CLIENT_SECRET',
      'OKTA_ISSUER',
      'OKTA_SCOPES',
    ]);
    for (const problem of problems) expect(message).toContain(`  - ${problem}`);
  });

  describe('every problem message', () => {
    it.each([
      ...issuerRejections,
      ...credentialRejections,
      ...productionRejections,
      ...otherRejections,
      ['an issuer without client credentials', { OKTA_ISSUER: ISSUER }, 'OKTA_', /./],
    ])('names the variable and shows an example for %s', (_case, env, variable) => {
      const problems = problemsFor(env);

      expect(problems.length).toBeGreaterThan(0);
      for (const problem of problems) {
        expect(problem).toContain(variable);
        expect(problem).toMatch(/Example: [A-Z_]+=\S/);
      }
    });
  });
});
