import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  MaxCommandRedirectionsError,
  RootNodesUnavailableError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
  TimeoutReadError,
} from 'redis';
import { RedisAnswerTimeoutError } from './answer-within';

/**
 * What Redis answers while it cannot take a command for a while: during a failover, a replica
 * refusing writes, a Cluster with a slot unserved or mid-move, a replica that lost its primary,
 * a node still loading its data; and a node out of memory (`OOM`) or unable to persist
 * (`MISCONF`), which refuses writes until an operator acts.
 */
const UNAVAILABLE_REPLY = /^(READONLY|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|LOADING|OOM|MISCONF)\b/;

/**
 * Whether `error` says Redis cannot serve right now, rather than that a command was wrong: the
 * errors node-redis raises while its connection is down or being re-established, a command past
 * its timeout, a Cluster whose slots keep moving, and Redis's own answers while it cannot take
 * commands. An app answers these with 503 (the
 * session store is down for a moment) instead of the 500 Nest gives an unknown error.
 */
export function isRedisUnavailable(error: unknown): boolean {
  return (
    error instanceof ClientOfflineError ||
    error instanceof ClientClosedError ||
    error instanceof ConnectionTimeoutError ||
    error instanceof SocketClosedUnexpectedlyError ||
    error instanceof DisconnectsClientError ||
    error instanceof RootNodesUnavailableError ||
    error instanceof SocketTimeoutError ||
    error instanceof TimeoutError ||
    error instanceof TimeoutReadError ||
    error instanceof MaxCommandRedirectionsError ||
    error instanceof RedisAnswerTimeoutError ||
    (error instanceof ErrorReply && UNAVAILABLE_REPLY.test(error.message))
  );
}
