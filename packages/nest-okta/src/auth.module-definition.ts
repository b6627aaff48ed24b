import { ConfigurableModuleBuilder } from '@nestjs/common';
import type {
  AuthModuleOptions,
  MultiTenantAuthModuleOptions,
} from './options/auth-module-options';

/**
 * `AuthModule.forRoot(options)` and `AuthModule.forRootAsync({ imports, inject, useFactory })`,
 * one Okta app integration or several tenants' (`tenants`), with `isGlobal` (default `true`) so guards and services resolve in every module of the app.
 */
export const {
  ConfigurableModuleClass: ConfigurableAuthModule,
  MODULE_OPTIONS_TOKEN: AUTH_MODULE_OPTIONS,
  OPTIONS_TYPE: AUTH_MODULE_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: AUTH_MODULE_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<AuthModuleOptions | MultiTenantAuthModuleOptions>()
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createAuthModuleOptions')
  .setExtras({ isGlobal: true }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
