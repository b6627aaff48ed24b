import { DEFAULT_REDIS_COMMAND_TIMEOUT_MS, readRedisSettings } from './read-redis-settings';

function read(env: Record<string, string>) {
  const problems: string[] = [];
  const settings = readRedisSettings((name) => env[name], problems);
  return { settings, problems };
}

describe('readRedisSettings', () => {
  it('reads nothing when no Redis is named', () => {
    expect(read({})).toEqual({ settings: undefined, problems: [] });
  });

  it.each(['REDIS_SENTINEL_PASSWORD', 'REDIS_TLS', 'REDIS_COMMAND_TIMEOUT_MS'])(
    'refuses %s when no Redis is named',
    (name) => {
      expect(read({ [name]: 'true' }).problems).toEqual([
        expect.stringMatching(
          new RegExp(
            `^${name}: only means something with REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS`,
          ),
        ),
      ]);
    },
  );

  it('reads a database number in the URL’s path', () => {
    expect(read({ REDIS_URL: 'redis://a:6379/2' }).problems).toEqual([]);
    expect(read({ REDIS_URL: 'redis://a:6379/' }).problems).toEqual([]);
  });

  it('reads one endpoint, with the default command timeout', () => {
    expect(read({ REDIS_URL: 'redis://redis.internal:6379' })).toEqual({
      settings: {
        mode: 'single',
        url: 'redis://redis.internal:6379',
        username: undefined,
        password: undefined,
        sentinelPassword: undefined,
        tls: false,
        commandTimeoutMs: DEFAULT_REDIS_COMMAND_TIMEOUT_MS,
      },
      problems: [],
    });
  });

  it('reads a Cluster’s nodes, credentials, TLS and timeout', () => {
    const { settings, problems } = read({
      REDIS_CLUSTER_NODES: '10.0.0.1:6379, 10.0.0.2:6380,[::1]:6381',
      REDIS_USERNAME: 'app',
      REDIS_PASSWORD: 'pw',
      REDIS_TLS: 'true',
      REDIS_COMMAND_TIMEOUT_MS: '500',
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      mode: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 6379 },
        { host: '10.0.0.2', port: 6380 },
        { host: '::1', port: 6381 },
      ],
      username: 'app',
      password: 'pw',
      tls: true,
      commandTimeoutMs: 500,
    });
  });

  it('reads sentinels with the name they monitor the primary by, and their own password', () => {
    const { settings, problems } = read({
      REDIS_SENTINELS: 'a:26379,b:26379',
      REDIS_SENTINEL_NAME: 'mymaster',
      REDIS_SENTINEL_PASSWORD: 'sentinel-pw',
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      mode: 'sentinel',
      sentinels: [
        { host: 'a', port: 26379 },
        { host: 'b', port: 26379 },
      ],
      name: 'mymaster',
      sentinelPassword: 'sentinel-pw',
    });
  });

  it.each([
    ['an IPv4 address in brackets', '[10.0.0.1]:6379', 'got "[10.0.0.1]:6379"'],
    ['brackets that hold no IPv6 address', '[:]:6379', 'got "[:]:6379"'],
    ['a host name with a #', 'redis#1:6379', 'got "redis#1:6379"'],
    ['the same node twice', '10.0.0.1:6379,10.0.0.1:6379', 'names 10.0.0.1:6379 twice'],
    ['a host name twice in two cases', 'Redis-A:6379,redis-a:6379', 'names redis-a:6379 twice'],
    [
      'an IPv6 address twice, written two ways',
      '[::1]:6379,[0:0:0:0:0:0:0:1]:6379',
      'names [::1]:6379 twice',
    ],
  ])('refuses a node list with %s', (_, nodes, said) => {
    const { problems } = read({ REDIS_CLUSTER_NODES: nodes });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^REDIS_CLUSTER_NODES: .* Example: REDIS_CLUSTER_NODES=/);
    expect(problems[0]).toContain(said);
  });

  it('reads host names with underscores, and IPv6 addresses as written in brackets', () => {
    const { settings, problems } = read({
      REDIS_CLUSTER_NODES: 'redis_1.internal:6379,[FE80::A]:6379',
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      nodes: [
        { host: 'redis_1.internal', port: 6379 },
        { host: 'fe80::a', port: 6379 },
      ],
    });
  });

  it.each([
    ['a URL whose password has a slash', { REDIS_URL: 'redis://:s3cr/et@a:6379' }],
    ['a URL whose password has an @', { REDIS_URL: 'http://app:s3cr@et@a:6379' }],
    ['a Cluster node given as a URL', { REDIS_CLUSTER_NODES: 'redis://app:s3cret@10.0.0.1:6379' }],
    [
      'a sentinel given with credentials',
      { REDIS_SENTINELS: 'app:s3cret@a:26379', REDIS_SENTINEL_NAME: 'm' },
    ],
  ])('never repeats a password in its message: %s', (_, env) => {
    const { problems } = read(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('***@');
    expect(problems[0]).not.toMatch(/s3c|et@/);
  });

  it.each([
    [
      'two ways to reach Redis',
      { REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'a:6379' },
      /^REDIS_URL, REDIS_CLUSTER_NODES: set only one of .* Example: REDIS_URL=/,
    ],
    [
      'a URL that is not redis://',
      { REDIS_URL: 'http://user:secret@a:6379' },
      /^REDIS_URL: must be a redis:\/\/ .*"http:\/\/\*\*\*@a:6379".* Example: REDIS_URL=/,
    ],
    [
      'a URL whose password is not URL-encoded',
      { REDIS_URL: 'redis://:100%@a:6379' },
      /^REDIS_URL: its user name and password must be URL-encoded .*"redis:\/\/\*\*\*@a:6379".* Example: REDIS_URL=redis:\/\/app:p%40ss@/,
    ],
    [
      'a URL whose path is no database number',
      { REDIS_URL: 'redis://a:6379/sessions' },
      /^REDIS_URL: its path, if any, must be a database number; got "redis:\/\/a:6379\/sessions". Example: REDIS_URL=redis:\/\/redis.internal:6379\/2/,
    ],
    [
      'a URL whose database is no whole number',
      { REDIS_URL: 'redis://a:6379/1.5' },
      /^REDIS_URL: its path, if any, must be a database number/,
    ],
    [
      'a node without a port',
      { REDIS_CLUSTER_NODES: '10.0.0.1:6379,10.0.0.2' },
      /^REDIS_CLUSTER_NODES: .*host:port; got "10.0.0.2". Example: REDIS_CLUSTER_NODES=/,
    ],
    [
      'a port out of range',
      { REDIS_SENTINELS: 'a:70000', REDIS_SENTINEL_NAME: 'm' },
      /^REDIS_SENTINELS: .*got "a:70000". Example: REDIS_SENTINELS=/,
    ],
    [
      'sentinels without the primary’s name',
      { REDIS_SENTINELS: 'a:26379' },
      /^REDIS_SENTINEL_NAME: required with REDIS_SENTINELS.* Example: REDIS_SENTINEL_NAME=mymaster/,
    ],
    [
      'a sentinel name without sentinels',
      { REDIS_URL: 'redis://a:6379', REDIS_SENTINEL_NAME: 'm' },
      /^REDIS_SENTINEL_NAME: only means something with REDIS_SENTINELS/,
    ],
    [
      'a sentinel name with a Cluster',
      { REDIS_CLUSTER_NODES: 'a:6379', REDIS_SENTINEL_NAME: 'm' },
      /^REDIS_SENTINEL_NAME: only means something with REDIS_SENTINELS/,
    ],
    [
      'a sentinel password without sentinels',
      { REDIS_CLUSTER_NODES: 'a:6379', REDIS_SENTINEL_PASSWORD: 'x' },
      /^REDIS_SENTINEL_PASSWORD: only means something with REDIS_SENTINELS/,
    ],
    [
      'REDIS_TLS with a URL',
      { REDIS_URL: 'redis://a:6379', REDIS_TLS: 'true' },
      /^REDIS_TLS: .* use a rediss:\/\/ URL. Example: REDIS_URL=rediss:/,
    ],
    [
      'REDIS_TLS that is not a boolean',
      { REDIS_CLUSTER_NODES: 'a:6379', REDIS_TLS: 'sure' },
      /^REDIS_TLS: must be true or false; got "sure". Example: REDIS_TLS=true/,
    ],
    [
      'a command timeout that is not a number',
      { REDIS_URL: 'redis://a:6379', REDIS_COMMAND_TIMEOUT_MS: '2s' },
      /^REDIS_COMMAND_TIMEOUT_MS: must be a whole number .* Example: REDIS_COMMAND_TIMEOUT_MS=2000/,
    ],
    [
      'a command timeout longer than a timer can wait',
      { REDIS_URL: 'redis://a:6379', REDIS_COMMAND_TIMEOUT_MS: '2147483648' },
      /^REDIS_COMMAND_TIMEOUT_MS: must be a whole number from 1 to 2147483647; got "2147483648"/,
    ],
    [
      'a zero command timeout',
      { REDIS_URL: 'redis://a:6379', REDIS_COMMAND_TIMEOUT_MS: '0' },
      /^REDIS_COMMAND_TIMEOUT_MS: must be a whole number from 1 to /,
    ],
    [
      'a password with nowhere to go',
      { REDIS_PASSWORD: 'pw' },
      /^REDIS_PASSWORD: only means something with REDIS_URL, REDIS_CLUSTER_NODES or REDIS_SENTINELS/,
    ],
  ])('refuses %s, naming the variable and an example', (_, env, message) => {
    const { problems } = read(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});
