import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  SocketClosedUnexpectedlyError,
} from 'redis';

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

/** The errors node-redis raises while the connection is down or being re-established. */
export function isSessionStoreFailure(error: unknown): boolean {
  return (
    error instanceof ClientOfflineError ||
    error instanceof ClientClosedError ||
    error instanceof ConnectionTimeoutError ||
    error instanceof SocketClosedUnexpectedlyError
  );
}
