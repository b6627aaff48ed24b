import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UnknownTenantException } from '../errors/auth.exceptions';
import type { TenantsSettings } from './resolve-tenant-settings';
import type { TenantRegistry } from './tenant-registry';
import { setTenantScope, tenantScopeOf } from './tenant-request';

/**
 * The module's first step with tenants: the request's tenant is resolved once, and the rest of
 * the module runs with that tenant's scope. A tenant id that is not configured is refused with
 * 404 (thrown, so the exception filters answer it), as is a sign-in or sign-out route on an
 * address that names no tenant: nothing is ever served by another tenant. Other requests that
 * name no tenant (a health check on the bare domain, say) go on anonymously.
 */
export function resolveTenant(tenants: TenantsSettings, registry: TenantRegistry): RequestHandler {
  const moduleRoutes = new Set(
    [...tenants.byId.values()].flatMap(({ routes }) => Object.values(routes)),
  );
  return (req: Request, _res: Response, next: NextFunction): void => {
    const id = tenants.resolve(req);
    if (id === undefined && !moduleRoutes.has(req.path)) {
      next();
      return;
    }
    const scope = id === undefined ? undefined : registry.scopeOf(id);
    if (!scope) throw new UnknownTenantException();
    setTenantScope(req, scope);
    next();
  };
}

/** The request's tenant's session middleware; nothing for a request without a tenant. */
export function tenantSession(req: Request, res: Response, next: NextFunction): void {
  const scope = tenantScopeOf(req);
  if (scope) scope.session(req, res, next);
  else next();
}

/** The request's tenant's routes; what they throw reaches the exception filters. */
export async function tenantRoutes(req: Request, res: Response, next: NextFunction) {
  const scope = tenantScopeOf(req);
  if (scope) await scope.routes(req, res, next);
  else next();
}
