import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.setup';
import {
  resolveIdentityProvider,
  type ResolvedConfig,
} from '../../src/dev-identity-provider/resolve-identity-provider';
import { readAppConfig } from '../../src/read-app-config';
import { freePort } from './free-port';

export interface TenantsStack {
  resolved: ResolvedConfig;
  /** `http://{tenant}.localhost:{port}{path}`: the tenant's own address. */
  at(tenant: string, path: string): string;
  /** The issuer of the tenant's development org. */
  issuerOf(tenant: string): string;
  /** Closes the app and starts it again, so no tenant has discovered its org yet. */
  restartApp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The app with a tenants file, as `TENANTS_FILE=tenants.example.json npm start` runs it: Acme
 * and Globex at `{tenant}.localhost:{port}`, each signing in at its own development org (by
 * default both on Okta's hosted page), and Universal Logout on, as with the development provider.
 */
export async function startTenantsStack(
  tenants: Record<string, { signInMode?: 'redirect' | 'widget' }> = { acme: {}, globex: {} },
  env: Record<string, string> = {},
): Promise<TenantsStack> {
  const dir = mkdtempSync(join(tmpdir(), 'tenants-stack-'));
  const port = await freePort();
  const file = join(dir, 'tenants.json');
  writeFileSync(
    file,
    JSON.stringify({ resolution: 'host', baseDomain: `localhost:${port}`, tenants }),
  );
  const resolved = await resolveIdentityProvider(
    readAppConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      APP_BASE_URL: `http://localhost:${port}`,
      DEV_IDP_PORT: '0',
      TENANTS_FILE: file,
      LOG_LEVEL: 'silent',
      ...env,
    }),
  );
  let app: NestExpressApplication | undefined;
  const startApp = async () => {
    app = await createApp({ config: resolved.config });
    await app.listen(port, '127.0.0.1');
  };
  await startApp();
  return {
    resolved,
    at: (tenant, path) => `http://${tenant}.localhost:${port}${path}`,
    issuerOf: (tenant) => resolved.devOrgs!.get(tenant)!.issuer,
    async restartApp() {
      await app?.close();
      await startApp();
    },
    async close() {
      await app?.close();
      await Promise.all([...(resolved.devOrgs?.values() ?? [])].map((org) => org.stop()));
      await resolved.devIdentityProvider?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
