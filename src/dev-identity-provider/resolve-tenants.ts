import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { demoUsersFile, type RunningIdentityProvider } from 'okta-dev-idp';
import type { EnvironmentSettings, ResolvedTenant, ResolvedTenants } from '../config/app-config';
import { ConfigError } from '../config/config.error';
import { devOrgPorts } from '../config/dev-org-ports';
import { packageRoot } from '../config/package-root';
import {
  tenantRelyingParty,
  type TenantSettings,
  type TenantsConfig,
} from '../config/tenants-config';
import { devIdentityProviderHost } from './dev-identity-provider-host';
import { forDevOrg } from './client-registration-auth';
import { launchDevOrg } from './launch-dev-org';

export interface TenantsResolution extends ResolvedTenants {
  /** The development org started for each tenant without an Okta org, by tenant id. */
  devOrgs: ReadonlyMap<string, RunningIdentityProvider>;
  /** What to say at start-up about where those orgs listen, as for the single provider. */
  warning?: string;
}

/**
 * Every tenant's Okta settings. A tenant with an Okta org keeps it; one without (development
 * only) gets an org of its own at the development identity provider: its own process, port,
 * issuer, signing keys and users, as two Okta orgs share nothing. The app is registered at each
 * org as that tenant's client, with the tenant's own redirect URIs and origin.
 */
export async function resolveTenants(
  config: TenantsConfig,
  settings: EnvironmentSettings,
): Promise<TenantsResolution> {
  const { tenants, ...rest } = config;
  const devTenants = [...tenants.values()].filter((tenant) => !tenant.oktaClient);
  refuseOrgsWithoutUsers(config.file, devTenants);
  const { warning, ...listen } = devIdentityProviderHost(
    settings.host,
    settings.devIdentityProvider.allowRemote,
  );
  const ports = devOrgPorts(config, settings.devIdentityProvider.port);

  const started = await launchAll(
    devTenants.map(async (tenant) => {
      const port = ports.get(tenant.id) ?? 0;
      const clientId = `nest-okta-${tenant.id}`;
      const clientSecret = randomBytes(24).toString('base64url');
      const clientAuth = forDevOrg(tenant.clientAuth);
      const provider = await launchDevOrg(settings, {
        org: tenant.id,
        port,
        listen,
        appUrl: tenant.baseUrl,
        client: { clientId, clientSecret },
        clientAuth,
        relyingParty: tenantRelyingParty(tenant),
      }).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`Tenant "${tenant.id}" (${config.file}): ${reason}`);
      });
      return {
        tenant,
        provider,
        client: { issuer: provider.issuer, clientId, clientSecret, ...clientAuth },
      };
    }),
  );

  const devClients = new Map(started.map(({ tenant, client }) => [tenant.id, client]));
  const resolved = new Map<string, ResolvedTenant>();
  for (const tenant of tenants.values()) {
    const client = tenant.oktaClient
      ? { ...tenant.oktaClient, ...tenant.clientAuth }
      : devClients.get(tenant.id);
    if (!client) throw new Error(`Tenant "${tenant.id}" has no identity provider`);
    resolved.set(tenant.id, {
      id: tenant.id,
      displayName: tenant.displayName,
      baseUrl: tenant.baseUrl,
      ...client,
      ...tenantRelyingParty(tenant),
      groupsClaim: tenant.groupsClaim,
      usesDevIdentityProvider: !tenant.oktaClient,
    });
  }
  return {
    ...rest,
    tenants: resolved,
    devOrgs: new Map(started.map(({ tenant, provider }) => [tenant.id, provider])),
    warning: devTenants.length > 0 ? warning : undefined,
  };
}

/** Orgs are known by their users file; a tenant naming none must not start an empty org. */
function refuseOrgsWithoutUsers(file: string, devTenants: TenantSettings[]): void {
  const problems = devTenants
    .filter((tenant) => !existsSync(demoUsersFile(tenant.id)))
    .map(
      ({ id }) =>
        `${file}, tenant "${id}": has no "issuer", so it signs in at the development identity provider's org "${id}", which has no demo users: add ${usersFileName(id)} (like ${usersFileName('acme')}), or give the tenant its Okta org. Example: "issuer": "https://${id}.okta.com/oauth2/default", "clientId": "0oa1b2c3d4EXAMPLE", "clientSecret": "the client secret from the app integration page"`,
    );
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Starts every org at once; if one fails, the others are stopped rather than left running. */
async function launchAll<T extends { provider: RunningIdentityProvider }>(
  launches: Promise<T>[],
): Promise<T[]> {
  const results = await Promise.allSettled(launches);
  const started = results.flatMap((result) =>
    result.status === 'fulfilled' ? [result.value] : [],
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.all(started.map(({ provider }) => provider.stop()));
    throw failure.reason;
  }
  return started;
}

/** Where okta-dev-idp keeps an org's users, as seen from this app's folder. */
function usersFileName(org: string): string {
  return relative(packageRoot(), demoUsersFile(org));
}
