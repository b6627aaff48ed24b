import type { AppConfig, EnvironmentSettings } from '../config/app-config';
import { devIdentityProviderHost } from './dev-identity-provider-host';
import { globalTokenRevocationEndpoint } from './global-token-revocation';
import {
  launchDevIdentityProvider,
  RunningIdentityProvider,
} from './dev-identity-provider.launcher';
import { grantTypesFor } from './grant-types';
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
  const { oktaClient, relyingParty, devIdentityProvider: dev, ...rest } = settings;
  if (oktaClient) {
    return {
      config: {
        ...rest,
        devIdentityProvider: dev,
        okta: { ...oktaClient, ...relyingParty },
        usesDevIdentityProvider: false,
      },
    };
  }
  const issuerHost = new URL(settings.baseUrl).hostname;
  const { host, allowRemote, warning } = devIdentityProviderHost(settings.host, dev.allowRemote);
  const provider = await launchDevIdentityProvider({
    port: dev.port,
    host,
    allowRemote,
    issuer: dev.port === 0 ? undefined : `http://${issuerHost}:${dev.port}/oauth2/default`,
    accessTokenTtlSeconds: dev.accessTokenTtlSeconds,
    // As an org lists the app as a Trusted Origin: the embedded widget calls the provider from it.
    trustedOrigins: [new URL(settings.baseUrl).origin],
    universalLogout: { endpoint: globalTokenRevocationEndpoint(settings.baseUrl) },
    clients: [
      {
        client_id: dev.clientId,
        client_secret: dev.clientSecret,
        redirect_uris: [relyingParty.redirectUri],
        post_logout_redirect_uris: [relyingParty.postLogoutRedirectUri],
        grant_types: grantTypesFor(relyingParty.signInMode),
      },
    ],
  });
  return {
    config: {
      ...rest,
      devIdentityProvider: dev,
      okta: {
        issuer: provider.issuer,
        clientId: dev.clientId,
        clientSecret: dev.clientSecret,
        ...relyingParty,
      },
      usesDevIdentityProvider: true,
    },
    devIdentityProvider: provider,
    devIdentityProviderWarning: warning,
  };
}
