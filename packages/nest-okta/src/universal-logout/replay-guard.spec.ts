import { ReplayGuard } from './replay-guard';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stands in for the shared store: one record per id, as Redis's SET NX keeps it. */
function sharedStore() {
  const recorded = new Map<string, number>();
  const recordOnce = jest.fn((id: string, ttlMs: number) => {
    const until = recorded.get(id);
    if (until !== undefined && until > Date.now()) return Promise.resolve(false);
    recorded.set(id, Date.now() + ttlMs);
    return Promise.resolve(true);
  });
  return { recordOnce, recorded };
}

describe('ReplayGuard', () => {
  it('accepts a token once, and refuses it again while it could still be accepted', async () => {
    const { recordOnce } = sharedStore();
    const guard = new ReplayGuard(recordOnce);
    const until = Date.now() + 60_000;

    expect(await guard.firstUse('jti-1', until)).toBe(true);
    expect(await guard.firstUse('jti-1', until)).toBe(false);
    expect(await guard.firstUse('jti-2', until)).toBe(true);
    expect(recordOnce).toHaveBeenCalledWith('gtr-jti:jti-1', expect.any(Number));
    expect(recordOnce.mock.calls[0][1]).toBeGreaterThan(59_000);
  });

  it('refuses a token another instance has seen, through the shared store', async () => {
    const { recordOnce } = sharedStore();
    const here = new ReplayGuard(recordOnce);
    const there = new ReplayGuard(recordOnce);
    const until = Date.now() + 60_000;

    expect(await here.firstUse('jti-1', until)).toBe(true);
    expect(await there.firstUse('jti-1', until)).toBe(false);
  });

  it('forgets a token once it could no longer be accepted anyway', async () => {
    const guard = new ReplayGuard(() => Promise.resolve(true));
    await guard.firstUse('jti-1', Date.now() + 30);
    await pause(50);
    expect(await guard.firstUse('jti-1', Date.now() + 30)).toBe(true);
  });

  it('holds at most its capacity, the oldest going first', async () => {
    const guard = new ReplayGuard(() => Promise.resolve(true), 3);
    const until = Date.now() + 60_000;
    for (const jti of ['a', 'b', 'c', 'd']) await guard.firstUse(jti, until);

    expect(await guard.firstUse('d', until)).toBe(false);
    expect(await guard.firstUse('b', until)).toBe(false);
    // "a" was dropped to make room: only the shared store (here, none) could still catch it.
    expect(await guard.firstUse('a', until)).toBe(true);
  });
});
