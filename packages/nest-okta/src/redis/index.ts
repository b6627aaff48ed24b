/**
 * `nest-okta/redis`: what the module can keep in Redis, through the app's node-redis 6 client
 * (`createClient`, `createCluster` or `createSentinel`). Apart from the main entry, so an app
 * without Redis never loads it.
 */
export type { RedisKeyCommands } from './redis-commands';
export { RedisRefreshLock, type RedisRefreshLockOptions } from './redis-refresh-lock';
export {
  RedisSessionIndexStore,
  type RedisSessionIndexStoreOptions,
} from './redis-session-index-store';
export { isRedisUnavailable } from './redis-unavailable';
export {
  RedisThrottlerStorage,
  type RedisThrottlerStorageOptions,
  type ThrottleClient,
} from './redis-throttler-storage';
