import type { Request } from 'express';
import type { Session, SessionData } from 'express-session';
import { activityInterval, markSessionActive } from './session-activity.middleware';

type TestSession = Partial<SessionData> & Record<string, unknown>;

function run(session: TestSession): TestSession {
  markSessionActive({ session: session as unknown as Session } as Request);
  return session;
}

const cookie = (maxAge: number | null = 600_000) =>
  ({ originalMaxAge: maxAge }) as SessionData['cookie'];

describe('markSessionActive', () => {
  it('extends sessions once a minute, or every tenth of a short idle timeout', () => {
    expect(activityInterval(2 * 60 * 60 * 1000)).toBe(60_000);
    expect(activityInterval(2_000)).toBe(200);
    expect(activityInterval(null)).toBe(60_000);
  });

  it('marks a session active when the interval has passed', () => {
    const before = Date.now();
    const session = run({ cookie: cookie(), lastActiveAt: before - 61_000 });
    expect(session.lastActiveAt).toBeGreaterThanOrEqual(before);
  });

  it('follows the cookie maxAge: a 2 s idle timeout extends every 200 ms', () => {
    const session = run({ cookie: cookie(2_000), lastActiveAt: Date.now() - 250 });
    expect(session.lastActiveAt).toBeGreaterThan(Date.now() - 50);
  });

  it('does not touch a session marked within the interval, so it is not rewritten', () => {
    const recent = Date.now() - 1_000;
    expect(run({ cookie: cookie(), lastActiveAt: recent }).lastActiveAt).toBe(recent);
  });

  it.each([
    ['never marked', undefined],
    ['marked with a string', 'x'],
    ['marked at a time past what a Date holds', 9e15],
    ['marked at Infinity', Infinity],
  ])('marks a session %s, mending the mark', (_case, lastActiveAt) => {
    const before = Date.now();
    const session = run({ cookie: cookie(), lastActiveAt: lastActiveAt as never });
    expect(session.lastActiveAt).toBeGreaterThanOrEqual(before);
    expect(session.lastActiveAt).toBeLessThanOrEqual(Date.now());
  });

  it('extends once a minute when the cookie’s maxAge read back is not a number', () => {
    expect(activityInterval('x')).toBe(60_000);
    expect(activityInterval(NaN)).toBe(60_000);
  });
});
