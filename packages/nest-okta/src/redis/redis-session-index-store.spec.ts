import type { RedisKeyCommands } from './redis-commands';
import { RedisRefreshLock } from './redis-refresh-lock';
import { RedisSessionIndexStore } from './redis-session-index-store';

/** Records each command with the keys it names: a Cluster routes a command by its one key. */
function recordingClient(replies: { set?: unknown; zRangeByScore?: unknown } = {}) {
  const keysOf: string[][] = [];
  const client: RedisKeyCommands = {
    set: (key) => (keysOf.push([key]), Promise.resolve('set' in replies ? replies.set : 'OK')),
    eval: (_script, { keys }) => (keysOf.push(keys), Promise.resolve(1)),
    zRem: (key) => (keysOf.push([key]), Promise.resolve(1)),
    zRangeByScore: (key) => (keysOf.push([key]), Promise.resolve(replies.zRangeByScore ?? [])),
  };
  return { client, keysOf };
}

describe('RedisSessionIndexStore', () => {
  it('records a sign-in under each of its keys in a step of its own, each naming one key', async () => {
    const { client, keysOf } = recordingClient();
    await new RedisSessionIndexStore(client).add(['iss_sub:a|1', 'email:a@x'], 'sid', 1_000);
    await new RedisSessionIndexStore(client).remove(['iss_sub:a|1', 'email:a@x'], 'sid');
    expect(keysOf).toEqual([
      ['nest-okta:sess-index:iss_sub:a|1'],
      ['nest-okta:sess-index:email:a@x'],
      ['nest-okta:sess-index:iss_sub:a|1'],
      ['nest-okta:sess-index:email:a@x'],
    ]);
  });

  it('takes prefixes of the app’s own', async () => {
    const { client, keysOf } = recordingClient();
    const index = new RedisSessionIndexStore(client, { prefix: 'app:ix:', oncePrefix: 'app:1:' });
    await index.sessionIds('k');
    await index.recordOnce('jti', 1_000);
    expect(keysOf).toEqual([['app:ix:k'], ['app:1:jti']]);
  });

  it('refuses an answer that is not a list of session ids', async () => {
    const { client } = recordingClient({ zRangeByScore: [1, 2] });
    await expect(new RedisSessionIndexStore(client).sessionIds('k')).rejects.toThrow(
      /ZRANGEBYSCORE answered \[1,2\]/,
    );
  });

  it('records a one-time id only when SET NX took it', async () => {
    expect(await new RedisSessionIndexStore(recordingClient().client).recordOnce('a', 1)).toBe(
      true,
    );
    const taken = recordingClient({ set: null }).client;
    expect(await new RedisSessionIndexStore(taken).recordOnce('a', 1)).toBe(false);
  });
});

describe('RedisRefreshLock', () => {
  it('takes and releases one key, under its prefix', async () => {
    const { client, keysOf } = recordingClient();
    const release = await new RedisRefreshLock(client, { prefix: 'app:lock:' }).tryAcquire('s', 1);
    await release?.();
    expect(keysOf).toEqual([['app:lock:s'], ['app:lock:s']]);
  });

  it('answers undefined when another holder has the lock', async () => {
    const { client } = recordingClient({ set: null });
    expect(await new RedisRefreshLock(client).tryAcquire('s', 1)).toBeUndefined();
  });
});
