import { Controller, Get, type LoggerService, Req } from '@nestjs/common';
import type { Request } from 'express';
import { MemoryStore, type SessionData } from 'express-session';
import { createHmac, randomUUID } from 'node:crypto';
import { AccessTokenService, CurrentUser, type OktaUser } from '../src';
import { bootApp, OPTIONS, SESSION_SECRET } from './boot-app';

@Controller('api')
class ProbeController {
  constructor(private readonly tokens: AccessTokenService) {}

  @Get('me')
  me(@CurrentUser() user: OktaUser) {
    return { sub: user.sub };
  }

  @Get('token')
  async token(@Req() req: Request) {
    return { accessToken: await this.tokens.accessTokenFor(req) };
  }
}

/** The browser's cookie for the session `sid`, signed as express-session signs it. */
function cookieFor(sid: string): string {
  const signature = createHmac('sha256', SESSION_SECRET).update(sid).digest('base64');
  return `connect.sid=${encodeURIComponent(`s:${sid}.${signature.replace(/=+$/, '')}`)}`;
}

const CLAIMS = { sub: '00u-alice', name: 'Alice' };
const signedIn = () => ({ claims: CLAIMS, signedInAt: Date.now() });
const TOKENS = {
  idToken: 'an-id-token',
  accessToken: 'an-access-token',
  accessTokenExpiresAt: Date.now() + 3_600_000,
};

/** `depth` arrays, each holding the next. */
function nested(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/** Passport entries (`session.passport`) an adopter's store may hand back; the module wrote none. */
const PASSPORT_ENTRIES: [string, () => unknown][] = [
  ['a string', () => 'x'],
  ['an array', () => [signedIn()]],
  ['a user that is a number', () => ({ user: 42 })],
  ['a sub that is an object', () => ({ user: { ...signedIn(), claims: { sub: { id: 1 } } } })],
  ['a tenant stamp that is a number', () => ({ user: { ...signedIn(), tenant: 7 } })],
  ['a sign-in time that is a string', () => ({ user: { ...signedIn(), signedInAt: 'today' } })],
  ['a sign-in time past what a Date holds', () => ({ user: { ...signedIn(), signedInAt: 9e15 } })],
  [
    'a sign-in time a year ahead',
    () => ({ user: { ...signedIn(), signedInAt: Date.now() + 365 * 86_400_000 } }),
  ],
  [
    'claims nested 40 levels deep',
    () => ({ user: { ...signedIn(), claims: { ...CLAIMS, address: nested(40) } } }),
  ],
  [
    'a claim over 64 KiB',
    () => ({ user: { ...signedIn(), claims: { ...CLAIMS, name: 'x'.repeat(70_000) } } }),
  ],
  ['a 70 KB string beside the user', () => ({ user: signedIn(), pad: 'x'.repeat(70_000) })],
];

/** The vault's record beside the session (`<id>:tokens`) as a store may hand it back. */
const TOKEN_RECORDS: [string, unknown][] = [
  ['a string', 'x'],
  ['an access token that is a number', { tokens: { ...TOKENS, accessToken: 5 } }],
  ['an expiry past what a Date holds', { tokens: { ...TOKENS, accessTokenExpiresAt: 9e15 } }],
  ['an access token over 64 KiB', { tokens: { ...TOKENS, accessToken: 'x'.repeat(70_000) } }],
  ['tokens nested 40 levels deep', { tokens: { ...TOKENS, extra: nested(40) } }],
  ['an entry the store cannot parse', new SyntaxError('Unexpected token n in JSON')],
];

function put(store: MemoryStore, key: string, value: unknown): Promise<void> {
  return new Promise((resolve) => store.set(key, value as SessionData, () => resolve()));
}

function stored(store: MemoryStore, key: string): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve, reject) =>
    store.get(key, (error, value) =>
      error ? reject(error as Error) : resolve(value as Record<string, unknown> | undefined),
    ),
  );
}

/**
 * A store holding one session, `passport` its Passport entry and `tokens` beside it, under an id
 * of its own: the module logs an unreadable value once per session id.
 */
async function storeWith(passport: unknown, tokens: unknown) {
  const sid = randomUUID();
  const store = new MemoryStore();
  const cookie = { originalMaxAge: 3_600_000, expires: new Date(Date.now() + 3_600_000) };
  await put(store, sid, { cookie, passport });
  if (tokens instanceof Error) {
    // connect-redis hands its serializer's error to the callback, as this does.
    const get = store.get.bind(store);
    store.get = (key, callback) =>
      key === `${sid}:tokens` ? callback(tokens) : get(key, callback);
  } else {
    await put(store, `${sid}:tokens`, tokens);
  }
  return { store, sid };
}

/**
 * Runs `visit` against an app on the session's store, as the session's browser; resolves to
 * the warnings logged meanwhile.
 */
async function warningsWhile(
  { store, sid }: { store: MemoryStore; sid: string },
  visit: (get: (path: string) => Promise<{ status: number; body: string }>) => Promise<void>,
): Promise<string[]> {
  const warnings: string[] = [];
  const logger: LoggerService = {
    log: () => {},
    error: (message: unknown) => warnings.push(`error: ${String(message)}`),
    warn: (message: unknown) => warnings.push(String(message)),
  };
  await bootApp(OPTIONS, {
    store,
    logger,
    controllers: [ProbeController],
    visit: (baseUrl) =>
      visit(async (path) => {
        // Read to the end, so the connection is idle when the app closes.
        const response = await fetch(`${baseUrl}${path}`, { headers: { cookie: cookieFor(sid) } });
        return { status: response.status, body: await response.text() };
      }),
  });
  return warnings;
}

describe('session values an adopter’s store hands back', () => {
  it('signs in a session that holds what the module wrote (the cases below differ from it)', async () => {
    const session = await storeWith({ user: signedIn() }, { tokens: TOKENS });
    await warningsWhile(session, async (get) => {
      expect((await get('/api/me')).status).toBe(200);
      expect(JSON.parse((await get('/api/token')).body)).toEqual({
        accessToken: TOKENS.accessToken,
      });
    });
  });

  it.each(PASSPORT_ENTRIES)(
    'takes a Passport entry that is %s for signed out, drops it and logs it once',
    async (_case, passport) => {
      const session = await storeWith(passport(), { tokens: TOKENS });
      const warnings = await warningsWhile(session, async (get) => {
        expect((await get('/api/me')).status).toBe(401);
        expect((await get('/api/me')).status).toBe(401);
      });
      expect(warnings.filter((w) => /unreadable/.test(w))).toHaveLength(1);
      expect(warnings.filter((w) => w.startsWith('error'))).toEqual([]);
      expect((await stored(session.store, session.sid))?.passport).toBeUndefined();
    },
  );

  it.each(TOKEN_RECORDS)(
    'takes a token record that is %s for no tokens: signed out, logged, never a 500',
    async (_case, tokens) => {
      const session = await storeWith({ user: signedIn() }, tokens);
      const warnings = await warningsWhile(session, async (get) => {
        expect((await get('/api/token')).status).toBe(401);
        expect((await get('/api/me')).status).toBe(401);
      });
      expect(warnings.filter((w) => /unreadable/.test(w))).toHaveLength(1);
      expect(warnings.filter((w) => w.startsWith('error'))).toEqual([]);
    },
  );
});
