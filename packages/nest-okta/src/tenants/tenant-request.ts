import type { Request } from 'express';
import type { TenantScope } from './tenant-scope';

/** The tenant each request was resolved to, once, by the module's first middleware. */
const scopes = new WeakMap<Request, TenantScope>();

export function setTenantScope(req: Request, scope: TenantScope): void {
  scopes.set(req, scope);
}

/** The request's tenant's scope; `undefined` when the module serves one org. */
export function tenantScopeOf(req: Request): TenantScope | undefined {
  return scopes.get(req);
}

/** The request's tenant id; `undefined` when the module serves one org. */
export function tenantOf(req: Request): string | undefined {
  return scopes.get(req)?.id;
}
