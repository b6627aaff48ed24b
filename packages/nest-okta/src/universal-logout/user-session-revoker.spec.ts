import { Logger } from '@nestjs/common';
import { MemoryStore, type SessionData, type Store } from 'express-session';
import type { OidcClient } from '../oidc/oidc-client';
import { IdentityProviderUnavailableError } from '../oidc/oidc.errors';
import type { AuthSettings } from '../options/auth-settings';
import { MemorySessionIndexStore } from '../session-index/memory-session-index-store';
import { SessionIndex } from '../session-index/session-index';
import type { Request } from 'express';
import { TokenVault } from '../tokens/token-vault';
import type { OktaTokens, OktaUser } from '../user/okta-user';
import { readSession } from './session-store-calls';
import { SessionStoreFailureError } from './revocation-errors';
import { UserSessionRevoker } from './user-session-revoker';

const ISSUER = 'https://dev-123456.okta.com/oauth2/default';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface SignedIn {
  user: OktaUser;
  tokens: OktaTokens;
}

function user(sub: string, refreshToken?: string): SignedIn {
  return {
    user: {
      sub,
      name: sub,
      email: `${sub}@example.com`,
      groups: [],
      claims: { sub, email: `${sub}@example.com` },
    },
    tokens: { idToken: 'id', accessToken: 'at', refreshToken },
  };
}

/** What the session store holds for a sign-in: the session (claims only) and, beside it, the vault's record. */
function stored(signedIn: SignedIn): SessionData {
  return {
    cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) },
    passport: { user: { claims: signedIn.user.claims, signedInAt: Date.now() } },
  } as unknown as SessionData;
}

