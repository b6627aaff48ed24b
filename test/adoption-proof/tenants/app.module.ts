import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { AuthModule, type MultiTenantAuthModuleOptions, type TenantOptions } from 'nest-okta';
import { ReportsController } from './readme-app.module.js';

/**
 * Under APP_URL (the app's URL with its global prefix), each tenant's pages and sign-in are at
 * {APP_URL}/t/{tenant}/…; both tenants sign in at one org with one client here.
 */
function tenant(config: ConfigService, id: string): TenantOptions {
  const home = `${config.getOrThrow<string>('APP_URL')}/t/${id}`;
  return {
    issuer: config.getOrThrow<string>('OKTA_ISSUER'),
    clientId: config.getOrThrow<string>('OKTA_CLIENT_ID'),
    clientSecret: config.getOrThrow<string>('OKTA_CLIENT_SECRET'),
    redirectUri: `${home}/authorization-code/callback`,
    postLogoutRedirectUri: home,
  };
}

const pathTenants = (config: ConfigService): MultiTenantAuthModuleOptions => ({
  tenants: {
    resolve: 'path',
    byId: { acme: tenant(config, 'acme'), globex: tenant(config, 'globex') },
  },
});

/** The README's app, with path tenants acme and globex in place of its one org. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true }),
    AuthModule.forRootAsync({ inject: [ConfigService], useFactory: pathTenants }),
  ],
  controllers: [ReportsController],
})
export class AppModule {}
