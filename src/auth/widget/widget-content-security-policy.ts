/**
 * The widget page's policy: the widget's own files and the page's script (both served here),
 * anything the widget adds carrying the per-response nonce, and calls from the browser to the
 * Okta org (discovery, `/v1/interact`, `/idp/idx/*`). Nothing else.
 */
export function widgetContentSecurityPolicy(issuer: string, nonce: string): string {
  const okta = new URL(issuer).origin;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`],
    'style-src': ["'self'", `'nonce-${nonce}'`],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", okta],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'", okta],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}
