import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.setup';
import type { AppConfig } from '../../src/config/app-config';
import { readAppConfig as readConfig } from '../../src/read-app-config';
import { resolveIdentityProvider } from '../../src/dev-identity-provider/resolve-identity-provider';
import type { DestinationStream } from 'pino';
import { freePort } from './free-port';

export interface Stack {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  issuer: string;
  close(): Promise<void>;
}

export interface StackOptions {
  globalAuthGuard?: boolean;
  env?: Record<string, string>;
  logDestination?: DestinationStream;
}

/**
 * The development identity provider and the app, each on a free loopback port, wired the way
 * `npm start` wires them: the provider is a real peer over real HTTP.
 */
export async function startStack({
  globalAuthGuard = true,
  env = {},
  logDestination,
}: StackOptions = {}): Promise<Stack> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const settings = readConfig({
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_BASE_URL: baseUrl,
    DEV_IDP_PORT: '0',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const { config, devIdentityProvider } = await resolveIdentityProvider(settings);
  const app = await createApp({ config, globalAuthGuard, logDestination });
  await app.listen(port, '127.0.0.1');
  return {
    app,
    config,
    baseUrl,
    issuer: config.okta.issuer,
    async close() {
      await app.close();
      await devIdentityProvider?.stop();
    },
  };
}
