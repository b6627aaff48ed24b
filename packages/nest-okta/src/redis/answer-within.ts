/** A Redis command that outlived the time its caller gives it. */
export class RedisAnswerTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`Redis did not answer within ${timeoutMs} ms`);
    this.name = 'RedisAnswerTimeoutError';
  }
}

/**
 * `command`'s answer, or a `RedisAnswerTimeoutError` once `timeoutMs` have passed without one.
 * The command is left to settle on its own: a failure after the timeout was already reported as
 * the timeout.
 */
export function answerWithin<T>(command: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisAnswerTimeoutError(timeoutMs)), timeoutMs);
  });
  return Promise.race([command, timeout]).finally(() => clearTimeout(timer));
}
