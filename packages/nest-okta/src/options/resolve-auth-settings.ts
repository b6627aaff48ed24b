import type { AuthModuleOptions } from './auth-module-options';
import { findAuthOptionProblems } from './auth-option-problems';
import { instanceSecretOf, resolveClientCredentials } from './client-credentials';
import { AuthOptionsError } from './auth-options.error';
import type { AuthSettings, UniversalLogoutSettings } from './auth-settings';
import { OPTION_RULES as RULES } from './option-table';
import { findRouteClashes } from './route-clashes';
import { WIDGET_CSP_DIRECTIVES, type WidgetCspSources } from './widget-csp-sources';

/**
 * Validates the options as given to `forRoot`/`forRootAsync` and fills in each default from its
 * row of the table.
 */
export function resolveAuthSettings(options: AuthModuleOptions): AuthSettings {
  const problems = findAuthOptionProblems(options);
  if (problems.length > 0) throw new AuthOptionsError(problems);
  const given = options.routes ?? {};
  const routes = {
    login: given.login || RULES['routes.login'].default,
    logout: given.logout || RULES['routes.logout'].default,
    logoutEverywhere: given.logoutEverywhere || RULES['routes.logoutEverywhere'].default,
    callback: new URL(options.redirectUri).pathname,
  };
  const routesOff = new Set(
    (['login', 'logout', 'logoutEverywhere'] as const).filter((name) => given[name] === false),
  );
  const universalLogout = resolveUniversalLogout(options);
  const routeProblems = findRouteClashes(routes, universalLogout);
  if (routeProblems.length > 0) throw new AuthOptionsError(routeProblems);
  const signInMode = options.signInMode ?? RULES.signInMode.default;
  const widget = options.widget ?? {};
  const clientCredentials = resolveClientCredentials(options);
  return {
    issuer: options.issuer,
    clientId: options.clientId,
    clientCredentials,
    instanceSecret: instanceSecretOf(clientCredentials),
    pushedAuthorizationRequests:
      options.pushedAuthorizationRequests ?? RULES.pushedAuthorizationRequests.default,
    redirectUri: options.redirectUri,
    postLogoutRedirectUri: options.postLogoutRedirectUri,
    signInMode,
    scopes: [...new Set(options.scopes ?? RULES.scopes.default)],
    globalGuard: options.globalGuard ?? RULES.globalGuard.default,
    routes,
    routesOff,
    afterSignIn: options.afterSignIn,
    groupsClaim: options.groupsClaim ?? RULES.groupsClaim.default,
    maxSignInAgeMs: (options.maxSignInAgeSeconds ?? RULES.maxSignInAgeSeconds.default) * 1000,
    signInTransactionTtlMs:
      (options.signInTransactionTtlSeconds ??
        RULES.signInTransactionTtlSeconds.default[signInMode]) * 1000,
    signInRateLimit: resolveRateLimit(options.signInRateLimit ?? RULES.signInRateLimit.default),
    providerTimeoutMs: options.providerTimeoutMs ?? RULES.providerTimeoutMs.default,
    refreshLock: options.refreshLock,
    errorView: options.errorView,
    widget: {
      view: widget.view,
      assetsPath: (widget.assetsPath ?? RULES['widget.assetsPath'].default).replace(/\/$/, ''),
      signInHint: widget.signInHint,
      contentSecurityPolicy: widgetCspSources(widget.contentSecurityPolicy),
      language: widget.language,
    },
    verifySessionMiddleware:
      options.verifySessionMiddleware ?? RULES.verifySessionMiddleware.default,
    universalLogout,
  };
}

/** Each directive's list as given, or its default; without repeats. */
function widgetCspSources(given: Partial<WidgetCspSources> = {}): WidgetCspSources {
  const directives = Object.keys(WIDGET_CSP_DIRECTIVES) as (keyof WidgetCspSources)[];
  return Object.fromEntries(
    directives.map((name) => [
      name,
      [...new Set(given[name] ?? RULES[`widget.contentSecurityPolicy.${name}`].default)],
    ]),
  ) as WidgetCspSources;
}

function resolveUniversalLogout(options: AuthModuleOptions): UniversalLogoutSettings | false {
  const given = options.universalLogout;
  if (!given) return false;
  const path = given.path ?? RULES['universalLogout.path'].default;
  return {
    path,
    orgIssuer: given.orgIssuer ?? RULES['universalLogout.orgIssuer'].default(options.issuer),
    audience:
      given.audience ?? RULES['universalLogout.audience'].default(options.redirectUri, path),
    rateLimit: resolveRateLimit(given.rateLimit ?? RULES['universalLogout.rateLimit'].default),
    emailSubjects: (options.scopes ?? RULES.scopes.default).includes('email'),
  };
}

/** A budget per client address, per minute unless the window is given. */
function resolveRateLimit(
  given: { limit: number; windowSeconds?: number } | false,
): { limit: number; windowMs: number } | false {
  if (given === false) return false;
  const { limit, windowSeconds = 60 } = given;
  return { limit, windowMs: windowSeconds * 1000 };
}
