import type { ThrottlerStorage } from '@nestjs/throttler';
import { createHash } from 'node:crypto';

/** What @nestjs/throttler's storages answer for each request counted. */
export type ThrottleRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One throttle bucket, counted in one key and in one step: a hash of `hits` (and `blocked`),
 * living for the window from its first hit, or, once blocked, for the block. One key per bucket,
 * named in KEYS, is what lets it run unchanged on a Redis Cluster; one script is what keeps two
 * instances counting at once from both slipping under the limit. Without a block duration (how
 * AuthModule counts), a request over the limit is refused until the window ends, uncounted, as
 * @nestjs/throttler's memory storage does; with one, the request that goes over blocks the
 * bucket for that long, and the next one after starts a new window. The window is fixed (the
 * memory storage's slides), so a client may fit up to twice the limit across a window's edge.
 * Answers `{hits, milliseconds the key has left, 1 if blocked}`.
 */
export const THROTTLE_SCRIPT = `
local key = KEYS[1]
local window, limit, block = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local hits = tonumber(redis.call('HGET', key, 'hits') or 0)
local blocked = redis.call('HGET', key, 'blocked') == '1'
if not blocked then
  if block <= 0 and hits >= limit then
    blocked = true
    hits = hits + 1
  else
    hits = redis.call('HINCRBY', key, 'hits', 1)
    if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, window) end
    if block > 0 and hits > limit then
      blocked = true
      redis.call('HSET', key, 'blocked', '1')
      redis.call('PEXPIRE', key, block)
    end
  end
end
local left = redis.call('PTTL', key)
if left < 0 then left = window end
return {hits, left, blocked and 1 or 0}
`;

/** What EVALSHA names the script by. */
export const THROTTLE_SCRIPT_SHA1 = createHash('sha1').update(THROTTLE_SCRIPT).digest('hex');

/** The script's answer as @nestjs/throttler's storages give it (times in whole seconds). */
export function throttleRecord(reply: unknown): ThrottleRecord {
  if (
    !Array.isArray(reply) ||
    reply.length !== 3 ||
    !reply.every((value) => typeof value === 'number')
  ) {
    throw new Error(`the throttle script answered ${JSON.stringify(reply)}`);
  }
  const [totalHits, leftMs, blocked] = reply as [number, number, number];
  const secondsLeft = Math.ceil(leftMs / 1000);
  const isBlocked = blocked === 1;
  return {
    totalHits,
    timeToExpire: secondsLeft,
    isBlocked,
    timeToBlockExpire: isBlocked ? secondsLeft : 0,
  };
}
