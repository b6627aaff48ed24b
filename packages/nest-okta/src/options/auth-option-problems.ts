import { isRefreshLock } from './refresh-lock';
import type { WidgetCspDirective } from './widget-csp-sources';
import type { AuthModuleOptions } from './auth-module-options';
import { isLoopbackHost } from './loopback-host';
import { isRateLimit, isRoutePath } from './option-rules';
import { findUniversalLogoutProblems } from './universal-logout-option-problems';
import { findWidgetOptionProblems } from './widget-option-problems';

export type AuthOptionName =
  | keyof AuthModuleOptions
  | 'routes.login'
  | 'routes.logout'
  | 'widget.language'
  | 'widget.contentSecurityPolicy'
  | `widget.contentSecurityPolicy.${WidgetCspDirective}`
  | 'routes.logoutEverywhere'
  | 'universalLogout.path'
  | 'universalLogout.orgIssuer'
  | 'universalLogout.audience'
  | 'universalLogout.rateLimit'
  | 'tenants.resolve'
  | 'tenants.baseDomain'
  | 'tenants.byId'
  | `tenants.byId.${string}`;

/** One thing wrong with an option: the app names it its own way (an env variable, say). */
export interface AuthOptionProblem {
  option: AuthOptionName;
  message: string;
  /** A valid value, shown after the message. */
  example: string;
}

const REQUIRED: readonly AuthOptionName[] = [
  'issuer',
  'clientId',
  'clientSecret',
  'redirectUri',
  'postLogoutRedirectUri',
];

export const EXAMPLES = {
  issuer: 'https://dev-123456.okta.com/oauth2/default',
  clientId: '0oa1b2c3d4EXAMPLE',
  clientSecret: 'the client secret from the app integration page',
  redirectUri: 'https://app.example.com/authorization-code/callback',
  postLogoutRedirectUri: 'https://app.example.com',
  scopes: 'openid profile email',
  signInMode: 'widget',
  route: '/login',
} as const;

/**
 * Every problem in `options`, Okta-aware: the mistakes people make copying values from the
 * Admin Console (the `-admin` address, `{yourOktaDomain}` left in, a trailing slash, plain http)
 * are named before the first sign-in fails opaquely. With `partial`, absent options are not
 * reported, so an app can check what it has before it knows the rest. Secrets are never echoed.
 */
export function findAuthOptionProblems(
  options: Partial<AuthModuleOptions>,
  { partial = false }: { partial?: boolean } = {},
): AuthOptionProblem[] {
  const problems: AuthOptionProblem[] = [];
  const report = (option: AuthOptionName, message: string, example: string) =>
    problems.push({ option, message, example });
  for (const name of REQUIRED) {
    const value = options[name as keyof AuthModuleOptions];
    if (value === undefined || value === '') {
      if (!partial) report(name, 'is required', EXAMPLES[name as keyof typeof EXAMPLES]);
    } else if (typeof value !== 'string') {
      report(name, 'must be a string', EXAMPLES[name as keyof typeof EXAMPLES]);
    }
  }
  if (typeof options.issuer === 'string' && options.issuer) checkIssuer(options.issuer, report);
  for (const name of ['clientId', 'clientSecret'] as const) {
    const value = options[name];
    if (typeof value === 'string' && /[{}]/.test(value)) {
      const shown = name === 'clientSecret' ? '' : ` ("${value}")`;
      report(
        name,
        `still holds a placeholder${shown}; copy the real value from the Okta app integration`,
        EXAMPLES[name],
      );
    }
  }
  for (const name of ['redirectUri', 'postLogoutRedirectUri'] as const) {
    const value = options[name];
    if (typeof value === 'string' && value) checkAbsoluteUrl(name, value, report);
  }
  if (options.scopes !== undefined) checkScopes(options.scopes, report);
  if (options.signInMode !== undefined && !['redirect', 'widget'].includes(options.signInMode)) {
    report(
      'signInMode',
      `must be "redirect" (Okta-hosted page) or "widget" (embedded Sign-In Widget); got "${String(options.signInMode)}"`,
      EXAMPLES.signInMode,
    );
  }
  checkRoutes(options, report);
  for (const name of [
    'maxSignInAgeSeconds',
    'signInTransactionTtlSeconds',
    'providerTimeoutMs',
  ] as const) {
    const value = options[name];
    if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
      report(name, `must be a whole number above 0; got ${String(value)}`, '600');
    }
  }
  if (options.sessionIndex !== undefined && !isSessionIndexStore(options.sessionIndex)) {
    report(
      'sessionIndex',
      'must be a SessionIndexStore: an object with add, remove and sessionIds methods',
      'new MemorySessionIndexStore()',
    );
  }
  findWidgetOptionProblems(options.widget, report);
  if (options.refreshLock !== undefined && !isRefreshLock(options.refreshLock)) {
    report(
      'refreshLock',
      'must be an object with a tryAcquire(key, ttlMs) method',
      '{ tryAcquire: (key, ttlMs) => … }',
    );
  }
  const limit = options.signInRateLimit;
  if (limit !== undefined && limit !== false && !isRateLimit(limit)) {
    report('signInRateLimit', 'must be false or { limit, windowSeconds } above 0', '60');
  }
  problems.push(...findUniversalLogoutProblems(options.universalLogout));
  return problems;
}

