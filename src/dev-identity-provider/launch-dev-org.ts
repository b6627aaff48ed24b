import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import type { EnvironmentSettings } from '../config/app-config';
import type { ClientAuthSettings, RelyingPartySettings } from '../config/okta-settings';
import { registrationAuth } from './client-registration-auth';
import { globalTokenRevocationEndpoint } from './global-token-revocation';
import { grantTypesFor } from './grant-types';

export interface DevOrgRegistration {
  /** One org among several (one per tenant); absent, the provider's default org. */
  org?: string;
  port: number;
  /** Where the provider may listen, from `devIdentityProviderHost`. */
  listen: { host: string; allowRemote: boolean };
  /** The app's address at this org: its origin is the org's Trusted Origin, as in Okta. */
  appUrl: string;
  client: { clientId: string; clientSecret: string };
  /** How the app authenticates: the registration's method, and its keys' public halves. */
  clientAuth: ClientAuthSettings;
  relyingParty: Pick<RelyingPartySettings, 'redirectUri' | 'postLogoutRedirectUri' | 'signInMode'>;
}

/**
 * Starts one org of the development identity provider with the app registered as its client,
 * as an Okta app integration would have it: the app's redirect URIs and grant types, its origin
 * trusted (the embedded widget calls the org from it), and Universal Logout sent to the app's
 * one endpoint (the JWT's issuer, the org's URL, tells which tenant it is for).
 */
export function launchDevOrg(
  settings: Pick<EnvironmentSettings, 'baseUrl' | 'devIdentityProvider'>,
  { org, port, listen, appUrl, client, clientAuth, relyingParty }: DevOrgRegistration,
): Promise<RunningIdentityProvider> {
  const issuerHost = new URL(settings.baseUrl).hostname;
  return launchDevIdentityProvider({
    org,
    port,
    host: listen.host,
    allowRemote: listen.allowRemote,
    issuer: port === 0 ? undefined : `http://${issuerHost}:${port}/oauth2/default`,
    accessTokenTtlSeconds: settings.devIdentityProvider.accessTokenTtlSeconds,
    trustedOrigins: [new URL(appUrl).origin],
    universalLogout: { endpoint: globalTokenRevocationEndpoint(settings.baseUrl) },
    clients: [
      {
        client_id: client.clientId,
        ...registrationAuth(clientAuth, client.clientSecret),
        redirect_uris: [relyingParty.redirectUri],
        post_logout_redirect_uris: [relyingParty.postLogoutRedirectUri],
        grant_types: grantTypesFor(relyingParty.signInMode),
      },
    ],
  });
}
