import type { ThrottlerStorageService } from '@nestjs/throttler';
import type { Request } from 'express';
import { clientKey } from './client-address';

/**
 * Counts a request against a budget per client (`req.ip`, which honours the app's `trust proxy`;
 * an IPv6 /64 is one client), kept in this instance's memory by @nestjs/throttler's storage under `name`, so
 * each budget is its own. Resolves to the seconds to wait when the request is over it.
 */
export async function overBudget(
  storage: ThrottlerStorageService,
  name: string,
  req: Request,
  { limit, windowMs }: { limit: number; windowMs: number },
): Promise<number | undefined> {
  const key = `${name}:${clientKey(req.ip ?? req.socket.remoteAddress)}`;
  const { isBlocked, timeToBlockExpire } = await storage.increment(key, windowMs, limit, 0, name);
  return isBlocked ? Math.max(1, timeToBlockExpire) : undefined;
}
