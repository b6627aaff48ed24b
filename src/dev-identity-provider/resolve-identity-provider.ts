import type { RunningIdentityProvider } from 'okta-dev-idp';
import type { AppConfig, EnvironmentSettings } from '../config/app-config';
import { devIdentityProviderHost } from './dev-identity-provider-host';
import { forDevOrg } from './client-registration-auth';
import { launchDevOrg } from './launch-dev-org';
import { resolveTenants } from './resolve-tenants';

export interface ResolvedConfig {
  config: AppConfig;
  /** The development identity provider this process started, if any. */
  devIdentityProvider?: RunningIdentityProvider;
  /** What to tell whoever starts the app about where that provider listens. */
  devIdentityProviderWarning?: string;
  /** With TENANTS_FILE: the development org this process started for a tenant, by tenant id. */
  devOrgs?: ReadonlyMap<string, RunningIdentityProvider>;
}

/**
 * Resolves the single-tenant settings as always and, with a tenants file, every tenant's too:
 * a tenant without an Okta org gets an org of its own at the development identity provider.
 */
export async function resolveIdentityProvider(
  settings: EnvironmentSettings,
): Promise<ResolvedConfig> {
  const { tenants, ...singleTenant } = settings;
  const resolved = await resolveSingleTenant(singleTenant);
  if (!tenants) return resolved;
  try {
    const { devOrgs, warning, ...resolvedTenants } = await resolveTenants(tenants, settings);
    return {
      ...resolved,
      config: { ...resolved.config, tenants: resolvedTenants },
      devOrgs,
      devIdentityProviderWarning: resolved.devIdentityProviderWarning ?? warning,
    };
  } catch (error) {
    await resolved.devIdentityProvider?.stop();
    throw error;
  }
}

/**
 * With an Okta org configured, uses it. Without one (never in production: the configuration
 * refuses that), starts the development identity provider with this app registered as its client.
 */
async function resolveSingleTenant(
  settings: Omit<EnvironmentSettings, 'tenants'>,
): Promise<ResolvedConfig> {
  const {
    oktaClient,
    clientAuth: given,
    relyingParty,
    devIdentityProvider: dev,
    ...rest
  } = settings;
  if (oktaClient) {
    return {
      config: {
        ...rest,
        devIdentityProvider: dev,
        okta: { ...oktaClient, ...given, ...relyingParty },
        usesDevIdentityProvider: false,
      },
    };
  }
  const { warning, ...listen } = devIdentityProviderHost(settings.host, dev.allowRemote);
  const clientAuth = forDevOrg(given);
  const provider = await launchDevOrg(settings, {
    port: dev.port,
    listen,
    appUrl: settings.baseUrl,
    client: dev,
    clientAuth,
    relyingParty,
  });
  return {
    config: {
      ...rest,
      devIdentityProvider: dev,
      okta: {
        issuer: provider.issuer,
        clientId: dev.clientId,
        clientSecret: dev.clientSecret,
        ...clientAuth,
        ...relyingParty,
      },
      usesDevIdentityProvider: true,
    },
    devIdentityProvider: provider,
    devIdentityProviderWarning: warning,
  };
}
