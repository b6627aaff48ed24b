import {
  optionalRouteProblem,
  positiveWholeNumberProblem,
  rateLimitProblem,
} from './option-checks';
import type { OptionRules } from './option-rule';
import { isThrottlerStorage } from './rate-limit-storage';
import { isRefreshLock } from './refresh-lock';
import { isSessionIndexStore } from './session-index-store';

const HOUR_S = 60 * 60;

/** The options every tenant shares, but the widget's and Universal Logout's (their own files). */
export const SHARED_AUTH_OPTION_RULES = {
  globalGuard: { example: 'true', default: true },
  routes: { example: "{ login: '/login', logout: '/logout' }" },
  'routes.login': { example: '/login', check: optionalRouteProblem, default: '/login' },
  'routes.logout': { example: '/logout', check: optionalRouteProblem, default: '/logout' },
  'routes.logoutEverywhere': {
    example: '/logout/everywhere',
    check: optionalRouteProblem,
    default: '/logout/everywhere',
  },
  maxSignInAgeSeconds: {
    example: '600',
    check: positiveWholeNumberProblem,
    default: 8 * HOUR_S,
  },
  signInTransactionTtlSeconds: {
    example: '600',
    check: positiveWholeNumberProblem,
    // The widget's transaction outlives Okta Verify enrolment, magic links and social sign-in.
    default: { redirect: 10 * 60, widget: 30 * 60 },
  },
  providerTimeoutMs: { example: '600', check: positiveWholeNumberProblem, default: 5000 },
  sessionIndex: {
    example: 'new MemorySessionIndexStore()',
    check: (store) =>
      isSessionIndexStore(store)
        ? undefined
        : 'must be a SessionIndexStore: an object with add, remove and sessionIds methods',
  },
  refreshLock: {
    example: '{ tryAcquire: (key, ttlMs) => … }',
    check: (lock) =>
      isRefreshLock(lock) ? undefined : 'must be an object with a tryAcquire(key, ttlMs) method',
  },
  signInRateLimit: {
    example: '60',
    check: rateLimitProblem,
    default: { limit: 60, windowSeconds: 60 },
  },
  rateLimitStorage: {
    example: "new RedisThrottlerStorage(redisClient), from 'nest-okta/redis'",
    check: (storage) =>
      isThrottlerStorage(storage)
        ? undefined
        : 'must be a ThrottlerStorage: an object with an increment(key, ttl, limit, blockDuration, throttlerName) method',
  },
  errorView: { example: 'error' },
  afterSignIn: {
    example: 'async ({ user }) => ({ extras: { plan: "pro" } })',
    check: (hook) => (typeof hook === 'function' ? undefined : 'must be a function'),
  },
  verifySessionMiddleware: { example: 'true', default: true },
} as const satisfies OptionRules;