export type Report = (option: AuthOptionName, message: string, example: string) => void;

function checkIssuer(issuer: string, report: Report): void {
  const example = EXAMPLES.issuer;
  // Messages show the value, but never a password someone pasted into it.
  const value = issuer.replace(/\/\/[^/@\s]*@/, '//***@');
  if (/\{.*\}|yourOktaDomain/i.test(value)) {
    report('issuer', `still holds the {yourOktaDomain} placeholder ("${value}")`, example);
    return;
  }
  if (!URL.canParse(issuer) || !/^https?:\/\//i.test(issuer)) {
    report('issuer', `must be a full URL starting with https://; got "${value}"`, example);
    return;
  }
  const url = new URL(issuer);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    report(
      'issuer',
      `must use https:// (plain http is allowed only for localhost); got "${value}"`,
      example,
    );
  }
  if (/-admin\./i.test(url.hostname)) {
    report(
      'issuer',
      `"${url.hostname}" is the Admin Console address; remove "-admin" (use ${url.hostname.replace(/-admin\./i, '.')})`,
      example,
    );
  }
  if (url.username || url.password) {
    report('issuer', 'must not contain a user name or password', example);
  }
  if (value.endsWith('/')) report('issuer', `must not end with a slash; got "${value}"`, example);
  if (url.search || url.hash) {
    report('issuer', `must not have a query or fragment; got "${value}"`, example);
  }
}

function checkAbsoluteUrl(
  option: 'redirectUri' | 'postLogoutRedirectUri',
  value: string,
  report: Report,
): void {
  const example = EXAMPLES[option];
  if (!URL.canParse(value) || !/^https?:\/\//i.test(value)) {
    report(option, `must be an absolute http(s) URL; got "${value}"`, example);
    return;
  }
  const url = new URL(value);
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    report(
      option,
      `must use https:// (plain http is allowed only for localhost); got "${value}"`,
      example,
    );
  }
  if (url.hash) report(option, `must not have a fragment; got "${value}"`, example);
}

function checkScopes(scopes: unknown, report: Report): void {
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && /^\S+$/.test(s))) {
    report('scopes', 'must be a list of scope names without spaces', EXAMPLES.scopes);
  } else if (!scopes.includes('openid')) {
    report('scopes', `must include "openid"; got "${scopes.join(' ')}"`, EXAMPLES.scopes);
  }
}

function checkRoutes(options: Partial<AuthModuleOptions>, report: Report): void {
  for (const name of ['login', 'logout', 'logoutEverywhere'] as const) {
    const path = options.routes?.[name];
    if (path !== undefined && !isRoutePath(path)) {
      report(
        `routes.${name}`,
        `must be a path starting with "/", without query or fragment; got "${String(path)}"`,
        name === 'logoutEverywhere' ? '/logout/everywhere' : `/${name}`,
      );
    }
  }
}

function isSessionIndexStore(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Record<string, unknown>;
  return ['add', 'remove', 'sessionIds'].every((method) => typeof store[method] === 'function');
}
