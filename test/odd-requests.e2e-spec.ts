import type { SessionData, Store } from 'express-session';
import { createClient } from 'redis';
import { SESSION_KEY_PREFIX, SessionStorage } from '../src/session/session-storage';
import { Browser } from './support/browser';
import { rawRequest } from './support/raw-request';
import { describeWithRedisServer, RedisServer } from './support/redis-server';
import { ALICE, followToCallback, signIn } from './support/sign-in';
import { startStack, type Stack } from './support/stack';
import { sessionIdOf, storedRecord, storeRecord } from './support/stored-sessions';

const SESSION_COOKIE = 'nest-okta.sid';
/**
 * These tests sign in many times a minute from one address: more than the default limit allows,
 * which is not what they test.
 */
const SIGN_INS_UNLIMITED = { SIGN_IN_RATE_LIMIT_PER_MINUTE: '10000' };
const CALLBACK = '/authorization-code/callback';

type Case = [
  string,
  { method: string; path: string; headers?: Record<string, string>; body?: string },
];

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };

/** Requests a client may legally (or almost legally) send; none may cost a 500. */
const ODD_REQUESTS: Case[] = [
  [
    'a JSON body in an unknown charset',
    {
      method: 'POST',
      path: '/logout',
      headers: { 'content-type': 'application/json; charset=bogus' },
      body: '{}',
    },
  ],
  [
    'a form body in an unknown charset',
    {
      method: 'POST',
      path: '/logout',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=bogus' },
      body: 'a=b',
    },
  ],
  [
    'a 200 KB JSON body',
    {
      method: 'POST',
      path: '/logout',
      headers: json,
      body: JSON.stringify({ pad: 'x'.repeat(200_000) }),
    },
  ],
  [
    'a 200 KB form body',
    { method: 'POST', path: '/logout', headers: form, body: `pad=${'x'.repeat(200_000)}` },
  ],
  [
    '2,000 form fields',
    {
      method: 'POST',
      path: '/logout',
      headers: form,
      body: Array.from({ length: 2000 }, (_, i) => `f${i}=1`).join('&'),
    },
  ],
  [
    'deeply nested form fields',
    { method: 'POST', path: '/logout', headers: form, body: `${'a'}${'[b]'.repeat(200)}=1` },
  ],
  [
    'deeply nested JSON',
    {
      method: 'POST',
      path: '/logout',
      headers: json,
      body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    },
  ],
  ['malformed JSON', { method: 'POST', path: '/logout', headers: json, body: '{"_csrf": nope' }],
  [
    'an unknown Content-Encoding',
    {
      method: 'POST',
      path: '/logout',
      headers: { ...json, 'content-encoding': 'bogus' },
      body: '{}',
    },
  ],
  [
    'a gzip Content-Encoding that is not gzip',
    {
      method: 'POST',
      path: '/logout',
      headers: { ...json, 'content-encoding': 'gzip' },
      body: '{}',
    },
  ],
  ['OPTIONS *', { method: 'OPTIONS', path: '*' }],
  ['TRACE', { method: 'TRACE', path: '/' }],
  ['an unknown method', { method: 'PROPFIND', path: '/profile' }],
  ['a path with broken percent-encoding', { method: 'GET', path: '/shop/%E0%A4%A' }],
  ['a login with broken percent-encoding', { method: 'GET', path: '/login?returnTo=%E0%A4%A' }],
  ['returnTo as an object', { method: 'GET', path: '/login?returnTo[a]=b' }],
  ['state and code as arrays', { method: 'GET', path: `${CALLBACK}?code=a&code=b&state[]=c` }],
  [
    'a malformed session cookie',
    { method: 'GET', path: '/profile', headers: { cookie: `${SESSION_COOKIE}=%E0%A4%A` } },
  ],
  [
    'a session cookie with a forged signature',
    {
      method: 'GET',
      path: '/profile',
      headers: { cookie: `${SESSION_COOKIE}=s%3Aforged.c2lnbmF0dXJl` },
    },
  ],
  [
    'a cookie header of 200 cookies',
    {
      method: 'GET',
      path: '/',
      headers: { cookie: Array.from({ length: 200 }, (_, i) => `c${i}=v`).join('; ') },
    },
  ],
];

