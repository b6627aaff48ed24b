/**
 * Pages run no scripts; forms may post only here and, through redirects, to the providers (with
 * tenants, sign-out redirects to the tenant's own org, so every tenant's issuer is listed).
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
