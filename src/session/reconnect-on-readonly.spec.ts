import { channel } from 'node:diagnostics_channel';
import { CHANNELS, SimpleError } from 'redis';
import { reconnectOnReadOnly } from './reconnect-on-readonly';

const READONLY = new SimpleError("READONLY You can't write against a read only replica.");
const ENDPOINT = { host: '127.0.0.1', port: 6380 };

/** A command's failure, as node-redis reports it on its tracing channel. */
function reportFailure(name: string, error: Error, port = ENDPOINT.port) {
  channel(`tracing:${name}:error`).publish({
    serverAddress: ENDPOINT.host,
    serverPort: port,
    error,
  });
}

function fakeClient() {
  const calls: string[] = [];
  let reconnected: () => void = () => undefined;
  const client = {
    isOpen: true,
    destroy: () => void calls.push('destroy'),
    connect: () => {
      calls.push('connect');
      return new Promise<never>((resolve) => (reconnected = () => resolve(undefined as never)));
    },
  };
  return { client, calls, reconnected: () => reconnected() };
}

describe('reconnectOnReadOnly', () => {
  it('drops and reopens the connection on the first READONLY from its endpoint, once at a time', async () => {
    const { client, calls, reconnected } = fakeClient();
    const stop = reconnectOnReadOnly(client, ENDPOINT);
    try {
      reportFailure(CHANNELS.TRACE_COMMAND, READONLY);
      reportFailure(CHANNELS.TRACE_BATCH, READONLY);
      expect(calls).toEqual(['destroy', 'connect']);

      reconnected();
      await new Promise((resolve) => setImmediate(resolve));
      reportFailure(CHANNELS.TRACE_BATCH, READONLY);
      expect(calls).toEqual(['destroy', 'connect', 'destroy', 'connect']);
    } finally {
      stop();
    }
  });

  it('ignores other failures, other endpoints, and everything once stopped', () => {
    const { client, calls } = fakeClient();
    const stop = reconnectOnReadOnly(client, ENDPOINT);
    reportFailure(CHANNELS.TRACE_COMMAND, new SimpleError('ERR unknown command'));
    reportFailure(CHANNELS.TRACE_COMMAND, READONLY, 6381);
    stop();
    reportFailure(CHANNELS.TRACE_COMMAND, READONLY);
    expect(calls).toEqual([]);
  });
});
