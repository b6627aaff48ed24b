import type { AuthModuleOptions, SignInMode } from './auth-module-options';
import { type AuthOptionProblem, findAuthOptionProblems } from './auth-option-problems';
import { isRoutePath } from './option-rules';
import { AuthOptionsError } from './auth-options.error';
import type { AuthSettings, UniversalLogoutSettings } from './auth-settings';
import { DEFAULT_WIDGET_CSP_SOURCES, type WidgetCspSources } from './widget-csp-sources';

const DEFAULT_SCOPES = ['openid', 'profile', 'email'];
const HOUR_S = 60 * 60;
/** The widget's transaction outlives Okta Verify enrolment, magic links and social sign-in. */
const DEFAULT_TRANSACTION_TTL_S: Record<SignInMode, number> = {
  redirect: 10 * 60,
  widget: 30 * 60,
};

/** Validates the options as given to `forRoot`/`forRootAsync` and fills in the defaults. */
export function resolveAuthSettings(options: AuthModuleOptions): AuthSettings {
  const problems = findAuthOptionProblems(options);
  if (problems.length > 0) throw new AuthOptionsError(problems);
  const routes = {
    login: options.routes?.login ?? '/login',
    logout: options.routes?.logout ?? '/logout',
    logoutEverywhere: options.routes?.logoutEverywhere ?? '/logout/everywhere',
    callback: new URL(options.redirectUri).pathname,
  };
  const universalLogout = resolveUniversalLogout(options);
  const routeProblems = [
    ...findRouteClashes(routes),
    ...findNewRouteClashes(routes, universalLogout),
  ];
  if (routeProblems.length > 0) throw new AuthOptionsError(routeProblems);
  const signInMode = options.signInMode ?? 'redirect';
  return {
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
    postLogoutRedirectUri: options.postLogoutRedirectUri,
    signInMode,
    scopes: [...new Set(options.scopes ?? DEFAULT_SCOPES)],
    globalGuard: options.globalGuard ?? true,
    routes,
    groupsClaim: options.groupsClaim ?? 'groups',
    maxSignInAgeMs: (options.maxSignInAgeSeconds ?? 8 * HOUR_S) * 1000,
    signInTransactionTtlMs:
      (options.signInTransactionTtlSeconds ?? DEFAULT_TRANSACTION_TTL_S[signInMode]) * 1000,
    signInRateLimit: resolveRateLimit(options.signInRateLimit, 60),
    providerTimeoutMs: options.providerTimeoutMs ?? 5000,
    refreshLock: options.refreshLock,
    errorView: options.errorView,
    widget: {
      view: options.widget?.view,
      assetsPath: (options.widget?.assetsPath ?? '/assets/okta-signin-widget').replace(/\/$/, ''),
      signInHint: options.widget?.signInHint,
      contentSecurityPolicy: widgetCspSources(options.widget?.contentSecurityPolicy),
      language: options.widget?.language,
    },
    verifySessionMiddleware: options.verifySessionMiddleware ?? true,
    universalLogout,
  };
}

/** Each directive's list as given, or its default; without repeats. */
function widgetCspSources(given: Partial<WidgetCspSources> = {}): WidgetCspSources {
  const sources = { ...DEFAULT_WIDGET_CSP_SOURCES };
  for (const name of Object.keys(sources) as (keyof WidgetCspSources)[]) {
    sources[name] = [...new Set(given[name] ?? sources[name])];
  }
  return sources;
}

/** Okta's org authorization server is the issuer's origin, and the endpoint is on the app's. */
function resolveUniversalLogout(options: AuthModuleOptions): UniversalLogoutSettings | false {
  const given = options.universalLogout;
  if (!given) return false;
  const path = given.path ?? '/global-token-revocation';
  return {
    path,
    orgIssuer: given.orgIssuer ?? new URL(options.issuer).origin,
    audience: given.audience ?? `${new URL(options.redirectUri).origin}${path}`,
    rateLimit: resolveRateLimit(given.rateLimit, 600),
  };
}

/** A budget per client address, per minute unless the window is given. */
function resolveRateLimit(
  given: { limit: number; windowSeconds?: number } | false | undefined,
  defaultLimit: number,
): { limit: number; windowMs: number } | false {
  if (given === false) return false;
  const { limit, windowSeconds = 60 } = given ?? { limit: defaultLimit };
  return { limit, windowMs: windowSeconds * 1000 };
}

/** Sign-out everywhere and the Global Token Revocation endpoint each need a path of their own. */
function findNewRouteClashes(
  routes: AuthSettings['routes'],
  universalLogout: UniversalLogoutSettings | false,
): AuthOptionProblem[] {
  const taken = [routes.login, routes.logout, routes.callback];
  const problems: AuthOptionProblem[] = [];
  if (taken.includes(routes.logoutEverywhere)) {
    problems.push({
      option: 'routes.logoutEverywhere',
      message: `"${routes.logoutEverywhere}" is already another of the module's routes`,
      example: '/logout/everywhere',
    });
  }
  if (universalLogout && [...taken, routes.logoutEverywhere].includes(universalLogout.path)) {
    problems.push({
      option: 'universalLogout.path',
      message: `"${universalLogout.path}" is already another of the module's routes`,
      example: '/global-token-revocation',
    });
  }
  return problems;
}

/** The callback comes from the redirect URI, so it is checked against the other routes here. */
function findRouteClashes(routes: AuthSettings['routes']): AuthOptionProblem[] {
  const problems: AuthOptionProblem[] = [];
  if (!isRoutePath(routes.callback) || routes.callback === '/') {
    problems.push({
      option: 'redirectUri',
      message: `its path "${routes.callback}" cannot be a route of its own`,
      example: 'https://app.example.com/authorization-code/callback',
    });
  }
  if (routes.callback === routes.login || routes.callback === routes.logout) {
    problems.push({
      option: 'redirectUri',
      message: `its path "${routes.callback}" is also the ${routes.callback === routes.login ? 'login' : 'logout'} route`,
      example: 'https://app.example.com/authorization-code/callback',
    });
  }
  if (routes.login === routes.logout) {
    problems.push({
      option: 'routes.logout',
      message: `must differ from the login route "${routes.login}"`,
      example: '/logout',
    });
  }
  return problems;
}
