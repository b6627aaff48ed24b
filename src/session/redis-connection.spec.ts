import { endpointOf } from './redis-connection';

describe('endpointOf', () => {
  it('keeps the URL’s own credentials when none are given apart', () => {
    const { url, username, password } = endpointOf({ url: 'redis://app:p%40ss@redis:6379/2' });
    expect(url.href).toBe('redis://redis:6379/2');
    expect({ username, password }).toEqual({ username: 'app', password: 'p@ss' });
  });

  it('lets REDIS_USERNAME and REDIS_PASSWORD win over the URL’s, each on its own', () => {
    expect(endpointOf({ url: 'redis://app:old@redis:6379', password: 'new' })).toMatchObject({
      username: 'app',
      password: 'new',
    });
    expect(
      endpointOf({ url: 'redis://app:old@redis:6379', username: 'other', password: 'new' }),
    ).toMatchObject({ username: 'other', password: 'new' });
  });

  it('gives no credentials when there are none', () => {
    expect(endpointOf({ url: 'rediss://redis:6380' })).toEqual({
      url: new URL('rediss://redis:6380'),
      username: undefined,
      password: undefined,
    });
  });
});
