import { Get, Post, type Type } from '@nestjs/common';
import type { AuthOptionProblem } from '../options/auth-option-problems';
import { AuthOptionsError } from '../options/auth-options.error';
import type { OrgSettings } from '../options/org-settings';
import { isUnder, type RoutePrefix } from '../request/route-prefix';

/** The module's routes, by the controller method that serves each; each with its paths. */
export interface AuthRoutePaths {
  login: string[];
  callback: string[];
  logout: string[];
  logoutEverywhere: string[];
  globalTokenRevocation: string[];
  widgetAsset: string[];
}

const METHODS: Record<keyof AuthRoutePaths, typeof Get> = {
  login: Get,
  callback: Get,
  logout: Post,
  logoutEverywhere: Post,
  globalTokenRevocation: Post,
  widgetAsset: Get,
};

/**
 * Where each of the module's routes lives, as Nest route paths (the global prefix is Nest's to
 * add). A route an option turns off has none. Each org's callback is its redirect URI's path,
 * which Okta knows in full: under a global prefix it must start with the prefix (or its route
 * be excluded from it), or the route Nest serves would not be the one Okta sends users to.
 */
export function authRoutePaths(orgs: OrgSettings, routePrefix: RoutePrefix): AuthRoutePaths {
  const { routes, routesOff, universalLogout } = orgs.shared;
  const own = (name: 'login' | 'logout' | 'logoutEverywhere') =>
    routesOff.has(name) ? [] : [routes[name]];
  const settings = [...orgs.byTenant.values()];
  const problems: AuthOptionProblem[] = [];
  const callbacks = settings.map(({ routes: { callback }, redirectUri }) => {
    if (isUnder(callback, routePrefix.prefix)) return callback.slice(routePrefix.prefix.length);
    if (routePrefix.prefix && !routePrefix.isExcluded(callback, 'GET')) {
      problems.push({
        option: 'redirectUri',
        message: `its path "${callback}" is not under the app's global prefix "${routePrefix.prefix}", so no route of the app can receive it; put the prefix in the redirect URI (and register that URI in Okta), or exclude the path from the prefix`,
        example: new URL(`${routePrefix.prefix}${callback}`, redirectUri).href,
      });
    }
    return callback;
  });
  if (problems.length > 0) throw new AuthOptionsError(problems);
  const widgetAssets = settings
    .filter(({ signInMode }) => signInMode === 'widget')
    .map(({ widget }) => `${widget.assetsPath}/*file`);
  return {
    login: own('login'),
    callback: distinct(callbacks),
    logout: own('logout'),
    logoutEverywhere: own('logoutEverywhere'),
    globalTokenRevocation: universalLogout ? [universalLogout.path] : [],
    widgetAsset: distinct(widgetAssets),
  };
}

/**
 * Puts the paths on the controller's methods, as `@Get()`/`@Post()` would have: they are
 * options, known only once `forRootAsync` has resolved them, and Nest maps a controller's routes
 * after that, when the app starts. A method given no path is no route.
 */
export function mapAuthRoutes(controller: Type, paths: AuthRoutePaths): void {
  const prototype = controller.prototype as object;
  for (const name of Object.keys(METHODS) as (keyof AuthRoutePaths)[]) {
    if (paths[name].length === 0) continue;
    const descriptor = Object.getOwnPropertyDescriptor(prototype, name)!;
    METHODS[name](paths[name])(prototype, name, descriptor);
  }
}

function distinct(paths: string[]): string[] {
  return [...new Set(paths)];
}
