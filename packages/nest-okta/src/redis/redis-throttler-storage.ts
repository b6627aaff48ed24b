import { Logger } from '@nestjs/common';
import { type ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { answerWithin } from './answer-within';
import {
  THROTTLE_SCRIPT,
  THROTTLE_SCRIPT_SHA1,
  throttleRecord,
  type ThrottleRecord,
} from './throttle-script';

export interface RedisThrottlerStorageOptions {
  /** Put before every bucket's key. Default `nest-okta:throttle:`. */
  prefix?: string;
  /**
   * How long Redis may take to answer before this instance counts the request itself, in
   * milliseconds. Default 500 (twice that when Redis must load the script again).
   */
  timeoutMs?: number;
}

/**
 * What the storage needs of a node-redis client (`createClient`'s, `createCluster`'s or
 * `createSentinel`'s): its scripts, each given a timeout of the client's own.
 */
export interface ThrottleClient {
  withCommandOptions(options: { timeout: number }): ScriptRunner;
}

interface ScriptRunner {
  evalSha(sha1: string, call: ScriptCall): Promise<unknown>;
  eval(script: string, call: ScriptCall): Promise<unknown>;
}

interface ScriptCall {
  keys: string[];
  arguments: string[];
}

const DEFAULT_PREFIX = 'nest-okta:throttle:';
const DEFAULT_TIMEOUT_MS = 500;

/**
 * @nestjs/throttler's storage in Redis, through a node-redis client: every instance given the
 * same Redis counts each rate limit's budget once (AuthModule's `rateLimitStorage`; a
 * `ThrottlerModule`'s `storage` takes it too). Each bucket is one key, counted by one script (see
 * `THROTTLE_SCRIPT`), so it carries over to a Redis Cluster.
 *
 * While Redis fails, or takes longer than `timeoutMs`, requests are counted in this instance's
 * memory instead (each instance its own budget, as without Redis) until Redis answers again;
 * both changes are logged once. Not closed: an outage of a counter would then turn every
 * sign-in away, and Okta's Universal Logout calls with them (leaving users signed in). Not open:
 * the limits would lift exactly while Redis is down, which whoever wants them lifted may have
 * caused. And never waiting: a client that queues commands while disconnected (without
 * `disableOfflineQueue`), or a Sentinel client looking for a new primary, is cut short by the
 * timeout.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private readonly inThisInstance = new ThrottlerStorageService();
  private readonly scripts: ScriptRunner;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private failing = false;

  constructor(
    client: ThrottleClient,
    { prefix = DEFAULT_PREFIX, timeoutMs = DEFAULT_TIMEOUT_MS }: RedisThrottlerStorageOptions = {},
  ) {
    // node-redis drops a command that times out from its queue: one sent while Redis is down
    // is not counted later, when a client that queues commands reconnects.
    this.scripts = client.withCommandOptions({ timeout: timeoutMs });
    this.prefix = prefix;
    this.timeoutMs = timeoutMs;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottleRecord> {
    const bucket = `${this.prefix}${throttlerName}:${key}`;
    try {
      const record = await this.count(bucket, ttl, limit, blockDuration);
      if (this.failing) this.logger.log('Rate limits are counted in Redis again');
      this.failing = false;
      return record;
    } catch (error) {
      if (!this.failing) {
        this.logger.error(
          `Rate limits are counted by each instance until Redis answers again: ${(error as Error).message}`,
        );
      }
      this.failing = true;
      return this.inThisInstance.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  private async count(bucket: string, ttl: number, limit: number, blockDuration: number) {
    const call: ScriptCall = {
      keys: [bucket],
      arguments: [ttl, limit, blockDuration].map(String),
    };
    // The client's own timeout is not enough: node-redis's Sentinel client holds a command while
    // it looks for a new primary (up to 16 rediscoveries), whatever that timeout.
    const reply = await answerWithin(
      this.scripts.evalSha(THROTTLE_SCRIPT_SHA1, call),
      this.timeoutMs,
    ).catch((error: Error) => {
      // Not loaded on that server yet (a restart, a new node): EVAL runs it and loads it.
      if (!error.message.startsWith('NOSCRIPT')) throw error;
      return answerWithin(this.scripts.eval(THROTTLE_SCRIPT, call), this.timeoutMs);
    });
    return throttleRecord(reply);
  }
}
