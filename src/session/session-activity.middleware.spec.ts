import type { Request, Response } from 'express';
import type { Session, SessionData } from 'express-session';
import { activityInterval, sessionActivity } from './session-activity.middleware';

type TestSession = Partial<SessionData> & Record<string, unknown>;

function run(session: TestSession, idleTimeoutMs = 600_000): TestSession {
  const next = jest.fn();
  sessionActivity(idleTimeoutMs)(
    { session: session as unknown as Session } as Request,
    {} as Response,
    next,
  );
  expect(next).toHaveBeenCalledTimes(1);
  return session;
}

describe('sessionActivity', () => {
  it('extends sessions once a minute, or every tenth of a short idle timeout', () => {
    expect(activityInterval(2 * 60 * 60 * 1000)).toBe(60_000);
    expect(activityInterval(2_000)).toBe(200);
  });

  it('leaves a new, empty session alone so anonymous visitors get no stored session', () => {
    expect(run({ cookie: {} as SessionData['cookie'] })).not.toHaveProperty('lastActiveAt');
  });

  it('marks a stored session active when the interval has passed', () => {
    const before = Date.now();
    const session = run({ cookie: {} as SessionData['cookie'], lastActiveAt: before - 61_000 });
    expect(session.lastActiveAt).toBeGreaterThanOrEqual(before);
  });

  it('does not touch a session marked within the interval, so it is not rewritten', () => {
    const recent = Date.now() - 1_000;
    expect(run({ cookie: {} as SessionData['cookie'], lastActiveAt: recent }).lastActiveAt).toBe(
      recent,
    );
  });

  it('marks a stored session that was never marked', () => {
    const session = run({ cookie: {} as SessionData['cookie'], passport: { user: {} } });
    expect(session.lastActiveAt).toEqual(expect.any(Number));
  });
});
