/**
 * The few commands the session index and the refresh lock send, as every node-redis 6 client
 * has them: `createClient`'s, `createCluster`'s and `createSentinel`'s. Each command names one
 * key, so a Cluster client routes it by that key and no step spans two hash slots.
 */
export interface RedisKeyCommands {
  set(
    key: string,
    value: string,
    options: { condition: 'NX'; expiration: { type: 'PX'; value: number } },
  ): Promise<unknown>;
  eval(script: string, call: { keys: string[]; arguments: string[] }): Promise<unknown>;
  zRem(key: string, member: string): Promise<unknown>;
  zRangeByScore(key: string, min: string, max: string): Promise<unknown>;
}
