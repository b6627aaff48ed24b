import { GLOBAL_TOKEN_REVOCATION_PATH } from '../../src/dev-identity-provider/global-token-revocation';
import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './app-instance';
import { HeldPort } from './held-port';
import { RedisServer } from './redis-server';
import { startAll } from './started';

export interface SharingInstances {
  client: ProviderClient;
  a: AppInstance;
  b: AppInstance;
  close(): Promise<void>;
}

export interface InstancesOnRedis extends SharingInstances {
  redis: RedisServer;
}

/**
 * Two instances of the app behind one (imaginary) load balancer, sharing sessions in a real
 * redis-server and one client at the provider. The cookie jar sends the session cookie for
 * 127.0.0.1 to both ports, as a browser would to the one host name in front of both. If any of
 * them cannot start, none is left running.
 */
export function startInstancesOnRedis(
  provider: Parameters<typeof startSharedProvider>[1] = {},
  env: Record<string, string> = {},
): Promise<InstancesOnRedis> {
  return startAll(async (started) => {
    const redis = started.add(await RedisServer.start(), (server) => server.stop());
    const instances = await startInstancesSharing({ REDIS_URL: redis.url, ...env }, provider);
    started.add(instances, (running) => running.close());
    return { redis, ...instances, close: () => started.stopAll() };
  });
}

/**
 * `startInstancesOnRedis` for a Redis the caller started, named in `env` (REDIS_URL,
 * REDIS_CLUSTER_NODES or REDIS_SENTINELS): the provider and both instances, or none of them.
 */
export function startInstancesSharing(
  env: Record<string, string>,
  provider: Parameters<typeof startSharedProvider>[1] = {},
): Promise<SharingInstances> {
  return startAll(async (started) => {
    const [portA, portB] = await HeldPort.holdSeveral(2);
    for (const port of [portA, portB]) started.add(port, (held) => held.release());
    const publicUrl = `http://127.0.0.1:${portA.number}`;
    const client = started.add(
      await startSharedProvider([portA.number, portB.number], {
        // With Universal Logout on, the provider sends it to the instances' public endpoint.
        universalLogoutEndpoint:
          env.OKTA_UNIVERSAL_LOGOUT === 'true'
            ? `${publicUrl}${GLOBAL_TOKEN_REVOCATION_PATH}`
            : undefined,
        ...provider,
      }),
      (shared) => shared.provider.stop(),
    );
    const shared = {
      APP_BASE_URL: publicUrl,
      SESSION_SECRET: 'a-shared-secret-both-instances-sign-cookies-with',
      ...env,
    };
    const a = started.add(await startAppInstance(portA, client, shared), (app) => app.close());
    const b = started.add(await startAppInstance(portB, client, shared), (app) => app.close());
    return { client, a, b, close: () => started.stopAll() };
  });
}
