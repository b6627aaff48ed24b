import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import type { Request } from 'express';
import { AuthModule, CurrentUser, type OktaUser, type TenantAuthOptions } from '../../src/auth';

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
