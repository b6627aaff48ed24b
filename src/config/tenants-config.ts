import type {
  ClientAuthSettings,
  OktaClientSettings,
  RelyingPartySettings,
  SignInMode,
} from './okta-settings';
import { DEFAULT_CALLBACK_PATHS } from './callback-paths';

/** How a request names its tenant: `acme.example.com`, or `/t/acme/...` on one host. */
export type TenantResolution = 'host' | 'path';

/** Where tenants' pages live under path resolution: `{APP_BASE_URL}/t/{tenant}`. */
export const TENANT_PATH_PREFIX = '/t';

/** One tenant of the tenants file, with its defaults filled in. */
export interface TenantSettings {
  /** A lowercase DNS label: it becomes a host name or a path segment. */
  id: string;
  /** How its pages name the tenant: the file's `displayName`, or else its id. */
  displayName: string;
  /**
   * Absent in development only: the tenant signs in at its own org of the development identity
   * provider (users from `okta-dev-idp`'s `users/users.{id}.json`), filled in when that org starts.
   */
  oktaClient?: OktaClientSettings;
  signInMode: SignInMode;
  scopes: string[];
  groupsClaim?: string;
  /** As the file gives it; without one, the tenant's own address. */
  postLogoutRedirectUri?: string;
  /** `clientAuthentication`, `privateKeyFile`, `privateKeyId`, `pushedAuthorizationRequests`. */
  clientAuth: ClientAuthSettings;
  /** The tenant's own address: `http://acme.localhost:8080`, or `http://localhost:8080/t/acme`. */
  baseUrl: string;
}

/** The tenants file (`TENANTS_FILE`), read and validated at start-up. */
export interface TenantsConfig {
  /** The file as `TENANTS_FILE` names it, for messages. */
  file: string;
  resolution: TenantResolution;
  /** Host resolution only: tenants live at `{tenant}.{baseDomain}` (default: APP_BASE_URL's host). */
  baseDomain?: string;
  /** By tenant id; a Map, so that no id such as `constructor` finds an Object property. */
  tenants: ReadonlyMap<string, TenantSettings>;
}

/** A tenant's home page: its origin, or the page at its path (`/t/acme/`, within the prefix). */
function homeOf(baseUrl: string): string {
  return new URL(baseUrl).pathname === '/' ? baseUrl : `${baseUrl}/`;
}

/** The URLs a tenant registers at its Okta org, derived from its address like the app's own. */
export function tenantRelyingParty(tenant: TenantSettings): RelyingPartySettings {
  return {
    signInMode: tenant.signInMode,
    scopes: tenant.scopes,
    redirectUri: `${tenant.baseUrl}${DEFAULT_CALLBACK_PATHS[tenant.signInMode]}`,
    postLogoutRedirectUri: tenant.postLogoutRedirectUri ?? homeOf(tenant.baseUrl),
    // Not a tenant's setting: every tenant's org calls the app's one endpoint, which
    // OKTA_UNIVERSAL_LOGOUT turns on for them all.
    universalLogout: false,
  };
}
