/**
 * What a test helper has started so far, each with how to stop it: a helper that starts several
 * servers and processes stops, when a later one fails to start, all those that did (otherwise
 * they outlive the test, and Jest waits on them), and stops them all the same way when the test
 * is done.
 */
export class Started {
  private readonly stops: (() => Promise<unknown>)[] = [];

  /** Records `thing` as started, to be stopped by `stop`; returns it. */
  add<T>(thing: T, stop: (thing: T) => Promise<unknown>): T {
    this.stops.push(() => stop(thing));
    return thing;
  }

  /**
   * Stops everything, the last started first (an app before the provider and the Redis it
   * uses). Every stop is tried; the first failure is thrown once all have been.
   */
  async stopAll(): Promise<void> {
    const failures: unknown[] = [];
    for (const stop of this.stops.splice(0).reverse()) {
      await stop().catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  }
}

/**
 * Runs `start`, which records what it starts in `started`; if it throws, everything it started
 * is stopped before its error is thrown on.
 */
export async function startAll<T>(start: (started: Started) => Promise<T>): Promise<T> {
  const started = new Started();
  try {
    return await start(started);
  } catch (error) {
    await started.stopAll().catch(() => undefined);
    throw error;
  }
}
