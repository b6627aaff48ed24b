import type { AuthModuleOptions, MultiTenantAuthModuleOptions } from './auth-module-options';
import type { AuthSettings } from './auth-settings';
import { resolveAuthSettings } from './resolve-auth-settings';
import { resolveTenantSettings, type TenantsSettings } from './resolve-tenant-settings';

/**
 * Every org the module signs in at, after validation: one (`tenants` null), or one per tenant.
 * `shared` holds what every org has in common (routes, guard, lifetimes, limits, views): with
 * tenants it is the first tenant's settings, read only for those.
 */
export interface OrgSettings {
  shared: AuthSettings;
  tenants: TenantsSettings | null;
  /** Each org's settings by tenant id (`undefined` for the one org without tenants). */
  byTenant: ReadonlyMap<string | undefined, AuthSettings>;
}

export function resolveOrgSettings(
  options: AuthModuleOptions | MultiTenantAuthModuleOptions,
): OrgSettings {
  if (!options.tenants) {
    const settings = resolveAuthSettings(options);
    return { shared: settings, tenants: null, byTenant: new Map([[undefined, settings]]) };
  }
  const tenants = resolveTenantSettings(options);
  return { shared: tenants.byId.values().next().value!, tenants, byTenant: tenants.byId };
}
