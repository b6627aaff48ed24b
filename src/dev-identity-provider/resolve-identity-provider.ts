import type { AppConfig, EnvironmentSettings, SignInMode } from '../config/app-config';
import { devIdentityProviderHost } from './dev-identity-provider-host';
import { globalTokenRevocationEndpoint } from './global-token-revocation';
import {
  launchDevIdentityProvider,
  RunningIdentityProvider,
} from './dev-identity-provider.launcher';

export interface ResolvedConfig {
  config: AppConfig;
  /** The development identity provider this process started, if any. */
  devIdentityProvider?: RunningIdentityProvider;
  /** What to tell whoever starts the app about where that provider listens. */
  devIdentityProviderWarning?: string;
}

/**
 * With an Okta org configured, uses it. Without one (never in production: the configuration
 * refuses that), starts the development identity provider with this app registered as its client.
 */
export async function resolveIdentityProvider(
  settings: EnvironmentSettings,
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

/** As in an Okta app integration, the embedded widget needs the Interaction Code grant enabled. */
function grantTypesFor(mode: SignInMode): string[] {
  const grantTypes = ['authorization_code', 'refresh_token'];
  return mode === 'widget' ? [...grantTypes, 'interaction_code'] : grantTypes;
}
