/** Checks several options share, each answering why a value is wrong, or `undefined`. */
import { isLoopbackHost } from './loopback-host';

/** A plain absolute path: what Express matches a route against. */
export function isRoutePath(path: unknown): path is string {
  return typeof path === 'string' && /^\/[\w\-./~%]*$/.test(path) && !path.includes('//');
}

export function routePathProblem(path: unknown): string | undefined {
  if (isRoutePath(path)) return undefined;
  return `must be a path starting with "/", without query or fragment; got "${String(path)}"`;
}

/** A route's path, or `false` for a route the module does not mount. */
export function optionalRouteProblem(path: unknown): string | undefined {
  return path === false ? undefined : routePathProblem(path);
}

/** `false`, or `{ limit, windowSeconds? }` with both whole numbers above 0. */
export function rateLimitProblem(value: unknown): string | undefined {
  if (value === false || isRateLimit(value)) return undefined;
  return 'must be false or { limit, windowSeconds } above 0';
}

function isRateLimit(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { limit, windowSeconds } = value as Record<string, unknown>;
  return (
    isPositiveWholeNumber(limit) &&
    (windowSeconds === undefined || isPositiveWholeNumber(windowSeconds))
  );
}

export function positiveWholeNumberProblem(value: unknown): string | undefined {
  if (isPositiveWholeNumber(value)) return undefined;
  return `must be a whole number above 0; got ${String(value)}`;
}

function isPositiveWholeNumber(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** "must be a string", or what `check` finds wrong with the string. */
export function aString(
  check: (value: string) => string | readonly string[] | undefined,
): (value: unknown) => string | readonly string[] | undefined {
  return (value) => (typeof value === 'string' ? check(value) : 'must be a string');
}

/**
 * Why `value` is not a URL the module may call or be called at, if it is not: absolute, https
 * (plain http only for localhost), without credentials, query or fragment.
 */
export function urlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value) || !/^https?:\/\//i.test(value)) {
    return `must be an absolute https:// URL; got "${String(value)}"`;
  }
  const url = new URL(value);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    return `must use https:// (plain http is allowed only for localhost); got "${value}"`;
  }
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash) return `must not have a query or fragment; got "${value}"`;
  return undefined;
}
