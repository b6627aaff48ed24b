/** A command that took longer than REDIS_COMMAND_TIMEOUT_MS: the store counts as unavailable. */
export class StoreCommandTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
    this.name = 'StoreCommandTimeoutError';
  }
}

/**
 * `client` with every command it sends (and those of what its methods return: `multi()`,
 * `withCommandOptions()`) failing after `timeoutMs`. node-redis's command timeout covers only
 * the wait to be sent, not the reply to a sent command (a Redis that stops answering), and its
 * Sentinel client holds a command while it looks for a new primary, up to 16 rounds of a second
 * each: a request would hang instead of getting the 503 page. The command itself is left to
 * finish or fail; only the wait is cut.
 */
export function withBoundedCommands<T extends object>(client: T, timeoutMs: number): T {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = Reflect.apply(value, target, args);
        if (result instanceof Promise) return bounded(result, timeoutMs);
        if (typeof result === 'object' && result !== null) {
          const own = ownTimeout(property, args);
          return withBoundedCommands(
            result,
            own === undefined ? timeoutMs : Math.min(own, timeoutMs),
          );
        }
        return result;
      };
    },
  });
}

/**
 * A shorter timeout a caller asked of its own commands (`withCommandOptions({ timeout })`, as the
 * rate limits do), which node-redis's Sentinel client would not keep either.
 */
function ownTimeout(property: string | symbol, args: unknown[]): number | undefined {
  if (property !== 'withCommandOptions') return undefined;
  const timeout = (args[0] as { timeout?: unknown } | undefined)?.timeout;
  return typeof timeout === 'number' && timeout > 0 ? timeout : undefined;
}

/** `command`, or a StoreCommandTimeoutError once `timeoutMs` have passed without its answer. */
export function bounded<T>(command: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreCommandTimeoutError(timeoutMs)), timeoutMs);
  });
  // The command may still fail after the timeout: that failure is already reported.
  command.catch(() => undefined);
  return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
}
