import type { ThrottlerStorage } from '@nestjs/throttler';

/** Any @nestjs/throttler storage: all the rate limits need is its `increment`. */
export function isThrottlerStorage(value: unknown): value is ThrottlerStorage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { increment?: unknown }).increment === 'function'
  );
}

/** The storage the rate limits count in: the app's `rateLimitStorage`, or this instance's memory. */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');
