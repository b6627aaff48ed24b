import { StoreCommandTimeoutError, withBoundedCommands } from './bounded-commands';

const never = () => new Promise<never>(() => undefined);

/** A stand-in for a client whose commands never answer, as Sentinel's while it finds a primary. */
function stuckClient() {
  const client = {
    isReady: true,
    get: never,
    set: (value: string) => Promise.resolve(`set ${value}`),
    withCommandOptions: (_options: { timeout: number }) => client,
    multi: () => ({ set: () => ({ exec: never }) }),
  };
  return client;
}

describe('withBoundedCommands', () => {
  it('fails a command that outlives the timeout, and passes answers and fields through', async () => {
    const client = withBoundedCommands(stuckClient(), 50);
    expect(client.isReady).toBe(true);
    expect(await client.set('x')).toBe('set x');
    const started = Date.now();
    await expect(client.get()).rejects.toBeInstanceOf(StoreCommandTimeoutError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('bounds the commands of what the client hands out: a transaction, a client with options', async () => {
    const client = withBoundedCommands(stuckClient(), 50);
    await expect(client.multi().set().exec()).rejects.toBeInstanceOf(StoreCommandTimeoutError);
    await expect(client.withCommandOptions({ timeout: 10_000 }).get()).rejects.toBeInstanceOf(
      StoreCommandTimeoutError,
    );
  });

  it('keeps a shorter timeout a caller asked of its own commands', async () => {
    const client = withBoundedCommands(stuckClient(), 10_000);
    const started = Date.now();
    await expect(client.withCommandOptions({ timeout: 50 }).get()).rejects.toBeInstanceOf(
      StoreCommandTimeoutError,
    );
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
