import type { AppInstance } from './app-instance';

/** Polls `isReady` until it answers true; fails, naming `what`, once `timeoutMs` have passed. */
export async function untilReady(
  what: string,
  isReady: () => Promise<boolean>,
  { timeoutMs = 15_000, pollMs = 100 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isReady())) {
    if (Date.now() > deadline) throw new Error(`${what} never got ready`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Until the instance's `/health` answers 200: its session store (Redis) is reachable. */
export function untilHealthy(instance: AppInstance): Promise<void> {
  return untilReady(
    instance.baseUrl,
    async () => (await fetch(instance.url('/health'))).status === 200,
  );
}
