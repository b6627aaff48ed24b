import type { MultiTenantAuthModuleOptions } from './auth-module-options';
import type { AuthOptionProblem } from './auth-option-problems';
import { AuthOptionsError } from './auth-options.error';
import type { AuthSettings } from './auth-settings';
import { emailSubjectsPerOrg } from './email-subjects';
import { resolveAuthSettings } from './resolve-auth-settings';
import { hostTenantResolver } from './host-tenant-resolver';
import type { TenantResolver } from './auth-module-options';
import { underTenantPath } from './path-tenant-settings';
import { OPTION_RULES } from './option-table';
import { TENANT_ID } from '../request/tenant-path';

export interface TenantsSettings {
  /**
   * How a request names its tenant; `path`: under `/t/{tenant}`, a segment taken out before the
   * app's routes see the path.
   */
  resolve: TenantResolver | 'path';
  /** Every tenant's settings: the shared options with its own Okta app integration. */
  byId: ReadonlyMap<string, AuthSettings>;
}

/**
 * Validates every tenant as a single-org app is validated, each problem naming its tenant, and
 * refuses what is not per tenant yet, rather than serving one tenant's users from another's org.
 */
export function resolveTenantSettings(options: MultiTenantAuthModuleOptions): TenantsSettings {
  const { tenants, ...shared } = options;
  const problems: AuthOptionProblem[] = [...universalLogoutProblems(options)];
  const resolve = tenantResolver(tenants, problems);
  const byId = new Map<string, AuthSettings>();
  const entries = Object.entries(tenants.byId ?? {});
  if (entries.length === 0) {
    problems.push({
      option: 'tenants.byId',
      message: 'names no tenant',
      example: '{ acme: { issuer, clientId, clientSecret, redirectUri, postLogoutRedirectUri } }',
    });
  }
  for (const [id, tenant] of entries) {
    const option = `tenants.byId.${id}` as const;
    if (!TENANT_ID.test(id)) {
      problems.push({ option, message: 'is not a lowercase DNS label', example: 'acme' });
      continue;
    }
    try {
      const widget = { ...shared.widget, ...tenant.widget };
      const settings = resolveAuthSettings({ ...shared, ...tenant, widget });
      const placed = tenants.resolve === 'path' ? underTenantPath(id, settings) : settings;
      if ('option' in placed) problems.push(placed);
      else byId.set(id, placed);
    } catch (error) {
      if (!(error instanceof AuthOptionsError)) throw error;
      problems.push(
        ...error.problems.map((p) => ({ ...p, option: `${option}.${p.option}` as const })),
      );
    }
  }
  if (problems.length > 0 || !resolve) throw new AuthOptionsError(problems);
  return { resolve, byId: emailSubjectsPerOrg(byId) };
}

function tenantResolver(
  tenants: MultiTenantAuthModuleOptions['tenants'],
  problems: AuthOptionProblem[],
): TenantsSettings['resolve'] | undefined {
  if (typeof tenants.resolve === 'function') return tenants.resolve;
  if (tenants.resolve === 'host') {
    if (tenants.baseDomain) return hostTenantResolver(tenants.baseDomain);
    problems.push({
      option: 'tenants.baseDomain',
      message: 'is required to resolve tenants by host',
      example: 'app.example.com',
    });
    return undefined;
  }
  if (tenants.resolve === 'path') {
    if (tenants.baseDomain === undefined) return 'path';
    problems.push({
      option: 'tenants.baseDomain',
      message: 'applies to host resolution only; leave it out with "path"',
      example: 'undefined',
    });
    return undefined;
  }
  problems.push({
    option: 'tenants.resolve',
    message: `must be "host", "path" or a function (req) => tenant id; got "${String(tenants.resolve)}"`,
    example: 'host',
  });
  return undefined;
}

/**
 * Every tenant's org calls the app's one Global Token Revocation endpoint: its URL (the `aud` of
 * every org's tokens) cannot be derived from any one tenant's address, and each tenant's org is
 * its own issuer's, never one org for all.
 */
function universalLogoutProblems(options: MultiTenantAuthModuleOptions): AuthOptionProblem[] {
  const given = options.universalLogout;
  if (!given || typeof given !== 'object') return [];
  const problems: AuthOptionProblem[] = [];
  if (given.audience === undefined) {
    problems.push({
      option: 'universalLogout.audience',
      message:
        "is required with tenants: the endpoint's one public URL, registered in every tenant's Okta org",
      example: OPTION_RULES['universalLogout.audience'].example,
    });
  }
  if (given.orgIssuer !== undefined) {
    problems.push({
      option: 'universalLogout.orgIssuer',
      message: "is each tenant's own with tenants (its issuer's origin); leave it out",
      example: 'undefined',
    });
  }
  return problems;
}
