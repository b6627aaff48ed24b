import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Application, Request } from 'express';
import { clientKey } from './client-address';

const logger = new Logger('RateLimit');
const warnedApps = new WeakSet<Application>();

/**
 * Counts a request against a budget per client (`req.ip`, which honours the app's `trust proxy`;
 * an IPv6 /64 is one client), counted under `name` by the `rateLimitStorage` (this instance's
 * memory, unless the app gives one its instances share), so each budget is its own. Resolves to the seconds to wait when the request is over it.
 */
export async function overBudget(
  storage: ThrottlerStorage,
  name: string,
  req: Request,
  { limit, windowMs }: { limit: number; windowMs: number },
): Promise<number | undefined> {
  warnIfBehindUntrustedProxy(req);
  const key = `${name}:${clientKey(req.ip ?? req.socket.remoteAddress)}`;
  const { isBlocked, timeToBlockExpire } = await storage.increment(key, windowMs, limit, 0, name);
  return isBlocked ? Math.max(1, timeToBlockExpire) : undefined;
}

/**
 * A request that came through a proxy the app does not trust has the proxy's address as
 * `req.ip`: every client then shares one budget, and anyone can use it up for everyone.
 */
function warnIfBehindUntrustedProxy(req: Request): void {
  if (req.headers['x-forwarded-for'] === undefined || req.app.get('trust proxy')) return;
  if (warnedApps.has(req.app)) return;
  warnedApps.add(req.app);
  logger.warn(
    "Requests arrive through a proxy (they carry X-Forwarded-For), but Express's 'trust proxy' is off: every client counts as the proxy's address, so all share one rate-limit budget. Set app.set('trust proxy', …) to your proxies (TRUST_PROXY in the demo app).",
  );
}
