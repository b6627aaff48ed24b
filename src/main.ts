import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.setup';
import { AuthOptionsError } from 'nest-okta';
import { ConfigError } from './config/config.error';
import { loadEnvFile } from './config/load-env-file';
import { demoUsersHint } from 'okta-dev-idp';
import { readAppConfig } from './read-app-config';
import { resolveIdentityProvider } from './dev-identity-provider/resolve-identity-provider';

async function bootstrap(): Promise<void> {
  loadEnvFile();
  const { config, devIdentityProvider, devIdentityProviderWarning, devOrgs } =
    await resolveIdentityProvider(readAppConfig(process.env));
  // Each tenant's development org is a process of its own: it must not outlive the app.
  process.once('exit', () => devOrgs?.forEach((org) => void org.stop()));
  const app = await createApp({ config });
  const logger = new Logger('Bootstrap');
  if (config.relaxedPostureWarning) logger.warn(config.relaxedPostureWarning);
  if (devIdentityProvider) {
    // Stopped after the app, so in-flight sign-ins can still reach it during shutdown.
    process.once('exit', () => void devIdentityProvider.stop());
    // With tenants, each signs in at its own org, listed below once the app listens.
    if (!config.tenants) {
      logger.warn(
        `No OKTA_ISSUER set: signing in with the development identity provider at ${config.okta.issuer}. ${demoUsersHint()}`,
      );
    }
    if (devIdentityProviderWarning) logger.warn(devIdentityProviderWarning);
  }
  // SIGTERM and SIGINT close the server (in-flight requests finish) and the session store.
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.log(`Listening on ${config.baseUrl} (bound to ${config.host}:${config.port})`);
  for (const tenant of config.tenants?.tenants.values() ?? []) {
    logger.log(`Tenant ${tenant.id}: ${tenant.baseUrl}, signing in at ${tenant.issuer}`);
  }
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof AuthOptionsError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
