import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { Request } from 'express';
import { AuthModule, CurrentUser, type OktaUser, type TenantAuthOptions } from 'nest-okta';
import type { HeldPort } from '../support/held-port';
import { startAll } from '../support/started';
import { startForeignApp } from './start-foreign-app';

@Controller()
class WhoAmIController {
  @Get('api/whoami')
  whoami(@CurrentUser() user: OktaUser) {
    return { email: user.email, tenant: user.tenant };
  }
}

/**
 * An app that names its tenants itself: each customer's own domain maps to its tenant id, as
 * a SaaS with custom domains would look them up.
 */
@Module({})
export class TenantAppModule {
  static forTenants(
    byId: Record<string, TenantAuthOptions>,
    tenantOfHost: Record<string, string>,
  ): DynamicModule {
    return {
      module: TenantAppModule,
      imports: [
        AuthModule.forRoot({
          tenants: {
            resolve: (req: Request) =>
              Object.hasOwn(tenantOfHost, req.hostname) ? tenantOfHost[req.hostname] : undefined,
            byId,
          },
        }),
      ],
      controllers: [WhoAmIController],
    };
  }
}

/**
 * The tenant app on `port`, its tenants at `{tenant}.localhost`, as a team's `main.ts` starts
 * it (see startForeignApp). If it cannot start, it is closed and its port let go.
 */
export function startTenantApp(
  byId: Record<string, TenantAuthOptions>,
  port: HeldPort,
  sessionSecret: string,
): Promise<NestExpressApplication> {
  const tenantOfHost = Object.fromEntries(Object.keys(byId).map((id) => [`${id}.localhost`, id]));
  return startAll(async (started) => {
    started.add(port, (held) => held.release());
    const moduleRef = await Test.createTestingModule({
      imports: [TenantAppModule.forTenants(byId, tenantOfHost)],
    }).compile();
    const app = started.add(
      moduleRef.createNestApplication<NestExpressApplication>({ logger: false }),
      (nest) => nest.close(),
    );
    await startForeignApp(app, port, sessionSecret);
    return app;
  });
}
