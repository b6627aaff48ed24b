import {
  ClientOfflineError,
  ErrorReply,
  MaxCommandRedirectionsError,
  SimpleError,
  TimeoutError,
} from 'redis';
import { answerWithin, RedisAnswerTimeoutError } from './answer-within';
import { isRedisUnavailable } from './redis-unavailable';

describe('isRedisUnavailable', () => {
  it.each([
    ['no connection', new ClientOfflineError()],
    ['a command past its node-redis timeout', new TimeoutError()],
    ['a command past the time its caller gave it', new RedisAnswerTimeoutError(500)],
    [
      'a replica refusing a write',
      new SimpleError("READONLY You can't write against a read only replica."),
    ],
    ['a Cluster with a slot unserved', new SimpleError('CLUSTERDOWN The cluster is down')],
    ['a slot mid-move', new SimpleError('TRYAGAIN Multiple keys request during rehashing of slot')],
    ['a replica that lost its primary', new SimpleError('MASTERDOWN Link with MASTER is down')],
    ['a node loading its data', new ErrorReply('LOADING Redis is loading the dataset in memory')],
    [
      'a node out of memory',
      new SimpleError("OOM command not allowed when used memory > 'maxmemory'."),
    ],
    ['a node that cannot persist', new SimpleError('MISCONF Redis is configured to save RDB')],
    ['slots that keep moving', new MaxCommandRedirectionsError()],
  ])('counts %s as Redis being unavailable (503)', (_, error) => {
    expect(isRedisUnavailable(error)).toBe(true);
  });

  it.each([
    ['a wrong command', new SimpleError('ERR unknown command')],
    [
      'a wrong type',
      new SimpleError('WRONGTYPE Operation against a key holding the wrong kind of value'),
    ],
    ['a reply merely mentioning READONLY', new SimpleError('ERR READONLY is not the first word')],
    ['an error of the app', new Error('READONLY')],
    ['no error at all', undefined],
  ])('leaves %s to be a fault of its own', (_, error) => {
    expect(isRedisUnavailable(error)).toBe(false);
  });

  it('is what answerWithin rejects with when the answer is late', async () => {
    const late = answerWithin(new Promise(() => undefined), 10);
    await expect(late).rejects.toBeInstanceOf(RedisAnswerTimeoutError);
    await late.catch((error: unknown) => expect(isRedisUnavailable(error)).toBe(true));
  });
});
