import { Logger } from '@nestjs/common';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { CHANNELS, type RedisClientType } from 'redis';

const logger = new Logger('SessionStore');

interface TracedCommand {
  serverAddress?: string;
  serverPort?: number;
  error?: unknown;
}

/** The reply a replica gives a write: the endpoint now leads to a node that is no primary. */
export function isReadOnlyReply(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('READONLY');
}

/**
 * Behind one endpoint that fails over underneath (a managed Redis, a proxy, DNS), the old primary
 * becomes a replica and keeps the client's socket open: every write answers `READONLY`, and
 * node-redis has no reason to reconnect. On the first such answer from `host:port`, the client
 * drops its connection and opens a new one, which the endpoint routes to the new primary;
 * meanwhile commands fail at once (the 503 page). node-redis reports every command's outcome on
 * its diagnostics channels, which is where the answer is seen, whichever code sent the command.
 * Returns what stops watching.
 */
export function reconnectOnReadOnly(
  client: Pick<RedisClientType, 'destroy' | 'connect' | 'isOpen'>,
  endpoint: { host: string; port: number },
): () => void {
  let reconnecting = false;
  const onError = (context: TracedCommand) => {
    if (reconnecting || !isReadOnlyReply(context.error)) return;
    if (context.serverAddress !== endpoint.host || context.serverPort !== endpoint.port) return;
    if (!client.isOpen) return;
    reconnecting = true;
    logger.warn('Redis answered READONLY: reconnecting to reach the primary');
    client.destroy();
    client
      .connect()
      .catch((error: Error) => logger.error(`Reconnecting to Redis failed: ${error.message}`))
      .finally(() => (reconnecting = false));
  };
  // A tracing channel publishes its failures on `tracing:<name>:error`.
  const channels = [CHANNELS.TRACE_COMMAND, CHANNELS.TRACE_BATCH].map(
    (name) => `tracing:${name}:error`,
  );
  const listener = (message: unknown) => onError(message as TracedCommand);
  for (const channel of channels) subscribe(channel, listener);
  return () => {
    for (const channel of channels) unsubscribe(channel, listener);
  };
}
