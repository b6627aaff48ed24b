import { type AuthOptionName, findAuthOptionProblems } from 'nest-okta';
import type { EnvironmentSettings } from './config/app-config';

/**
 * AuthModule's own Okta-aware checks (a pasted `-admin` address, `{yourOktaDomain}` left in, a
 * trailing slash, plain http, scopes without `openid`) on each tenant of the tenants file, with
 * each problem naming the file, the tenant and the setting, as written in the file. Only what
 * the file gives is checked: a development tenant's client is filled in when its org starts,
 * and the URLs derived from the tenant's address are the app's own.
 */
export function tenantSettingProblems(settings: EnvironmentSettings): string[] {
  const { tenants } = settings;
  if (!tenants) return [];
  return [...tenants.tenants.values()].flatMap((tenant) =>
    findAuthOptionProblems(
      {
        ...tenant.oktaClient,
        ...tenant.clientAuth,
        signInMode: tenant.signInMode,
        scopes: tenant.scopes,
        postLogoutRedirectUri: tenant.postLogoutRedirectUri,
      },
      { partial: true },
    ).map(({ option, message, example }) => {
      // The file names the key's file; the module checks the key read from it.
      const key = option === 'privateKey' ? 'privateKeyFile' : option;
      const shown = option === 'privateKey' ? '"keys/acme.jwks.json"' : quoted(option, example);
      return `${tenants.file}, tenant "${tenant.id}", "${key}": ${message}. Example: "${key}": ${shown}`;
    }),
  );
}

/** Examples come as plain text; the file wants JSON. */
function quoted(option: AuthOptionName, example: string): string {
  return option === 'scopes' ? JSON.stringify(example.split(' ')) : JSON.stringify(example);
}
