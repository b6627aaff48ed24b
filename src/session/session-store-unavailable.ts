import { HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  RootNodesUnavailableError,
  SocketClosedUnexpectedlyError,
  TimeoutError,
} from 'redis';
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
 * What Redis answers while a primary fails over: a replica refusing writes, a Cluster with a slot
 * unserved or mid-move, a replica that lost its primary, a node still loading its data.
 */
const FAILOVER_REPLY = /^(READONLY|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|LOADING)\b/;

/**
 * The errors node-redis raises while the connection is down or being re-established, a command
 * that outlived REDIS_COMMAND_TIMEOUT_MS, and Redis's own answers during a failover.
 */
export function isSessionStoreFailure(error: unknown): boolean {
  return (
    error instanceof ClientOfflineError ||
    error instanceof ClientClosedError ||
    error instanceof ConnectionTimeoutError ||
    error instanceof SocketClosedUnexpectedlyError ||
    error instanceof DisconnectsClientError ||
    error instanceof RootNodesUnavailableError ||
    error instanceof TimeoutError ||
    error instanceof StoreCommandTimeoutError ||
    (error instanceof ErrorReply && FAILOVER_REPLY.test(error.message))
  );
}
