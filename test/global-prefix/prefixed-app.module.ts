import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule, type AuthModuleOptions, type MultiTenantAuthModuleOptions } from 'nest-okta';
import { ReportsController } from '../adoption-proof/app/src/app.module';

/**
 * The README's adoption app (its controller: `@Public()`, the global guard, `@Groups()`, the
 * sign-out form's token) with its options given directly, for `app.setGlobalPrefix('app')`.
 */
@Module({})
export class PrefixedAppModule {
  static with(options: AuthModuleOptions | MultiTenantAuthModuleOptions): DynamicModule {
    return {
      module: PrefixedAppModule,
      imports: [AuthModule.forRoot(options)],
      controllers: [ReportsController],
    };
  }
}
