import type { Request } from 'express';
import { MemoryStore } from 'express-session';
import type { OktaTokens } from '../user/okta-user';
import { TokenVault } from './token-vault';

const SESSION_ID = 'session-1';
const refreshed: OktaTokens = { idToken: 'id', accessToken: 'at-2', refreshToken: 'rt-2' };

describe('TokenVault.saveWhileSessionExists', () => {
  let store: MemoryStore;
  let vault: TokenVault;
  const req = { sessionID: SESSION_ID, sessionStore: undefined } as unknown as Request;

  const storeSession = () =>
    new Promise<void>((resolve) =>
      store.set(
        SESSION_ID,
        { cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) } },
        () => resolve(),
      ),
    );
  const destroySession = () =>
    new Promise<void>((resolve) => store.destroy(SESSION_ID, () => resolve()));

  beforeEach(async () => {
    store = new MemoryStore();
    Object.assign(req, { sessionStore: store });
    vault = new TokenVault(60_000);
    await storeSession();
  });

  it('stores the tokens while their session exists', async () => {
    expect(await vault.saveWhileSessionExists(req, refreshed)).toBe(true);
    expect(await vault.readFrom(store, SESSION_ID)).toEqual(refreshed);
  });

  it('stores nothing once the session is gone', async () => {
    await destroySession();
    expect(await vault.saveWhileSessionExists(req, refreshed)).toBe(false);
    expect(await vault.readFrom(store, SESSION_ID)).toBeUndefined();
  });

  it('takes the tokens back when the session ends while they are written', async () => {
    const set = store.set.bind(store);
    store.set = (key, record, done) =>
      set(key, record, () => {
        // Universal Logout, on another instance, ends the session right then.
        if (key.endsWith(':tokens')) void destroySession().then(() => done?.());
        else done?.();
      });

    expect(await vault.saveWhileSessionExists(req, refreshed)).toBe(false);
    expect(await vault.readFrom(store, SESSION_ID)).toBeUndefined();
  });
});
