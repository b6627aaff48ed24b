import {
  type AuthModuleOptions,
  type AuthOptionName,
  findAuthOptionProblems,
  type AuthTenantsOptions,
  type MultiTenantAuthModuleOptions,
  type SharedAuthOptions,
  type TenantOptions,
} from 'nest-okta';
import type {
  AppConfig,
  EnvironmentSettings,
  ResolvedTenant,
  ResolvedTenants,
} from './config/app-config';
import { WIDGET_CSP_VARIABLES } from './config/read-widget-settings';
import { demoUsersHint } from 'okta-dev-idp';
import {
  GLOBAL_TOKEN_REVOCATION_PATH,
  globalTokenRevocationEndpoint,
} from './dev-identity-provider/global-token-revocation';

/** Which environment variable sets each AuthModule option, so problems name what people edit. */
const VARIABLES: Partial<Record<AuthOptionName, string>> = {
  issuer: 'OKTA_ISSUER',
  clientId: 'OKTA_CLIENT_ID',
  clientSecret: 'OKTA_CLIENT_SECRET',
  clientAuthentication: 'OKTA_CLIENT_AUTH',
  privateKey: 'OKTA_PRIVATE_KEY_FILE',
  privateKeyId: 'OKTA_PRIVATE_KEY_ID',
  pushedAuthorizationRequests: 'OKTA_PAR',
  redirectUri: 'OKTA_REDIRECT_URI',
  postLogoutRedirectUri: 'OKTA_POST_LOGOUT_REDIRECT_URI',
  scopes: 'OKTA_SCOPES',
  signInMode: 'OKTA_SIGN_IN_MODE',
  signInTransactionTtlSeconds: 'SIGN_IN_TRANSACTION_TTL_SECONDS',
  'widget.language': 'OKTA_WIDGET_LANGUAGE',
  'widget.contentSecurityPolicy.scriptSrc': WIDGET_CSP_VARIABLES.scriptSrc,
  'widget.contentSecurityPolicy.styleSrc': WIDGET_CSP_VARIABLES.styleSrc,
  'widget.contentSecurityPolicy.frameSrc': WIDGET_CSP_VARIABLES.frameSrc,
  'widget.contentSecurityPolicy.connectSrc': WIDGET_CSP_VARIABLES.connectSrc,
  'widget.contentSecurityPolicy.imgSrc': WIDGET_CSP_VARIABLES.imgSrc,
  'widget.contentSecurityPolicy.workerSrc': WIDGET_CSP_VARIABLES.workerSrc,
};

/**
 * AuthModule's own checks of the Okta settings, run while the environment is read, with each
 * problem naming its variable. Without an Okta org the development provider fills in the
 * client later, so only what is already known is checked.
 */
export function oktaSettingProblems(settings: EnvironmentSettings): string[] {
  const { oktaClient, clientAuth, relyingParty, widget } = settings;
  // OKTA_UNIVERSAL_LOGOUT is a yes or no, checked as the environment is read.
  const options = {
    ...oktaClient,
    ...clientAuth,
    ...relyingParty,
    widget,
    universalLogout: undefined,
  };
  return findAuthOptionProblems(options, { partial: true }).map(({ option, message, example }) => {
    const variable = VARIABLES[option] ?? option;
    return `${variable}: ${message}. Example: ${variable}=${example}`;
  });
}

/** The app's configuration as AuthModule's options: one Okta org, or a tenants file's. */
export function authModuleOptions(
  config: AppConfig,
  { globalGuard, signInHint }: { globalGuard: boolean; signInHint?: string },
): AuthModuleOptions | MultiTenantAuthModuleOptions {
  const { okta, session, http, widget, baseUrl, tenants } = config;
  const shared: SharedAuthOptions = {
    signInTransactionTtlSeconds: okta.signInTransactionTtlSeconds,
    globalGuard,
    maxSignInAgeSeconds: session.absoluteTimeoutMs / 1000,
    signInRateLimit: { limit: http.signInRateLimitPerMinute, windowSeconds: 60 },
    errorView: 'error',
    widget: {
      view: 'widget-login',
      signInHint,
      contentSecurityPolicy: widget.contentSecurityPolicy,
      language: widget.language,
    },
    // At the address the development provider sends it to; Okta's org server signs it.
    universalLogout: okta.universalLogout && {
      path: GLOBAL_TOKEN_REVOCATION_PATH,
      audience: globalTokenRevocationEndpoint(baseUrl),
    },
  };
  // With tenants too: every tenant's org calls this one endpoint (see tenant-revocation-orgs).
  if (tenants) return { ...shared, tenants: tenantsOption(tenants) };
  return {
    ...shared,
    issuer: okta.issuer,
    clientId: okta.clientId,
    clientSecret: okta.clientSecret,
    clientAuthentication: okta.clientAuthentication,
    privateKey: okta.privateKey,
    privateKeyId: okta.privateKeyId,
    pushedAuthorizationRequests: okta.pushedAuthorizationRequests,
    redirectUri: okta.redirectUri,
    postLogoutRedirectUri: okta.postLogoutRedirectUri,
    signInMode: okta.signInMode,
    scopes: okta.scopes,
  };
}

/**
 * A tenant resolved by host lives at `{tenant}.{baseDomain}` (the tenants file's reader fills in
 * the app's host when the file names none, and leaves it out under path resolution); one
 * resolved by path at `/t/{tenant}` on the app's own host.
 */
function tenantsOption(tenants: ResolvedTenants): AuthTenantsOptions {
  return {
    resolve: tenants.resolution,
    baseDomain: tenants.baseDomain,
    byId: Object.fromEntries(
      [...tenants.tenants.values()].map((tenant) => [tenant.id, tenantAuthOptions(tenant)]),
    ),
  };
}

function tenantAuthOptions(tenant: ResolvedTenant): TenantOptions {
  return {
    // The widget's page names the demo users of the tenant's own development org, or none.
    widget: { signInHint: tenant.usesDevIdentityProvider ? demoUsersHint(tenant.id) : undefined },
    issuer: tenant.issuer,
    clientId: tenant.clientId,
    clientSecret: tenant.clientSecret,
    clientAuthentication: tenant.clientAuthentication,
    privateKey: tenant.privateKey,
    privateKeyId: tenant.privateKeyId,
    pushedAuthorizationRequests: tenant.pushedAuthorizationRequests,
    redirectUri: tenant.redirectUri,
    postLogoutRedirectUri: tenant.postLogoutRedirectUri,
    signInMode: tenant.signInMode,
    scopes: tenant.scopes,
    groupsClaim: tenant.groupsClaim,
  };
}