/** Stored sessions as a broken or tampered store might hand them back. */
const TAMPERINGS: [string, (session: Record<string, unknown>) => void][] = [
  ['a user without claims', (s) => delete user(s).claims],
  ['a user whose claims is a string', (s) => (user(s).claims = 'x')],
  ['a user whose claims lack sub', (s) => delete claims(s).sub],
  ['a user whose sub is a number', (s) => (claims(s).sub = 42)],
  ['a groups claim of null', (s) => (claims(s).groups = null)],
  ['a groups claim that is the string "xadminx"', (s) => (claims(s).groups = 'xadminx')],
  ['a groups claim of objects', (s) => (claims(s).groups = [{ admin: true }])],
  ['a name claim that is an object', (s) => (claims(s).name = { first: 'x' })],
  ['a user without signedInAt', (s) => delete user(s).signedInAt],
  ['a passport entry that is a string', (s) => (s.passport = 'x')],
  ['a non-string csrfToken', (s) => (s.csrfToken = { toString: 1 })],
  ['sign-in transactions that are a string', (s) => (s.signIns = 'x')],
  ['a lastActiveAt that is not a number', (s) => (s.lastActiveAt = 'yesterday')],
  [
    'a cookie whose originalMaxAge is a string',
    (s) => ((s.cookie as Record<string, unknown>).originalMaxAge = 'x'),
  ],
  [
    'a cookie whose expires is not a date',
    (s) => ((s.cookie as Record<string, unknown>).expires = 'never'),
  ],
  ['a cookie that is null', (s) => (s.cookie = null)],
  ['a cookie whose path is a number', (s) => ((s.cookie as Record<string, unknown>).path = 5)],
  ['a session nested 40 levels deep', (s) => (s.deep = nested(40))],
];

/**
 * Stored sessions the demo's store hands on (their shape is a session's) but AuthModule did not
 * write: it reads them as no signed-in user.
 */
const SIGNED_OUT_TAMPERINGS: [string, (session: Record<string, unknown>) => void][] = [
  ['a passport entry that is a string', (s) => (s.passport = 'x')],
  ['a passport entry that is a list', (s) => (s.passport = [user(s)])],
  ['a sign-in time past what a Date holds', (s) => (user(s).signedInAt = 9e15)],
  ['a sign-in time a year ahead', (s) => (user(s).signedInAt = Date.now() + 365 * 86_400_000)],
  ['a tenant stamp that is an object', (s) => (user(s).tenant = { id: 'acme' })],
];

/** `depth` arrays, each holding the next. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/** A stored cookie as the compact serializer writes it, expiring at `expires`. */
const cookieTuple = (expires: number) => [86_400_000, expires, false, true, '/', 'lax'];

