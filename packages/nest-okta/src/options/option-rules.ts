/** Rules several options share. */
import { isLoopbackHost } from './loopback-host';

/** A plain absolute path: what Express matches a route against. */
export function isRoutePath(path: unknown): path is string {
  return typeof path === 'string' && /^\/[\w\-./~%]*$/.test(path) && !path.includes('//');
}

/** `{ limit, windowSeconds? }`, both whole numbers above 0. */
export function isRateLimit(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { limit, windowSeconds } = value as Record<string, unknown>;
  const positive = (n: unknown) => Number.isSafeInteger(n) && (n as number) > 0;
  return positive(limit) && (windowSeconds === undefined || positive(windowSeconds));
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
