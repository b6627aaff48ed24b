import { findAuthOptionProblems } from '../options/auth-option-problems';
import type { AuthModuleOptions } from '../options/auth-module-options';
import { resolveOrgSettings } from '../options/org-settings';
import { NO_ROUTE_PREFIX } from '../request/route-prefix';
import { authRoutePaths } from './auth-route-paths';

const OPTIONS: AuthModuleOptions = {
  issuer: 'https://dev-1.okta.com/oauth2/default',
  clientId: '0oa1',
  clientSecret: 'a-client-secret-long-enough-for-the-checks',
  redirectUri: 'https://app.example.com/authorization-code/callback',
  postLogoutRedirectUri: 'https://app.example.com',
};

describe('routes.<name>: false', () => {
  it('mounts no route for each one set to false, and keeps the others', () => {
    const paths = authRoutePaths(
      resolveOrgSettings({ ...OPTIONS, routes: { login: false, logoutEverywhere: false } }),
      NO_ROUTE_PREFIX,
    );
    expect(paths).toMatchObject({
      login: [],
      logout: ['/logout'],
      logoutEverywhere: [],
      callback: ['/authorization-code/callback'],
    });
    expect(
      authRoutePaths(resolveOrgSettings({ ...OPTIONS, routes: { logout: false } }), NO_ROUTE_PREFIX)
        .logout,
    ).toEqual([]);
  });

  it('takes false or a path, nothing else', () => {
    expect(findAuthOptionProblems({ ...OPTIONS, routes: { login: false } })).toEqual([]);
    const problems = findAuthOptionProblems({ ...OPTIONS, routes: { login: true as never } });
    expect(problems.map(({ option }) => option)).toEqual(['routes.login']);
  });

  it('takes a function for afterSignIn, nothing else', () => {
    const problems = findAuthOptionProblems({ ...OPTIONS, afterSignIn: 'hook' as never });
    expect(problems).toEqual([expect.objectContaining({ option: 'afterSignIn' })]);
  });
});