/** Raw entries a store may hold, none of which this app wrote. */
const RAW_ENTRIES: [string, (cookieExpiry: number) => string][] = [
  ['an entry that is not JSON', () => 'not json {'],
  [
    'an entry nested 100,000 levels deep',
    (expiry) =>
      `{"cookie":${JSON.stringify(cookieTuple(expiry))},"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
  ],
  [
    'a cookie that expires at 9e15, past what a Date holds',
    () => JSON.stringify({ cookie: cookieTuple(9e15) }),
  ],
  [
    'an entry over 64 KiB',
    (expiry) => JSON.stringify({ cookie: cookieTuple(expiry), pad: 'x'.repeat(70_000) }),
  ],
];

function user(session: Record<string, unknown>): Record<string, unknown> {
  return (session.passport as { user: Record<string, unknown> }).user;
}

function claims(session: Record<string, unknown>): Record<string, unknown> {
  return user(session).claims as Record<string, unknown>;
}

function oddRequestSuite(name: string, env: () => Record<string, string>) {
  describe(name, () => {
    let stack: Stack;
    const url = (path: string) => `${stack.baseUrl}${path}`;

    beforeAll(async () => {
      stack = await startStack({ env: { ...env(), ...SIGN_INS_UNLIMITED } });
    });
    afterAll(() => stack.close());

    it.each(ODD_REQUESTS)(
      'answers %s with a 4xx, never a 500 or a stack trace',
      async (_case, req) => {
        const response = await rawRequest(stack.baseUrl, req);
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(500);
        expect(response.body).not.toMatch(
          /node_modules|at \w+ \(|Unexpected token|Failed to decode/,
        );
        expect((await fetch(url('/health/live'))).status).toBe(200);
      },
    );

    async function tamperedBrowser(tamper: (session: Record<string, unknown>) => void) {
      const browser = new Browser();
      await signIn(browser, url('/login'), ALICE, url(CALLBACK));
      const sid = await sessionIdOf(browser, stack.baseUrl);
      const store: Store = stack.app.get(SessionStorage).store;
      const session = await storedRecord(store, sid);
      const copy = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
      tamper(copy);
      await storeRecord(store, sid, copy as unknown as SessionData);
      return browser;
    }

    it.each(TAMPERINGS)(
      'treats %s as signed out or carries on, never a 500',
      async (_case, tamper) => {
        const browser = await tamperedBrowser(tamper);
        for (const path of ['/', '/profile', '/admin', '/api/me', '/shop/checkout']) {
          const page = await browser.request(url(path));
          expect({ path, status: page.status < 500 }).toEqual({ path, status: true });
        }
        const admin = await browser.request(url('/api/admin'), { accept: 'application/json' });
        if (admin.status === 200) {
          // Only an untouched, well-formed admin user may be let in.
          expect(JSON.parse(admin.body)).toMatchObject({ groups: ['Everyone', 'admin'] });
        }
        const signOut = await browser.request(url('/logout'), { form: { _csrf: 'whatever' } });
        expect(signOut.status).toBeLessThan(500);
      },
    );

    it.each(SIGNED_OUT_TAMPERINGS)(
      'treats %s as signed out, and lets the user sign in again over it',
      async (_case, tamper) => {
        const browser = await tamperedBrowser(tamper);
        const me = () => browser.request(url('/api/me'), { accept: 'application/json' });
        expect((await me()).status).toBe(401);
        await browser.follow(await followToCallback(browser, url('/login'), url(CALLBACK)));
        expect((await me()).status).toBe(200);
      },
    );

    it('never lets a string groups claim through @Groups', async () => {
      const browser = await tamperedBrowser((s) => (claims(s).groups = 'xadminx'));
      const admin = await browser.request(url('/api/admin'), { accept: 'application/json' });
      expect(admin.status).toBe(403);
    });
  });
}

oddRequestSuite('Odd requests against the memory session store', () => ({}));

describeWithRedisServer('Odd requests against a real Redis session store', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(() => redis?.stop());
  oddRequestSuite('with Redis', () => ({ REDIS_URL: redis.url }));

  it.each(RAW_ENTRIES)(
    'treats %s as no session: never a hang, a 503 or a stack trace',
    async (_case, entry) => {
      const stack = await startStack({ env: { REDIS_URL: redis.url, ...SIGN_INS_UNLIMITED } });
      const client = createClient({ url: redis.url });
      try {
        await client.connect();
        const browser = new Browser();
        await signIn(browser, `${stack.baseUrl}/login`, ALICE, `${stack.baseUrl}${CALLBACK}`);
        const sid = await sessionIdOf(browser, stack.baseUrl);
        await client.set(`${SESSION_KEY_PREFIX}${sid}`, entry(Date.now() + 3_600_000));
        const profile = await browser.request(`${stack.baseUrl}/profile`);
        expect(profile.status).toBe(302);
        expect(profile.location).toMatch(/\/login\?returnTo=%2Fprofile$/);
        const api = await browser.request(`${stack.baseUrl}/api/me`, {
          accept: 'application/json',
        });
        expect(api.status).toBe(401);
      } finally {
        await client.close();
        await stack.close();
      }
    },
  );
});
