import type { Request } from 'express';
import { isUnder, NO_ROUTE_PREFIX, type RoutePrefix } from './route-prefix';

/** What the module's first middleware learns about a request, once. */
export interface RequestContext {
  /** The tenant the request is for; `undefined` for a module serving one org, or none named. */
  tenant?: string;
  /** `/t/acme` when the request's path named its tenant; `''` otherwise. */
  tenantSegment: string;
  routePrefix: RoutePrefix;
  /**
   * Passport's session manager of the request's org, once the module's middleware has found the
   * org: what `req.logIn` and `req.logOut` use (see `passportRequestHelpers`).
   */
  sessionManager?: object;
}

const contexts = new WeakMap<Request, RequestContext>();
const NO_CONTEXT: RequestContext = { tenantSegment: '', routePrefix: NO_ROUTE_PREFIX };

export function setRequestContext(req: Request, context: RequestContext): void {
  contexts.set(req, context);
}

export function requestContextOf(req: Request): RequestContext {
  return contexts.get(req) ?? NO_CONTEXT;
}

/** The request's tenant id; `undefined` when the module serves one org. */
export function tenantOf(req: Request): string | undefined {
  return contexts.get(req)?.tenant;
}

/**
 * One of the module's routes or the app's (`/login`, `/`) as the request's client reaches it:
 * the global prefix first (unless the route is excluded from it), then the tenant's segment.
 */
export function routeUrl(req: Request, path: string, method: 'GET' | 'POST' = 'GET'): string {
  const { routePrefix, tenantSegment } = requestContextOf(req);
  const prefix = routePrefix.isExcluded(path, method) ? '' : routePrefix.prefix;
  if (!tenantSegment) return prefix && path === '/' ? prefix : `${prefix}${path}`;
  return `${prefix}${tenantSegment}${path}`;
}

/** Where the app's own links start in a context (`/app/t/acme`): views get it as `basePath`. */
export function basePathOf({ routePrefix, tenantSegment }: RequestContext): string {
  return `${routePrefix.prefix}${tenantSegment}`;
}

/**
 * The page a request asked for, as the app knows it (the global prefix kept, the tenant's
 * segment taken out): what sign-in returns to, put back under the segment by `withinTenant`.
 * `originalUrl`, since routers mounted on a path trim `req.url`.
 */
export function requestedPath(req: Request): string {
  const { tenantSegment, routePrefix } = requestContextOf(req);
  const url = req.originalUrl;
  if (!tenantSegment) return url;
  for (const before of [routePrefix.prefix, '']) {
    const head = `${before}${tenantSegment}`;
    if (isUnder(url, head)) return `${before}${leadingSlash(url.slice(head.length))}`;
  }
  return url;
}

/**
 * A path of the app with the global prefix in it (a return-to value, say) as the request's
 * client reaches it: the tenant's segment goes in after the prefix, where `requestedPath` took
 * it out.
 */
export function withinTenant(req: Request, appPath: string): string {
  const { tenantSegment, routePrefix } = requestContextOf(req);
  if (!tenantSegment) return appPath;
  const { prefix } = routePrefix;
  if (!isUnder(appPath, prefix)) return `${tenantSegment}${appPath}`;
  return `${prefix}${tenantSegment}${leadingSlash(appPath.slice(prefix.length))}`;
}

function leadingSlash(path: string): string {
  return path.startsWith('/') ? path : `/${path}`;
}
