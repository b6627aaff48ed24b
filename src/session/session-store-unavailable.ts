import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { isRedisUnavailable } from 'nest-okta/redis';
import { StoreCommandTimeoutError } from './bounded-commands';

/** Sessions cannot be read or written, so nobody can be signed in or out right now. */
export class SessionStoreUnavailableException extends ServiceUnavailableException {
  constructor(cause?: unknown) {
    super(
      {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Temporarily unavailable',
        message:
          'We cannot reach our session storage right now, so signing in and signed-in pages are unavailable. Please try again in a moment.',
      },
      { cause },
    );
  }
}

/**
 * What node-redis and Redis say while the store cannot serve (`isRedisUnavailable`), or a command
 * that outlived REDIS_COMMAND_TIMEOUT_MS.
 */
export function isSessionStoreFailure(error: unknown): boolean {
  return isRedisUnavailable(error) || error instanceof StoreCommandTimeoutError;
}
