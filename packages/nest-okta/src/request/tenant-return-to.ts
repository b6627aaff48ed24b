import type { Request } from 'express';
import { requestContextOf, routeUrl, withinTenant } from './request-context';
import { safeReturnTo } from './return-to';
import { isUnder } from './route-prefix';
import { parseTenantPath } from './tenant-path';

/**
 * Where sign-in sends the user back: a path of this site (`safeReturnTo`), as the request's
 * client reaches it. Under a tenant's segment, a path is the app's and goes under the segment;
 * one that already names the same tenant (`/t/acme/shop`, as an app may write it) is that page,
 * and any other `/t/...` becomes the tenant's home: a return-to never leaves the tenant.
 */
export function returnToWithinTenant(req: Request, value: unknown): string {
  const path = safeReturnTo(value);
  const { tenant, tenantSegment, routePrefix } = requestContextOf(req);
  if (!tenantSegment) return path;
  const end = path.search(/[?#]/);
  const [pathname, rest] = end === -1 ? [path, ''] : [path.slice(0, end), path.slice(end)];
  const before = isUnder(pathname, routePrefix.prefix) ? routePrefix.prefix : '';
  const target = parseTenantPath(pathname.slice(before.length) || '/');
  if (target.kind === 'none') return withinTenant(req, path);
  if (target.kind !== 'tenant' || target.id !== tenant) return routeUrl(req, '/');
  return `${before}${tenantSegment}${target.rest}${rest}`;
}
