/**
 * The app's global prefix (`app.setGlobalPrefix('app', { exclude })`) as the module's paths need
 * it: `/app`, or `''` without one, and whether a route is one of those excluded from it.
 */
export interface RoutePrefix {
  readonly prefix: string;
  isExcluded(path: string, method: 'GET' | 'POST'): boolean;
}

export const NO_ROUTE_PREFIX: RoutePrefix = { prefix: '', isExcluded: () => false };

/** Whether `path` is `prefix` itself or lies under it. */
export function isUnder(path: string, prefix: string): boolean {
  return prefix !== '' && path.startsWith(prefix) && /^(?:$|[/?#])/.test(path.slice(prefix.length));
}
