import { MemoryStore, SessionData, Store } from 'express-session';
import type { OidcClient } from '../oidc/oidc-client';
import { IdentityProviderUnavailableError } from '../oidc/oidc.errors';
import type { AuthSettings } from '../options/auth-settings';
import { MemorySessionIndexStore } from '../session-index/memory-session-index-store';
import { SessionIndex } from '../session-index/session-index';
import type { SessionUser } from '../user/session-user';
import { readSession } from './session-store-calls';
import { SessionStoreFailureError } from './revocation-errors';
import { UserSessionRevoker } from './user-session-revoker';

const ISSUER = 'https://dev-123456.okta.com/oauth2/default';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function user(sub: string, refreshToken?: string): SessionUser {
  return {
    sub,
    name: sub,
    email: `${sub}@example.com`,
    groups: [],
    claims: { sub },
    tokens: { idToken: 'id', accessToken: 'at', refreshToken },
    signedInAt: Date.now(),
  };
}

function stored(signedIn: SessionUser): SessionData {
  return {
    cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) },
    passport: { user: signedIn },
  } as unknown as SessionData;
}

describe('UserSessionRevoker', () => {
  let store: MemoryStore;
  let indexStore: MemorySessionIndexStore;
  let index: SessionIndex;
  let revoke: jest.Mock<Promise<void>, [string, string]>;
  let revoker: UserSessionRevoker;

  /** A signed-in session: in the store, and in the index as sign-in records it. */
  async function signIn(id: string, signedIn: SessionUser): Promise<void> {
    await new Promise<void>((resolve) => store.set(id, stored(signedIn), () => resolve()));
    await index.record(id, signedIn);
  }

  const exists = async (id: string) => (await readSession(store, id)) !== null;
  const bob = { format: 'email', email: 'bob@example.com' } as const;

  beforeEach(() => {
    store = new MemoryStore();
    indexStore = new MemorySessionIndexStore();
    index = new SessionIndex(ISSUER, 60_000, indexStore);
    revoke = jest.fn((_token: string, _hint: string) => Promise.resolve());
    const oidc = { revoke } as unknown as OidcClient;
    revoker = new UserSessionRevoker(oidc, index, { providerTimeoutMs: 100 } as AuthSettings);
  });
  afterEach(() => {
    revoker.onModuleDestroy();
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
    expect(await index.sessionsOf(index.subjectOf(user('bob')))).toEqual([]);
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
    await index.record('gone', user('bob', 'rt'));
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

  it('destroys again a session that a request already running wrote back as it ended', async () => {
    await signIn('bob-1', user('bob', 'rt'));
    await revoker.endSessionsOf(bob, store);
    // A request loaded Bob's session before it was destroyed, and saves it as it ends.
    await new Promise<void>((resolve) => store.set('bob-1', stored(user('bob')), () => resolve()));
    expect(await exists('bob-1')).toBe(true);

    await pause(100 + 1_000 + 100);

    expect(await exists('bob-1')).toBe(false);
  });
});
