import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import session from 'express-session';
import {
  AuthModule,
  CurrentUser,
  type AuthTenantsOptions,
  type OktaUser,
  type UniversalLogoutOptions,
} from 'nest-okta';
import { createSessionStorage, SessionStorage } from '../../src/session/session-storage';
import { redisAt } from './redis-server';
import type { ProviderClient } from './app-instance';
import type { HeldPort } from './held-port';
import { startAll } from './started';

@Controller()
class MeController {
  @Get('api/me')
  me(@CurrentUser() user: OktaUser) {
    return user.claims;
  }
}

export interface UniversalLogoutApp {
  baseUrl: string;
  url(path: string): string;
  storage: SessionStorage;
  close(): Promise<void>;
}

/**
 * A Nest app adopting AuthModule with Universal Logout configured by options, as a team would:
 * here trusting an org of the test's own. Its users sign in at `client`'s provider, or at the
 * `tenants`' orgs. With `redisUrl` its sessions and session index live in that Redis, with the
 * app's own storage, so it shares them with app instances on the same Redis. The port is the
 * app's from here on; if the app cannot start, its port and its Redis connection are let go.
 */
export function startUniversalLogoutApp({
  port,
  universalLogout,
  redisUrl,
  ...signIn
}: {
  port: HeldPort;
  universalLogout: UniversalLogoutOptions;
  redisUrl?: string;
} & ({ client: ProviderClient } | { tenants: AuthTenantsOptions })): Promise<UniversalLogoutApp> {
  const baseUrl = `http://127.0.0.1:${port.number}`;
  return startAll(async (started) => {
    started.add(port, (held) => held.release());
    const storage = started.add(
      await createSessionStorage(redisUrl ? redisAt(redisUrl) : { kind: 'memory' }),
      (sessions) => sessions.onApplicationShutdown(),
    );
    const shared = { universalLogout, sessionIndex: storage.sessionIndex };

    @Module({
      imports: [
        AuthModule.forRoot(
          'tenants' in signIn
            ? { ...shared, tenants: signIn.tenants }
            : {
                ...shared,
                issuer: signIn.client.provider.issuer,
                clientId: signIn.client.clientId,
                clientSecret: signIn.client.clientSecret,
                redirectUri: `${baseUrl}/authorization-code/callback`,
                postLogoutRedirectUri: baseUrl,
                scopes: ['openid', 'profile', 'email', 'offline_access'],
              },
        ),
      ],
      controllers: [MeController],
    })
    class UniversalLogoutAppModule {}

    const app = started.add(
      await NestFactory.create<NestExpressApplication>(UniversalLogoutAppModule, {
        logger: false,
      }),
      (nest) => nest.close(),
    );
    app.use(
      session({
        secret: 'a-universal-logout-test-app-secret',
        store: storage.store,
        resave: false,
        saveUninitialized: false,
        cookie: { httpOnly: true, sameSite: 'lax' },
      }),
    );
    await port.listen(app);
    return {
      baseUrl,
      url: (path) => `${baseUrl}${path}`,
      storage,
      close: () => started.stopAll(),
    };
  });
}
