import type { Request } from 'express';
import type { RoutePrefix } from '../request/route-prefix';
import { TENANT_PATH_PREFIX } from '../request/tenant-path';

/**
 * Whether a request, as it reaches the app (before any of the module's middleware), is for the
 * endpoint at `path`: every path the app routes there, so that none reaches it unchecked. Express
 * matches routes case-insensitively and with or without one trailing slash; the global prefix
 * is there unless the route is excluded from it; under path tenants `/t/{tenant}` may come before
 * or after the prefix (the module takes it out before routing). A path that would not reach
 * the endpoint is at most checked for nothing. The prefix is read on the first request, once
 * the app has set it.
 */
export function revocationEndpointPaths(
  path: string,
  routePrefix: () => RoutePrefix,
  tenantPaths: boolean,
): (req: Request) => boolean {
  let pattern: RegExp | undefined;
  return (req) => {
    pattern ??= endpointPattern(path, routePrefix().prefix, tenantPaths);
    return pattern.test(req.path);
  };
}

function endpointPattern(path: string, prefix: string, tenantPaths: boolean): RegExp {
  const tenant = tenantPaths ? `(?:${escaped(TENANT_PATH_PREFIX)}/[^/]+)?` : '';
  const underPrefix = prefix ? `(?:${escaped(prefix)})?` : '';
  return new RegExp(`^${tenant}${underPrefix}${tenant}${escaped(path)}/?$`, 'i');
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
