import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { UnknownTenantException } from '../errors/auth.exceptions';
import type { TenantsSettings } from '../options/resolve-tenant-settings';
import { basePathOf, type RequestContext, setRequestContext } from '../request/request-context';
import { isUnder, type RoutePrefix } from '../request/route-prefix';
import { parseTenantPath } from '../request/tenant-path';
import type { OrgScope } from '../scopes/org-scope';
import type { ScopeRegistry } from '../scopes/scope-registry';

/**
 * What the module does on every request, as one middleware: it learns the request's context
 * once (the app's global prefix; with tenants, the request's tenant), then runs that org's
 * session work (Passport, the sign-in lifetime, the idle extension, the page locals). A tenant
 * id that is not configured is refused with 404; a request that names no tenant goes on
 * anonymously, so a health check on the bare domain still answers. What this throws or passes on
 * as an error reaches Nest's middleware proxy (a throw, or a rejection when the session work
 * finishes later), which hands it to the exception filters.
 *
 * Every request of one org shares one context (the module serves a bounded set of orgs), with
 * its base path and scope found once; and when the org's session work finishes in the same
 * turn, as it does unless a store or deserializer answers later, no promise is made for it.
 */
export function moduleMiddleware(registry: ScopeRegistry, routePrefix: RoutePrefix) {
  const { tenants } = registry.orgs;
  const orgs = new OrgContexts(registry, routePrefix);
  return (req: Request, res: Response, next: NextFunction): Promise<void> | undefined => {
    const org = tenants ? tenantContext(req, tenants, routePrefix, orgs) : orgs.noTenant;
    setRequestContext(req, org.context);
    res.locals.basePath = org.basePath;
    const scope = orgs.scopeOf(org);
    if (!scope) {
      if (org.context.tenant !== undefined) throw new UnknownTenantException();
      next();
      return undefined;
    }
    return runSession(scope, req, res, next);
  };
}

/** The org's session work, then `next()`: settled now when it finished now, else a promise. */
function runSession(
  scope: OrgScope,
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<void> | undefined {
  let done = false;
  let failure: Error | undefined;
  let later: { resolve: () => void; reject: (error: Error) => void } | undefined;
  scope.session(req, res, (error?: unknown) => {
    if (error) {
      failure = error instanceof Error ? error : new Error('the session middleware failed');
      later?.reject(failure);
      return;
    }
    next();
    done = true;
    later?.resolve();
  });
  if (failure) throw failure;
  if (done) return undefined;
  return new Promise<void>((resolve, reject) => {
    later = { resolve, reject };
  });
}

/** An org's context, shared by its requests, with what its requests need from it. */
interface OrgContext {
  context: RequestContext;
  /** Where the app's own links start for the org's requests (see `basePathOf`). */
  basePath: string;
  /** The org's scope once looked up; `null` when the context names no configured org. */
  scope?: OrgScope | null;
}

/**
 * One context per configured org (and per tenant segment it is reached under), made on its
 * first request. A tenant id that is not configured gets a context of its own each time, never
 * kept: how many are kept is bounded by the options, whatever hosts or paths clients send.
 */
class OrgContexts {
  /** The context of a request that names no tenant (every request of a module without tenants). */
  readonly noTenant: OrgContext;
  private readonly known = new Map<string, OrgContext>();

  constructor(
    private readonly registry: ScopeRegistry,
    private readonly routePrefix: RoutePrefix,
  ) {
    this.noTenant = this.make(undefined, '');
  }

  of(tenant: string | undefined, tenantSegment: string): OrgContext {
    if (tenant === undefined && tenantSegment === '') return this.noTenant;
    const key = `${tenant ?? ''}\n${tenantSegment}`;
    const known = this.known.get(key);
    if (known) return known;
    const org = this.make(tenant, tenantSegment);
    if (this.registry.orgs.byTenant.has(tenant)) this.known.set(key, org);
    return org;
  }

  /** The org's scope, built on the org's first request (see `ScopeRegistry`). */
  scopeOf(org: OrgContext): OrgScope | undefined {
    if (org.scope === undefined) {
      org.scope = this.registry.scopeOf(org.context.tenant) ?? null;
      if (org.scope) org.context.sessionManager = org.scope.sessionManager;
    }
    return org.scope ?? undefined;
  }

  private make(tenant: string | undefined, tenantSegment: string): OrgContext {
    const context: RequestContext = { tenant, tenantSegment, routePrefix: this.routePrefix };
    return { context, basePath: basePathOf(context) };
  }
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
  orgs: OrgContexts,
): OrgContext {
  if (tenants.resolve !== 'path') return orgs.of(tenants.resolve(req), '');
  const before = isUnder(req.url, routePrefix.prefix) ? routePrefix.prefix : '';
  const path = parseTenantPath(req.url.slice(before.length) || '/');
  if (path.kind === 'malformed') throw new BadRequestException();
  if (path.kind === 'unknown') throw new UnknownTenantException();
  if (path.kind === 'none') return orgs.of(undefined, '');
  const queryAt = req.url.indexOf('?');
  req.url = `${before}${path.rest}${queryAt === -1 ? '' : req.url.slice(queryAt)}`;
  return orgs.of(path.id, path.prefix);
}
