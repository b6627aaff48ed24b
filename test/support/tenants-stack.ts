import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import type { Store } from 'express-session';
import { createApp } from '../../src/app.setup';
import { SessionStorage } from '../../src/session/session-storage';
import {
  resolveIdentityProvider,
  type ResolvedConfig,
} from '../../src/dev-identity-provider/resolve-identity-provider';
import { readAppConfig } from '../../src/read-app-config';
import { HeldPort } from './held-port';
import { startAll } from './started';

export interface TenantsStack {
  resolved: ResolvedConfig;
  /** The tenant's own address: `http://{tenant}.localhost:{port}{path}`, or `/t/{tenant}{path}`. */
  at(tenant: string, path: string): string;
  /** The issuer of the tenant's development org. */
  issuerOf(tenant: string): string;
  /** The app's session store, where sessions and the token vault's records live. */
  store(): Store;
  /** Closes the app and starts it again, so no tenant has discovered its org yet. */
  restartApp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A tenants file's development orgs (and the development provider), started as `npm start`
 * starts them for an app on `port` of localhost; `env` adds to the app's environment.
 */
export function resolveTenantsFile(
  file: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ResolvedConfig> {
  return resolveIdentityProvider(
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
}

/**
 * The app with a tenants file, as `TENANTS_FILE=tenants.example.json npm start` runs it: Acme
 * and Globex at `{tenant}.localhost:{port}` (or, resolved by path, at `localhost:{port}/t/{tenant}`
 * as `tenants.path.example.json` has them), each signing in at its own development org (by
 * default both on Okta's hosted page). If anything cannot start, nothing is left running.
 */
export async function startTenantsStack({
  resolution = 'host',
  tenants,
  logDestination,
  env = {},
}: {
  resolution?: 'host' | 'path';
  /** The tenants file's tenants; by default Acme and Globex, both on the hosted page. */
  tenants?: Record<
    string,
    {
      displayName?: string;
      /** With `clientId` and `clientSecret`: a real org's, which a page can show without calling. */
      issuer?: string;
      clientId?: string;
      clientSecret?: string;
      signInMode?: 'redirect' | 'widget';
      clientAuthentication?: string;
      pushedAuthorizationRequests?: boolean | 'auto';
    }
  >;
  logDestination?: DestinationStream;
  /** More of the app's environment, such as `SIGN_IN_RATE_LIMIT_PER_MINUTE` or `REDIS_URL`. */
  env?: Record<string, string>;
} = {}): Promise<TenantsStack> {
  const held = await HeldPort.hold();
  const port = held.number;
  return startAll(async (started) => {
    started.add(held, (socket) => socket.release());
    const dir = started.add(mkdtempSync(join(tmpdir(), 'tenants-stack-')), (folder) =>
      Promise.resolve(rmSync(folder, { recursive: true, force: true })),
    );
    // By path, the README's example file as it is: nothing in it depends on the port.
    let file = join(__dirname, '..', '..', 'tenants.path.example.json');
    if (resolution === 'host' || tenants) {
      file = join(dir, 'tenants.json');
      const baseDomain = resolution === 'host' ? `localhost:${port}` : undefined;
      const config = { resolution, baseDomain, tenants: tenants ?? { acme: {}, globex: {} } };
      writeFileSync(file, JSON.stringify(config));
    }
    const resolved = await resolveTenantsFile(file, port, {
      LOG_LEVEL: logDestination ? 'info' : 'silent',
      ...env,
    });
    started.add(resolved, async ({ devOrgs, devIdentityProvider }) => {
      await Promise.all([...(devOrgs?.values() ?? [])].map((org) => org.stop()));
      await devIdentityProvider?.stop();
    });
    let app = await createApp({ config: resolved.config, logDestination });
    started.add(app, () => app.close());
    await held.listen(app);
    return {
      resolved,
      at: (tenant, path) =>
        resolution === 'host'
          ? `http://${tenant}.localhost:${port}${path}`
          : `http://localhost:${port}/t/${tenant}${path}`,
      issuerOf: (tenant) => resolved.devOrgs!.get(tenant)!.issuer,
      store: () => app.get(SessionStorage).store,
      // The new app binds the port the old one just let go: the one moment another could take it.
      async restartApp() {
        await app.close();
        app = await createApp({ config: resolved.config, logDestination });
        await app.listen(port, '127.0.0.1');
      },
      close: () => started.stopAll(),
    };
  });
}
