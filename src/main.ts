import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.setup';
import { ConfigError } from './config/config.error';
import { loadEnvFile } from './config/load-env-file';
import { readConfig } from './config/read-config';
import { resolveIdentityProvider } from './dev-identity-provider/resolve-identity-provider';
import { demoUsersHint } from './dev-identity-provider/demo-users';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  loadEnvFile();
  const { config, devIdentityProvider } = await resolveIdentityProvider(readConfig(process.env));
  if (devIdentityProvider) {
    process.once('exit', () => void devIdentityProvider.stop());
    logger.warn(
      `No OKTA_ISSUER set: signing in with the development identity provider at ${config.okta.issuer}. ${demoUsersHint()}`,
    );
  }
  const app = await createApp({ config });
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  logger.log(`Listening on ${config.baseUrl} (bound to ${config.host}:${config.port})`);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
