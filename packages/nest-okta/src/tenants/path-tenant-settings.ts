import type { AuthOptionProblem } from '../options/auth-option-problems';
import type { AuthSettings } from '../options/auth-settings';
import { TENANT_PATH_PREFIX } from './tenant-path';

/**
 * A tenant resolved by path registers its own redirect URI under its prefix
 * (`https://app.example.com/t/acme/authorization-code/callback`); the module serves the route at
 * the path after the prefix, which is what it sees once the prefix is stripped.
 */
export function underTenantPath(
  id: string,
  settings: AuthSettings,
): AuthSettings | AuthOptionProblem {
  const prefix = `${TENANT_PATH_PREFIX}/${id}`;
  const { callback, ...others } = settings.routes;
  const route = callback.startsWith(`${prefix}/`) ? callback.slice(prefix.length) : undefined;
  if (route && route !== '/' && !Object.values(others).includes(route)) {
    return { ...settings, routes: { ...settings.routes, callback: route } };
  }
  return {
    option: `tenants.byId.${id}.redirectUri`,
    message: route
      ? `its path after ${prefix} ("${route}") cannot be a route of its own`
      : `must be under the tenant's path ${prefix}/ when tenants are resolved by path`,
    example: `https://app.example.com${prefix}/authorization-code/callback`,
  };
}
