/**
 * `nest-okta/redis`: what the module can keep in Redis, through the app's node-redis client.
 * Apart from the main entry, so an app without Redis never loads it.
 */
export {
  RedisThrottlerStorage,
  type RedisThrottlerStorageOptions,
  type ThrottleClient,
} from './redis-throttler-storage';
