import type { TenantsSettings } from './resolve-tenant-settings';
import { type SharedTenantParts, TenantScope } from './tenant-scope';

/**
 * Each configured tenant's scope, built on its first request: a tenant nobody visits never
 * discovers its provider. Only configured ids get one, so their number is bounded by the
 * options, however many hosts clients make up.
 */
export class TenantRegistry {
  private readonly scopes = new Map<string, TenantScope>();

  constructor(
    private readonly tenants: TenantsSettings,
    private readonly shared: SharedTenantParts,
  ) {}

  /** The scope of a configured tenant; `undefined` for any other id. */
  scopeOf(id: string): TenantScope | undefined {
    const existing = this.scopes.get(id);
    if (existing) return existing;
    const settings = this.tenants.byId.get(id);
    if (!settings) return undefined;
    const scope = new TenantScope(id, settings, this.shared);
    this.scopes.set(id, scope);
    return scope;
  }

  close(): void {
    for (const scope of this.scopes.values()) scope.close();
  }
}
