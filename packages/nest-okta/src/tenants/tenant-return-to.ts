import type { Request } from 'express';
import { safeReturnTo } from '../sign-in/return-to';
import { parseTenantPath, pathTenantOf, tenantPathOf } from './tenant-path';

/**
 * Where sign-in sends the user back: a path of this site (`safeReturnTo`), as the request's
 * client reaches it. Under a tenant's prefix, a path is the app's and goes under the prefix; one
 * that already names the same tenant (`/t/acme/shop`, as an app may write it) is that page, and
 * any other `/t/...` becomes the tenant's home: a return-to never leaves the tenant.
 */
export function returnToWithinTenant(req: Request, value: unknown): string {
  const path = safeReturnTo(value);
  const prefix = tenantPathOf(req);
  if (!prefix) return path;
  const end = path.search(/[?#]/);
  const [pathname, rest] = end === -1 ? [path, ''] : [path.slice(0, end), path.slice(end)];
  const target = parseTenantPath(pathname);
  if (target.kind === 'none') return `${prefix}${path}`;
  if (target.kind !== 'tenant' || target.id !== pathTenantOf(req)) return `${prefix}/`;
  return `${prefix}${target.rest}${rest}`;
}
