import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { tenantOf } from 'nest-okta';
import { applyHeaders, headersSetBy } from './recorded-headers';

/**
 * Pages run no scripts; forms may post only here and, through redirects, to the provider
 * (sign-out redirects to the org's logout).
 */
export function contentSecurityPolicy(issuers: string[]): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'", ...new Set(issuers.map((issuer) => new URL(issuer).origin))],
  };
}

/**
 * With tenants, sign-out redirects to the tenant's own org, so a tenant's pages may post to that
 * org alone: listing every tenant's would tell any visitor which orgs the app's other customers
 * sign in at. The tenant is known only after AuthModule's middleware; until then (and for
 * requests that name no tenant) the policy set for every response lists no tenant's org.
 */
export function tenantContentSecurityPolicy(issuers: ReadonlyMap<string, string>): RequestHandler {
  const policies = new Map(
    [...issuers].map(([id, issuer]) => [
      id,
      headersSetBy(
        helmet.contentSecurityPolicy({
          useDefaults: false,
          directives: contentSecurityPolicy([issuer]),
        }),
      ),
    ]),
  );
  return (req: Request, res: Response, next: NextFunction): void => {
    const tenant = tenantOf(req);
    const policy = tenant === undefined ? undefined : policies.get(tenant);
    if (policy) applyHeaders(res, policy);
    next();
  };
}
