import { ClientOfflineError, SimpleError } from 'redis';
import { StoreCommandTimeoutError } from './bounded-commands';
import { isSessionStoreFailure } from './session-store-unavailable';

describe('isSessionStoreFailure', () => {
  it.each([
    ['no connection', new ClientOfflineError()],
    ['a command past REDIS_COMMAND_TIMEOUT_MS', new StoreCommandTimeoutError(2_000)],
    ['a failover reply', new SimpleError('MASTERDOWN Link with MASTER is down')],
  ])('counts %s as the store being unavailable (503)', (_, error) => {
    expect(isSessionStoreFailure(error)).toBe(true);
  });

  it.each([
    ['a wrong command', new SimpleError('ERR unknown command')],
    ['an error of the app', new Error('READONLY')],
  ])('leaves %s to be a fault of its own', (_, error) => {
    expect(isSessionStoreFailure(error)).toBe(false);
  });
});
