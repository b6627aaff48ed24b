import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { createApp } from '../../src/app.setup';
import type { AppConfig } from '../../src/config/app-config';
import { readAppConfig as readConfig } from '../../src/read-app-config';
import { resolveIdentityProvider } from '../../src/dev-identity-provider/resolve-identity-provider';
import { launchDevIdentityProvider, type RunningIdentityProvider } from 'okta-dev-idp';
import type { HeldPort } from './held-port';
import { startAll } from './started';

export interface ProviderClient {
  provider: RunningIdentityProvider;
  clientId: string;
  clientSecret: string;
}

/**
 * The development identity provider on a port of its own, registering one client for several
 * app instances, as one Okta org serves every instance behind a load balancer.
 */
export async function startSharedProvider(
  appPorts: number[],
  options: {
    port?: number;
    accessTokenTtlSeconds?: number;
    refreshTokenGracePeriodSeconds?: number;
    /** Where the provider sends Universal Logout: the instances' common Global Token Revocation URL. */
    universalLogoutEndpoint?: string;
    /** The issuer it names, when apps reach it through something else (a `ProviderProxy`). */
    issuer?: string;
  } = {},
): Promise<ProviderClient> {
  const clientId = 'shared-client';
  const clientSecret = 'a-test-client-secret-that-is-long-enough';
  const provider = await launchDevIdentityProvider({
    port: options.port ?? 0,
    host: '127.0.0.1',
    issuer: options.issuer,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    refreshTokenGracePeriodSeconds: options.refreshTokenGracePeriodSeconds,
    universalLogout: options.universalLogoutEndpoint
      ? { endpoint: options.universalLogoutEndpoint }
      : undefined,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: appPorts.map((p) => `http://127.0.0.1:${p}/authorization-code/callback`),
        post_logout_redirect_uris: appPorts.map((p) => `http://127.0.0.1:${p}`),
      },
    ],
  });
  return { provider, clientId, clientSecret };
}

export interface AppInstance {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * One instance of the app on `port`, configured like a deployment: an explicit Okta issuer.
 * Instances behind one load balancer share its public URL (`APP_BASE_URL` in `env`), and with
 * it the redirect URI; Passport's strategies are process-wide, so instances in one test process
 * must agree on them anyway. The port is the instance's from here on: freed if it cannot start.
 */
export function startAppInstance(
  port: HeldPort,
  client: ProviderClient,
  env: Record<string, string> = {},
  logDestination?: DestinationStream,
): Promise<AppInstance> {
  const baseUrl = `http://127.0.0.1:${port.number}`;
  return startAll(async (started) => {
    started.add(port, (held) => held.release());
    const { config } = await resolveIdentityProvider(
      readConfig({
        NODE_ENV: 'test',
        PORT: String(port.number),
        APP_BASE_URL: baseUrl,
        OKTA_ISSUER: client.provider.issuer,
        OKTA_CLIENT_ID: client.clientId,
        OKTA_CLIENT_SECRET: client.clientSecret,
        LOG_LEVEL: 'silent',
        ...env,
      }),
    );
    const app = started.add(await createApp({ config, logDestination }), (nest) => nest.close());
    await port.listen(app);
    return { app, config, baseUrl, url: (path) => `${baseUrl}${path}`, close: () => app.close() };
  });
}
