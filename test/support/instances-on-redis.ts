import {
  type AppInstance,
  freePorts,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './app-instance';
import { RedisServer } from './redis-server';

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
 * 127.0.0.1 to both ports, as a browser would to the one host name in front of both.
 */
export async function startInstancesOnRedis(
  provider: Parameters<typeof startSharedProvider>[1] = {},
  env: Record<string, string> = {},
): Promise<InstancesOnRedis> {
  const redis = await RedisServer.start();
  const [portA, portB] = await freePorts(2);
  const client = await startSharedProvider([portA, portB], provider);
  const shared = {
    APP_BASE_URL: `http://127.0.0.1:${portA}`,
    REDIS_URL: redis.url,
    SESSION_SECRET: 'a-shared-secret-both-instances-sign-cookies-with',
    ...env,
  };
  const a = await startAppInstance(portA, client, shared);
  const b = await startAppInstance(portB, client, shared);
  return {
    redis,
    client,
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await client.provider.stop();
      await redis.stop();
    },
  };
}
