import { MemorySessionIndexStore } from './memory-session-index-store';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('MemorySessionIndexStore', () => {
  let store: MemorySessionIndexStore;

  afterEach(() => {
    store.close();
    jest.useRealTimers();
  });

  it('lists the sessions recorded under a key, and forgets the ones removed', async () => {
    store = new MemorySessionIndexStore();
    await store.add(['user-1', 'mail-1'], 'sid-a', 60_000);
    await store.add(['user-1'], 'sid-b', 60_000);

    expect((await store.sessionIds('user-1')).sort()).toEqual(['sid-a', 'sid-b']);
    expect(await store.sessionIds('mail-1')).toEqual(['sid-a']);

    await store.remove(['user-1', 'mail-1'], 'sid-a');
    expect(await store.sessionIds('user-1')).toEqual(['sid-b']);
    expect(await store.sessionIds('mail-1')).toEqual([]);
    expect(await store.sessionIds('nobody')).toEqual([]);
    expect(store.size).toBe(1);
  });

  it('never lists an expired session, and keeps the ones still alive under the same key', async () => {
    store = new MemorySessionIndexStore();
    await store.add(['user-1'], 'short', 50);
    await store.add(['user-1'], 'long', 60_000);
    await pause(80);

    expect(await store.sessionIds('user-1')).toEqual(['long']);
  });

  it('leaves no entry behind once 10,000 sign-ins have expired, signed out or not', async () => {
    // The clock is the test's: on a loaded machine the 10,000 sign-ins alone outlast a real TTL.
    jest.useFakeTimers();
    const TTL_MS = 1_000;
    store = new MemorySessionIndexStore({ sweepIntervalMs: 50 });
    const users = 1_000;
    for (let signIn = 0; signIn < 10_000; signIn++) {
      const user = signIn % users;
      await store.add([`iss_sub:${user}`, `email:${user}`], `sid-${signIn}`, TTL_MS);
      // Every third sign-in also signs out, as most people eventually do not.
      if (signIn % 3 === 0)
        await store.remove([`iss_sub:${user}`, `email:${user}`], `sid-${signIn}`);
    }
    expect(store.size).toBeGreaterThan(13_000);
    expect(await store.sessionIds('iss_sub:7')).toHaveLength(7);

    jest.advanceTimersByTime(TTL_MS + 200);

    expect(store.size).toBe(0);
    expect(await store.sessionIds('iss_sub:7')).toEqual([]);
  });

  it('keeps a session recorded again with a longer life for that longer life', async () => {
    store = new MemorySessionIndexStore({ sweepIntervalMs: 20 });
    await store.add(['user-1'], 'sid-a', 60_000);
    await store.add(['user-1'], 'sid-a', 10);
    await pause(60);

    expect(await store.sessionIds('user-1')).toEqual(['sid-a']);
    expect(store.size).toBe(1);
  });
});
