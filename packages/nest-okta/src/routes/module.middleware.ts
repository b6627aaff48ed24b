import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { UnknownTenantException } from '../errors/auth.exceptions';
import type { TenantsSettings } from '../options/resolve-tenant-settings';
import { basePathOf, type RequestContext, setRequestContext } from '../request/request-context';
import { isUnder, type RoutePrefix } from '../request/route-prefix';
import { parseTenantPath } from '../request/tenant-path';
import type { ScopeRegistry } from '../scopes/scope-registry';

/**
 * What the module does on every request, as one middleware: it learns the request's context
 * once (the app's global prefix; with tenants, the request's tenant), then runs that org's
 * session work (Passport, the sign-in lifetime, the idle extension, the page locals). A tenant
 * id that is not configured is refused with 404; a request that names no tenant goes on
 * anonymously, so a health check on the bare domain still answers. What this throws or passes on
 * as an error rejects, so Nest's middleware proxy hands it to the exception filters.
 */
export function moduleMiddleware(registry: ScopeRegistry, routePrefix: RoutePrefix) {
  const { tenants } = registry.orgs;
  return (req: Request, res: Response, next: NextFunction): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const context = tenants
        ? tenantContext(req, tenants, routePrefix)
        : { tenantSegment: '', routePrefix };
      setRequestContext(req, context);
      res.locals.basePath = basePathOf(req);
      const scope = registry.scopeFor(req);
      if (!scope) {
        if (context.tenant !== undefined) throw new UnknownTenantException();
        next();
        resolve();
        return;
      }
      scope.session(req, res, (error?: unknown) => {
        if (error) {
          reject(error instanceof Error ? error : new Error('the session middleware failed'));
          return;
        }
        next();
        resolve();
      });
    });
}

/**
 * The request's tenant. Under path resolution, `/t/acme` (right after the global prefix, or
 * first on a route excluded from it) is taken out of `req.url`, so the app's routes and the
 * module's match as on a host of their own, while `originalUrl` keeps it. A segment that is not
 * a tenant id is refused with 404, a path no browser sends with 400: neither reaches a tenant.
 */
function tenantContext(
  req: Request,
  tenants: TenantsSettings,
  routePrefix: RoutePrefix,
): RequestContext {
  if (tenants.resolve !== 'path') {
    return { tenant: tenants.resolve(req), tenantSegment: '', routePrefix };
  }
  const before = isUnder(req.url, routePrefix.prefix) ? routePrefix.prefix : '';
  const path = parseTenantPath(req.url.slice(before.length) || '/');
  if (path.kind === 'malformed') throw new BadRequestException();
  if (path.kind === 'unknown') throw new UnknownTenantException();
  if (path.kind === 'none') return { tenantSegment: '', routePrefix };
  const queryAt = req.url.indexOf('?');
  req.url = `${before}${path.rest}${queryAt === -1 ? '' : req.url.slice(queryAt)}`;
  return { tenant: path.id, tenantSegment: path.prefix, routePrefix };
}
