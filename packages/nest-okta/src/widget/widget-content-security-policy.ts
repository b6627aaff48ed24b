import type { WidgetCspSources } from '../options/widget-csp-sources';

/**
 * The widget page's policy: the widget's own files and the page's script (both served here),
 * anything the widget adds carrying the per-response nonce, calls from the browser to the Okta
 * org (discovery, `/v1/interact`, `/idp/idx/*`), and the extra sources a real org's views need
 * (CAPTCHA, Duo, Okta Verify's loopback, logos, workers), which the options set. Nothing else.
 */
export function widgetContentSecurityPolicy(
  issuer: string,
  nonce: string,
  extra: WidgetCspSources,
): string {
  const okta = new URL(issuer).origin;
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, ...extra.scriptSrc],
    'style-src': ["'self'", `'nonce-${nonce}'`, ...extra.styleSrc],
    'img-src': ["'self'", 'data:', ...extra.imgSrc],
    'font-src': ["'self'"],
    'connect-src': ["'self'", okta, ...extra.connectSrc],
    'frame-src': ["'self'", ...extra.frameSrc],
    'worker-src': ["'self'", ...extra.workerSrc],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'frame-ancestors': ["'none'"],
    'form-action': ["'self'", okta],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${[...new Set(values)].join(' ')}`)
    .join('; ');
}
