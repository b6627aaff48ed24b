import type { Request } from 'express';
import type { TenantResolver } from './auth-module-options';

/**
 * `acme.app.example.com` → `acme` under the base domain `app.example.com` (port included when
 * the app is not on 80/443, as in `acme.localhost:8080`). `req.host` honours the app's `trust
 * proxy`. Anything else, the base domain itself included, names no tenant.
 */
export function hostTenantResolver(baseDomain: string): TenantResolver {
  const suffix = `.${baseDomain.toLowerCase()}`;
  return (req: Request) => {
    const host = req.host?.toLowerCase();
    if (!host?.endsWith(suffix)) return undefined;
    const label = host.slice(0, -suffix.length);
    return label && !label.includes('.') ? label : undefined;
  };
}
