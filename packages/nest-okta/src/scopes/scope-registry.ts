import type { Request } from 'express';
import type { AuthSettings } from '../options/auth-settings';
import type { OrgSettings } from '../options/org-settings';
import { tenantOf } from '../request/request-context';
import { OrgScope, type SharedScopeParts } from './org-scope';

/**
 * Every org's scope, each built on its first request: a tenant nobody visits never discovers its
 * provider. Only configured orgs get one, so their number is bounded by the options, however
 * many hosts clients make up. A module serving one org is the registry of one scope.
 */
export class ScopeRegistry {
  private readonly scopes = new Map<string | undefined, OrgScope>();

  constructor(
    readonly orgs: OrgSettings,
    private readonly shared: SharedScopeParts,
  ) {}

  /** The scope of the request's org; `undefined` when it names no configured one. */
  scopeFor(req: Request): OrgScope | undefined {
    return this.scopeOf(tenantOf(req));
  }

  /** The scope of a configured org (`undefined` names the one org without tenants). */
  scopeOf(tenant: string | undefined): OrgScope | undefined {
    const existing = this.scopes.get(tenant);
    if (existing) return existing;
    const settings = this.orgs.byTenant.get(tenant);
    if (!settings) return undefined;
    const scope = new OrgScope(tenant, settings, this.shared);
    this.scopes.set(tenant, scope);
    return scope;
  }

  /** Every org's settings, built or not. */
  settings(): AuthSettings[] {
    return [...this.orgs.byTenant.values()];
  }

  close(): void {
    for (const scope of this.scopes.values()) scope.close();
  }
}
