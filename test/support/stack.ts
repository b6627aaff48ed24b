import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../../src/app.setup';
import type { AppConfig } from '../../src/config/app-config';
import { readAppConfig as readConfig } from '../../src/read-app-config';
import { resolveIdentityProvider } from '../../src/dev-identity-provider/resolve-identity-provider';
import type { DestinationStream } from 'pino';
import { HeldPort } from './held-port';
import { startAll } from './started';

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
 * The development identity provider and the app, each on a loopback port of its own (the
 * provider's picked as it listens, the app's held from before it is built), wired the way
 * `npm start` wires them: the provider is a real peer over real HTTP. If either cannot start,
 * neither is left running.
 */
export async function startStack({
  globalAuthGuard = true,
  env = {},
  logDestination,
}: StackOptions = {}): Promise<Stack> {
  const port = await HeldPort.hold();
  const baseUrl = `http://127.0.0.1:${port.number}`;
  return startAll(async (started) => {
    started.add(port, (held) => held.release());
    const settings = readConfig({
      NODE_ENV: 'test',
      PORT: String(port.number),
      HOST: '127.0.0.1',
      APP_BASE_URL: baseUrl,
      DEV_IDP_PORT: '0',
      LOG_LEVEL: 'silent',
      ...env,
    });
    const { config, devIdentityProvider } = await resolveIdentityProvider(settings);
    if (devIdentityProvider) started.add(devIdentityProvider, (provider) => provider.stop());
    const app = started.add(await createApp({ config, globalAuthGuard, logDestination }), (nest) =>
      nest.close(),
    );
    await port.listen(app);
    return { app, config, baseUrl, issuer: config.okta.issuer, close: () => started.stopAll() };
  });
}

/** A started stack as the spec file's tests use it, with their address helpers. */
export interface UsedStack extends Omit<Stack, 'close'> {
  /** An address on the app: `url('/admin')`. */
  url: (path: string) => string;
  /** The redirect model's callback, where the provider sends the browser back. */
  callbackPrefix: () => string;
}

/**
 * One stack for the enclosing `describe` (or spec file): started before its tests and stopped
 * after them, even when they fail; a start that fails part-way stops what it started.
 */
export function useStack(options: StackOptions = {}): UsedStack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  });
  afterAll(async () => {
    await stack?.close();
  });
  const started = (): Stack => {
    if (!stack) throw new Error('the stack has not started');
    return stack;
  };
  return {
    get app() {
      return started().app;
    },
    get config() {
      return started().config;
    },
    get baseUrl() {
      return started().baseUrl;
    },
    get issuer() {
      return started().issuer;
    },
    url: (path) => `${started().baseUrl}${path}`,
    callbackPrefix: () => `${started().baseUrl}/authorization-code/callback`,
  };
}
