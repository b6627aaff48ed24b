import type { AppConfig } from '../config/app-config';

/** Pages run no scripts; forms may post only here and, through redirects, to the provider. */
export function contentSecurityPolicy(config: AppConfig): Record<string, string[]> {
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
    'form-action': ["'self'", new URL(config.okta.issuer).origin],
  };
}

/**
 * The embedded Sign-In Widget's page: the widget's own files and this page's script (both
 * served here), anything the widget adds carrying the per-response nonce, and calls from the
 * browser to the Okta org (discovery, `/v1/interact`, `/idp/idx/*`). Nothing else.
 */
export function widgetContentSecurityPolicy(
  config: AppConfig,
  nonce: string,
): Record<string, string[]> {
  const strict = contentSecurityPolicy(config);
  const okta = new URL(config.okta.issuer).origin;
  return {
    ...strict,
    'script-src': ["'self'", `'nonce-${nonce}'`],
    'style-src': ["'self'", `'nonce-${nonce}'`],
    'connect-src': ["'self'", okta],
  };
}

/** A policy in the `Content-Security-Policy` header's syntax. */
export function serializePolicy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
