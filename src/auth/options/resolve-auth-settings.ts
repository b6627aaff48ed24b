import type { AuthModuleOptions, SignInMode } from './auth-module-options';
import { AuthOptionProblem, findAuthOptionProblems, isRoutePath } from './auth-option-problems';
import { AuthOptionsError } from './auth-options.error';
import type { AuthSettings } from './auth-settings';
import { DEFAULT_WIDGET_CSP_SOURCES, WidgetCspSources } from '../widget/widget-csp-sources';

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
    callback: new URL(options.redirectUri).pathname,
  };
  const routeProblems = findRouteClashes(routes);
  if (routeProblems.length > 0) throw new AuthOptionsError(routeProblems);
  const rateLimit = options.signInRateLimit ?? { limit: 60 };
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
    signInRateLimit:
      rateLimit === false
        ? false
        : { limit: rateLimit.limit, windowMs: (rateLimit.windowSeconds ?? 60) * 1000 },
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
