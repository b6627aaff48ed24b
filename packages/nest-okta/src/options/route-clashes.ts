import type { AuthOptionProblem } from './auth-option-problems';
import type { AuthSettings, UniversalLogoutSettings } from './auth-settings';
import { isRoutePath } from './option-checks';
import { OPTION_RULES } from './option-table';

/**
 * The module's routes against each other, which no one option's rule can see: the callback
 * comes from the redirect URI, and every route needs a path of its own.
 */
export function findRouteClashes(
  routes: AuthSettings['routes'],
  universalLogout: UniversalLogoutSettings | false,
): AuthOptionProblem[] {
  return [...callbackClashes(routes), ...laterRouteClashes(routes, universalLogout)];
}

function callbackClashes(routes: AuthSettings['routes']): AuthOptionProblem[] {
  const example = OPTION_RULES.redirectUri.example;
  const problems: AuthOptionProblem[] = [];
  if (!isRoutePath(routes.callback) || routes.callback === '/') {
    problems.push({
      option: 'redirectUri',
      message: `its path "${routes.callback}" cannot be a route of its own`,
      example,
    });
  }
  if (routes.callback === routes.login || routes.callback === routes.logout) {
    problems.push({
      option: 'redirectUri',
      message: `its path "${routes.callback}" is also the ${routes.callback === routes.login ? 'login' : 'logout'} route`,
      example,
    });
  }
  if (routes.login === routes.logout) {
    problems.push({
      option: 'routes.logout',
      message: `must differ from the login route "${routes.login}"`,
      example: OPTION_RULES['routes.logout'].example,
    });
  }
  return problems;
}

/** Every route beyond sign-in, sign-out and the callback, then the revocation endpoint's. */
function laterRouteClashes(
  routes: AuthSettings['routes'],
  universalLogout: UniversalLogoutSettings | false,
): AuthOptionProblem[] {
  const { login, logout, callback, ...later } = routes;
  const taken = [login, logout, callback];
  const problems: AuthOptionProblem[] = [];
  const clash = (option: keyof typeof OPTION_RULES, path: string) => {
    if (taken.includes(path)) {
      problems.push({
        option,
        message: `"${path}" is already another of the module's routes`,
        example: OPTION_RULES[option].example,
      });
    }
    taken.push(path);
  };
  for (const [name, path] of Object.entries(later) as [keyof typeof later, string][]) {
    clash(`routes.${name}`, path);
  }
  if (universalLogout) clash('universalLogout.path', universalLogout.path);
  return problems;
}
