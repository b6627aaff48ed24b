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
import { RedisAnswerTimeoutError } from './answer-within';

/**
 * What Redis answers while a primary fails over: a replica refusing writes, a Cluster with a slot
 * unserved or mid-move, a replica that lost its primary, a node still loading its data.
 */
const FAILOVER_REPLY = /^(READONLY|CLUSTERDOWN|TRYAGAIN|MASTERDOWN|LOADING)\b/;

/**
 * Whether `error` says Redis cannot serve right now, rather than that a command was wrong: the
 * errors node-redis raises while its connection is down or being re-established, a command past
 * its timeout, and Redis's own answers during a failover. An app answers these with 503 (the
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
    error instanceof TimeoutError ||
    error instanceof RedisAnswerTimeoutError ||
    (error instanceof ErrorReply && FAILOVER_REPLY.test(error.message))
  );
}