describe('UserSessionRevoker', () => {
  let store: MemoryStore;
  let indexStore: MemorySessionIndexStore;
  let index: SessionIndex;
  let revoke: jest.Mock<Promise<void>, [string, string]>;
  let revoker: UserSessionRevoker;
  let vault: TokenVault;

  /** A signed-in session: in the store, and in the index as sign-in records it. */
  async function signIn(id: string, signedIn: SignedIn): Promise<void> {
    await new Promise<void>((resolve) => store.set(id, stored(signedIn), () => resolve()));
    await vault.save({ sessionID: id, sessionStore: store } as unknown as Request, signedIn.tokens);
    await index.record(id, signedIn.user);
  }

  const exists = async (id: string) => (await readSession(store, id)) !== null;
  const bob = { format: 'email', email: 'bob@example.com' } as const;

  beforeEach(() => {
    store = new MemoryStore();
    indexStore = new MemorySessionIndexStore();
    index = new SessionIndex(ISSUER, 60_000, indexStore);
    revoke = jest.fn((_token: string, _hint: string) => Promise.resolve());
    const oidc = { revoke } as unknown as OidcClient;
    vault = new TokenVault(60_000);
    revoker = new UserSessionRevoker(oidc, index, vault, {
      providerTimeoutMs: 100,
      groupsClaim: 'groups',
    } as AuthSettings);
  });
  afterEach(() => {
    revoker.close();
    indexStore.close();
  });

  it("ends every session of the user, revoking the refresh token each held, and no one else's", async () => {
    await signIn('bob-1', user('bob', 'rt-bob-1'));
    await signIn('bob-2', user('bob', 'rt-bob-2'));
    await signIn('bob-3', user('bob'));
    await signIn('alice-1', user('alice', 'rt-alice'));

    const ended = await revoker.endSessionsOf(bob, store);

    expect(ended).toEqual({ sessions: 3, refreshTokensRevoked: 2, revocationFailures: 0 });
    expect(revoke.mock.calls.sort()).toEqual([
      ['rt-bob-1', 'refresh_token'],
      ['rt-bob-2', 'refresh_token'],
    ]);
    for (const id of ['bob-1', 'bob-2', 'bob-3']) expect(await exists(id)).toBe(false);
    expect(await exists('alice-1')).toBe(true);
    expect(await index.sessionsOf(bob)).toEqual([]);
    expect(await index.sessionsOf(index.subjectOf(user('bob').user))).toEqual([]);
  });

  it('ends the sessions even when the provider cannot revoke a refresh token, and says so', async () => {
    await signIn('bob-1', user('bob', 'rt-bob-1'));
    revoke.mockRejectedValueOnce(new IdentityProviderUnavailableError('down'));

    expect(await revoker.endSessionsOf(bob, store)).toEqual({
      sessions: 1,
      refreshTokensRevoked: 0,
      revocationFailures: 1,
    });
    expect(await exists('bob-1')).toBe(false);
  });

  it('counts nothing for a session that already ended on its own', async () => {
    await index.record('gone', user('bob', 'rt').user);
    expect(await revoker.endSessionsOf(bob, store)).toEqual({
      sessions: 0,
      refreshTokensRevoked: 0,
      revocationFailures: 0,
    });
    expect(revoke).not.toHaveBeenCalled();
  });

  it('fails as a store failure without a store, or with one that fails', async () => {
    await signIn('bob-1', user('bob', 'rt'));
    await expect(revoker.endSessionsOf(bob, undefined)).rejects.toThrow(SessionStoreFailureError);

    const broken = new MemoryStore() as Store;
    broken.get = (_id, callback) => callback(new Error('connection refused'));
    await expect(revoker.endSessionsOf(bob, broken)).rejects.toThrow(
      /reading a session failed: connection refused/,
    );
    expect(revoke).not.toHaveBeenCalled();
  });

  it.each([
    ['its session: not JSON', 'bob-1', new SyntaxError('Unexpected token n in JSON'), ['rt']],
    ['its session: a date no Date holds', 'bob-1', new RangeError('Invalid time value'), ['rt']],
    ['its tokens: not JSON', 'bob-1:tokens', new SyntaxError('Unexpected end of JSON input'), []],
  ])(
    'ends a session when the store cannot read %s, and signs the user out: never a 422',
    async (_what, key, error, revoked) => {
      await signIn('bob-1', user('bob', 'rt'));
      const get = store.get.bind(store);
      store.get = (id, callback) => (id === key ? callback(error) : get(id, callback));

      expect(await revoker.endSessionsOf(bob, store)).toMatchObject({ revocationFailures: 0 });
      expect(revoke.mock.calls.map(([token]) => token)).toEqual(revoked);
      store.get = get;
      expect(await exists('bob-1')).toBe(false);
      expect(await vault.readFrom(store, 'bob-1')).toBeUndefined();
    },
  );

  it('ends a session whose Passport entry is not one the module wrote, and logs it once', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      await signIn('bob-1', user('bob', 'rt'));
      const tampered = { ...stored(user('bob')), passport: 'x' } as unknown as SessionData;
      await new Promise<void>((resolve) => store.set('bob-1', tampered, () => resolve()));

      expect(await revoker.endSessionsOf(bob, store)).toMatchObject({ sessions: 1 });
      expect(await exists('bob-1')).toBe(false);
      expect(revoke.mock.calls).toEqual([['rt', 'refresh_token']]);
      expect(warn.mock.calls.filter(([line]) => /unreadable/.test(String(line)))).toHaveLength(1);
    } finally {
      warn.mockRestore();
    }
  });

  it('destroys again a session that a request already running wrote back as it ended', async () => {
    await signIn('bob-1', user('bob', 'rt'));
    await revoker.endSessionsOf(bob, store);
    // A request loaded Bob's session before it was destroyed, and saves it as it ends.
    await new Promise<void>((resolve) => store.set('bob-1', stored(user('bob')), () => resolve()));
    expect(await exists('bob-1')).toBe(true);

    await pause(100 + 1_000 + 100);

    expect(await exists('bob-1')).toBe(false);
  });

  it('revokes the tokens a refresh stored just before the session was destroyed', async () => {
    await signIn('bob-1', user('bob', 'rt-before'));
    const destroy = store.destroy.bind(store);
    let kept: boolean | undefined;
    store.destroy = (id, done) => {
      if (id !== 'bob-1' || kept !== undefined) return destroy(id, done);
      // A refresh that started earlier stores its tokens now, while the session still exists.
      const late = { sessionID: id, sessionStore: store } as unknown as Request;
      const tokens = { idToken: 'id', accessToken: 'at-2', refreshToken: 'rt-after' };
      void vault.saveWhileSessionExists(late, tokens).then((saved) => {
        kept = saved;
        destroy(id, done);
      });
    };

    await revoker.endSessionsOf(bob, store);

    expect(kept).toBe(true);
    expect(revoke.mock.calls).toEqual([['rt-after', 'refresh_token']]);
    expect(await vault.readFrom(store, 'bob-1')).toBeUndefined();
  });

  it('removes and revokes, once more, tokens a refresh already running wrote back as it ended', async () => {
    await signIn('bob-1', user('bob', 'rt-before'));
    await revoker.endSessionsOf(bob, store);
    // A refresh started before the sign-out stores what the provider answered it.
    const late = { sessionID: 'bob-1', sessionStore: store } as unknown as Request;
    await vault.save(late, { idToken: 'id', accessToken: 'at-2', refreshToken: 'rt-after' });

    await pause(100 + 1_000 + 100);

    expect(await vault.readFrom(store, 'bob-1')).toBeUndefined();
    expect(revoke.mock.calls).toEqual([
      ['rt-before', 'refresh_token'],
      ['rt-after', 'refresh_token'],
    ]);
  });
});
