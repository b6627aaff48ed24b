import { RedisThrottlerStorage, type ThrottleClient } from './redis-throttler-storage';

/** A client whose scripts answer as `answer` says, and which records the timeout it was given. */
function scriptedClient(answer: () => Promise<unknown>) {
  const timeouts: number[] = [];
  const client: ThrottleClient = {
    withCommandOptions: ({ timeout }) => {
      timeouts.push(timeout);
      return { evalSha: answer, eval: answer };
    },
  };
  return { client, timeouts };
}

/** What node-redis's Sentinel client does while it looks for a primary: no answer at all. */
const neverAnswers = () => new Promise<never>(() => undefined);

describe('RedisThrottlerStorage', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('counts in this instance once Redis has not answered within timeoutMs, whatever the client does with its own timeout', async () => {
    const { client, timeouts } = scriptedClient(neverAnswers);
    const storage = new RedisThrottlerStorage(client, { timeoutMs: 300 });
    let settled = false;
    const record = storage.increment('1.2.3.4', 60_000, 10, 0, 'sign-in').finally(() => {
      settled = true;
    });

    await jest.advanceTimersByTimeAsync(299);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(record).resolves.toMatchObject({ totalHits: 1, isBlocked: false });
    expect(timeouts).toEqual([300]);
  });

  it('bounds the script loaded again after NOSCRIPT by the same timeout', async () => {
    let calls = 0;
    const { client } = scriptedClient(() =>
      calls++ === 0 ? Promise.reject(new Error('NOSCRIPT No matching script')) : neverAnswers(),
    );
    const storage = new RedisThrottlerStorage(client, { timeoutMs: 200 });
    let settled = false;
    const record = storage.increment('1.2.3.4', 60_000, 10, 0, 'sign-in').finally(() => {
      settled = true;
    });

    await jest.advanceTimersByTimeAsync(199);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(record).resolves.toMatchObject({ totalHits: 1 });
    expect(calls).toBe(2);
  });

  it('takes Redis’s count when it answers in time', async () => {
    const { client } = scriptedClient(() => Promise.resolve([7, 60_000, 0]));
    const record = await new RedisThrottlerStorage(client).increment('k', 60_000, 10, 0, 't');
    expect(record.totalHits).toBe(7);
  });
});
