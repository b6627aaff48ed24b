import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './app-instance';
import { HeldPort } from './held-port';
import { RedisServer } from './redis-server';
import { startAll } from './started';

export interface InstancesOnRedis {
  redis: RedisServer;
  client: ProviderClient;
  a: AppInstance;
  b: AppInstance;
  close(): Promise<void>;
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
    const [portA, portB] = await HeldPort.holdSeveral(2);
    for (const port of [portA, portB]) started.add(port, (held) => held.release());
    const client = started.add(
      await startSharedProvider([portA.number, portB.number], provider),
      (shared) => shared.provider.stop(),
    );
    const shared = {
      APP_BASE_URL: `http://127.0.0.1:${portA.number}`,
      REDIS_URL: redis.url,
      SESSION_SECRET: 'a-shared-secret-both-instances-sign-cookies-with',
      ...env,
    };
    const a = started.add(await startAppInstance(portA, client, shared), (app) => app.close());
    const b = started.add(await startAppInstance(portB, client, shared), (app) => app.close());
    return { redis, client, a, b, close: () => started.stopAll() };
  });
}
