import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UnknownTenantException } from '../errors/auth.exceptions';
import type { TenantResolver } from '../options/auth-module-options';
import type { TenantRegistry } from './tenant-registry';
import { setTenantScope, tenantScopeOf } from './tenant-request';

/**
 * The module's first step with tenants: the request's tenant is resolved once, and the rest of
 * the module runs with that tenant's scope. A request naming no configured tenant is refused
 * with 404 (thrown, so the exception filters answer it): never served by another tenant.
 */
export function resolveTenant(resolve: TenantResolver, registry: TenantRegistry): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const id = resolve(req);
    const scope = id === undefined ? undefined : registry.scopeOf(id);
    if (!scope) throw new UnknownTenantException();
    setTenantScope(req, scope);
    next();
  };
}

/** The request's tenant's session middleware. */
export function tenantSession(req: Request, res: Response, next: NextFunction): void {
  scopeOf(req).session(req, res, next);
}

/** The request's tenant's routes; what they throw reaches the exception filters. */
export function tenantRoutes(req: Request, res: Response, next: NextFunction): Promise<void> {
  return scopeOf(req).routes(req, res, next);
}

function scopeOf(req: Request) {
  const scope = tenantScopeOf(req);
  // Mounted after resolveTenant on every route: a request without a tenant never gets here.
  if (!scope) throw new Error('The tenant was not resolved before the tenant middleware');
  return scope;
}
