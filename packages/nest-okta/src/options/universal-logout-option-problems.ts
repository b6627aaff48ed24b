import type { AuthOptionProblem } from './auth-option-problems';
import type { UniversalLogoutOptions } from './auth-module-options';
import { isRateLimit, isRoutePath, urlProblem } from './option-rules';

const EXAMPLES = {
  path: '/global-token-revocation',
  orgIssuer: 'https://dev-123456.okta.com',
  audience: 'https://app.example.com/global-token-revocation',
  rateLimit: '{ limit: 600, windowSeconds: 60 }',
};

/** What is wrong with the `universalLogout` option: `false`, or the endpoint's settings. */
export function findUniversalLogoutProblems(
  value: UniversalLogoutOptions | false | undefined,
): AuthOptionProblem[] {
  if (value === undefined || value === false) return [];
  if (typeof value !== 'object' || value === null) {
    return [
      {
        option: 'universalLogout',
        message: 'must be false or { path, orgIssuer, audience, rateLimit }, each optional',
        example: '{}',
      },
    ];
  }
  const problems: AuthOptionProblem[] = [];
  const { path, orgIssuer, audience, rateLimit } = value;
  if (path !== undefined && !isRoutePath(path)) {
    problems.push({
      option: 'universalLogout.path',
      message: `must be a path starting with "/", without query or fragment; got "${String(path)}"`,
      example: EXAMPLES.path,
    });
  }
  for (const [name, url] of [
    ['orgIssuer', orgIssuer],
    ['audience', audience],
  ] as const) {
    const problem = url === undefined ? undefined : urlProblem(url);
    if (problem)
      problems.push({
        option: `universalLogout.${name}`,
        message: problem,
        example: EXAMPLES[name],
      });
  }
  if (typeof orgIssuer === 'string' && orgIssuer.endsWith('/')) {
    problems.push({
      option: 'universalLogout.orgIssuer',
      message: `must not end with a slash (it is compared with the iss of Okta's requests); got "${orgIssuer}"`,
      example: EXAMPLES.orgIssuer,
    });
  }
  if (rateLimit !== undefined && rateLimit !== false && !isRateLimit(rateLimit)) {
    problems.push({
      option: 'universalLogout.rateLimit',
      message: 'must be false or { limit, windowSeconds } above 0',
      example: EXAMPLES.rateLimit,
    });
  }
  return problems;
}
