import { usesPrivateKey } from './client-auth-option-rules';
import { isLoopbackHost } from './loopback-host';
import { aString } from './option-checks';
import type { OptionRules } from './option-rule';

/**
 * One Okta app integration's options, Okta-aware: the mistakes people make copying values from
 * the Admin Console (the `-admin` address, `{yourOktaDomain}` left in, a trailing slash, plain
 * http) are named before the first sign-in fails opaquely. Secrets are never echoed.
 */
export const TENANT_AUTH_OPTION_RULES = {
  issuer: {
    example: 'https://dev-123456.okta.com/oauth2/default',
    required: true,
    check: aString(issuerProblems),
  },
  clientId: {
    example: '0oa1b2c3d4EXAMPLE',
    required: true,
    check: aString((value) => placeholderProblem(value, ` ("${value}")`)),
  },
  clientSecret: {
    example: 'the client secret from the app integration page',
    // Okta gives an app integration set to "Public key / Private key" no secret.
    required: (options) => !usesPrivateKey(options),
    check: aString((value) => placeholderProblem(value, '')),
  },
  redirectUri: {
    example: 'https://app.example.com/authorization-code/callback',
    required: true,
    check: aString(absoluteUrlProblems),
  },
  postLogoutRedirectUri: {
    example: 'https://app.example.com',
    required: true,
    check: aString(absoluteUrlProblems),
  },
  scopes: {
    example: 'openid profile email',
    check: scopesProblem,
    default: ['openid', 'profile', 'email'],
  },
  signInMode: {
    example: 'widget',
    check: (mode) =>
      mode === 'redirect' || mode === 'widget'
        ? undefined
        : `must be "redirect" (Okta-hosted page) or "widget" (embedded Sign-In Widget); got "${String(mode)}"`,
    default: 'redirect',
  },
  groupsClaim: { example: 'groups', default: 'groups' },
} as const satisfies OptionRules;

function issuerProblems(issuer: string): string[] {
  // Messages show the value, but never a password someone pasted into it.
  const value = issuer.replace(/\/\/[^/@\s]*@/, '//***@');
  if (/\{.*\}|yourOktaDomain/i.test(value)) {
    return [`still holds the {yourOktaDomain} placeholder ("${value}")`];
  }
  if (!URL.canParse(issuer) || !/^https?:\/\//i.test(issuer)) {
    return [`must be a full URL starting with https://; got "${value}"`];
  }
  const url = new URL(issuer);
  const problems: string[] = [];
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    problems.push(`must use https:// (plain http is allowed only for localhost); got "${value}"`);
  }
  if (/-admin\./i.test(url.hostname)) {
    problems.push(
      `"${url.hostname}" is the Admin Console address; remove "-admin" (use ${url.hostname.replace(/-admin\./i, '.')})`,
    );
  }
  if (url.username || url.password) problems.push('must not contain a user name or password');
  if (value.endsWith('/')) problems.push(`must not end with a slash; got "${value}"`);
  if (url.search || url.hash) problems.push(`must not have a query or fragment; got "${value}"`);
  return problems;
}

/** `shown` is how the message quotes the value: a secret is not quoted. */
function placeholderProblem(value: string, shown: string): string | undefined {
  if (!/[{}]/.test(value)) return undefined;
  return `still holds a placeholder${shown}; copy the real value from the Okta app integration`;
}

/** Redirect URIs as Okta matches them: absolute, https but on localhost, no fragment. */
function absoluteUrlProblems(value: string): string[] {
  if (!URL.canParse(value) || !/^https?:\/\//i.test(value)) {
    return [`must be an absolute http(s) URL; got "${value}"`];
  }
  const url = new URL(value);
  const problems: string[] = [];
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    problems.push(`must use https:// (plain http is allowed only for localhost); got "${value}"`);
  }
  if (url.hash) problems.push(`must not have a fragment; got "${value}"`);
  return problems;
}

function scopesProblem(scopes: unknown): string | undefined {
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && /^\S+$/.test(s))) {
    return 'must be a list of scope names without spaces';
  }
  if (!scopes.includes('openid')) return `must include "openid"; got "${scopes.join(' ')}"`;
  return undefined;
}
