import type { AuthOptionProblem } from './auth-option-problems';
import type { AuthSettings } from './auth-settings';
import { TENANT_PATH_PREFIX } from '../request/tenant-path';

/**
 * A tenant resolved by path registers its own redirect URI under its segment
 * (`https://app.example.com/t/acme/authorization-code/callback`, or after the app's global
 * prefix: `…/app/t/acme/…`); the module serves the route at the path without the segment, which
 * is what it sees once the segment is taken out.
 */
export function underTenantPath(
  id: string,
  settings: AuthSettings,
): AuthSettings | AuthOptionProblem {
  const prefix = `${TENANT_PATH_PREFIX}/${id}`;
  const { callback, ...others } = settings.routes;
  const at = callback.indexOf(`${prefix}/`);
  const after = at === -1 ? undefined : callback.slice(at + prefix.length);
  const route = after && `${callback.slice(0, at)}${after}`;
  if (route && after !== '/' && !Object.values(others).includes(route)) {
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
