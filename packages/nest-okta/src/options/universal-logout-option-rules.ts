import { rateLimitProblem, routePathProblem, urlProblem } from './option-checks';
import type { OptionRules } from './option-rule';

/** Okta's Universal Logout: `false`, or its Global Token Revocation endpoint's settings. */
export const UNIVERSAL_LOGOUT_OPTION_RULES = {
  universalLogout: {
    example: '{}',
    check: (value) =>
      value === false || (typeof value === 'object' && value !== null)
        ? undefined
        : 'must be false or { path, orgIssuer, audience, rateLimit }, each optional',
  },
  'universalLogout.path': {
    example: '/global-token-revocation',
    check: routePathProblem,
    default: '/global-token-revocation',
  },
  'universalLogout.orgIssuer': {
    example: 'https://dev-123456.okta.com',
    check: orgIssuerProblems,
    // Okta's org authorization server is the issuer's origin.
    default: (issuer: string) => new URL(issuer).origin,
  },
  'universalLogout.audience': {
    example: 'https://app.example.com/global-token-revocation',
    check: urlProblem,
    // The endpoint is on the app's own origin, the one Okta sends users back to.
    default: (redirectUri: string, path: string) => `${new URL(redirectUri).origin}${path}`,
  },
  'universalLogout.rateLimit': {
    example: '{ limit: 600, windowSeconds: 60 }',
    check: rateLimitProblem,
    default: { limit: 600, windowSeconds: 60 },
  },
} as const satisfies OptionRules;

function orgIssuerProblems(orgIssuer: unknown): string[] {
  const problems = [urlProblem(orgIssuer)];
  if (typeof orgIssuer === 'string' && orgIssuer.endsWith('/')) {
    problems.push(
      `must not end with a slash (it is compared with the iss of Okta's requests); got "${orgIssuer}"`,
    );
  }
  return problems.filter((problem) => problem !== undefined);
}
