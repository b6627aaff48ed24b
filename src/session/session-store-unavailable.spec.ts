import { ClientOfflineError, ErrorReply, SimpleError } from 'redis';
import { StoreCommandTimeoutError } from './bounded-commands';
import { isSessionStoreFailure } from './session-store-unavailable';

describe('isSessionStoreFailure', () => {
  it.each([
    ['no connection', new ClientOfflineError()],
    ['a command past REDIS_COMMAND_TIMEOUT_MS', new StoreCommandTimeoutError(2_000)],
    [
      'a replica refusing a write',
      new SimpleError("READONLY You can't write against a read only replica."),
    ],
    ['a Cluster with a slot unserved', new SimpleError('CLUSTERDOWN The cluster is down')],
    ['a slot mid-move', new SimpleError('TRYAGAIN Multiple keys request during rehashing of slot')],
    ['a replica that lost its primary', new SimpleError('MASTERDOWN Link with MASTER is down')],
    ['a node loading its data', new ErrorReply('LOADING Redis is loading the dataset in memory')],
  ])('counts %s as the store being unavailable (503)', (_, error) => {
    expect(isSessionStoreFailure(error)).toBe(true);
  });

  it.each([
    ['a wrong command', new SimpleError('ERR unknown command')],
    [
      'a wrong type',
      new SimpleError('WRONGTYPE Operation against a key holding the wrong kind of value'),
    ],
    ['a reply merely mentioning READONLY', new SimpleError('ERR READONLY is not the first word')],
    ['an error of the app', new Error('READONLY')],
  ])('leaves %s to be a fault of its own', (_, error) => {
    expect(isSessionStoreFailure(error)).toBe(false);
  });
});
