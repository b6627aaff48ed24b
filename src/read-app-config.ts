import type { EnvironmentSettings } from './config/app-config';
import { readConfig } from './config/read-config';
import { oktaSettingProblems } from './okta-auth-options';
import { tenantSettingProblems } from './tenant-options';

type Env = Record<string, string | undefined>;

/**
 * The environment read once at start-up: the app's settings and AuthModule's Okta checks, of
 * the single-tenant settings and of each tenant in TENANTS_FILE.
 */
export function readAppConfig(env: Env): EnvironmentSettings {
  return readConfig(env, {
    moreProblems: (settings) => [
      ...oktaSettingProblems(settings),
      ...tenantSettingProblems(settings),
    ],
  });
}
