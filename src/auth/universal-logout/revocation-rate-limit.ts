import { Injectable } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import type { Request } from 'express';
import { AuthSettings, InjectAuthSettings } from '../options/auth-settings';

const THROTTLER_NAME = 'universal-logout';

/**
 * The Global Token Revocation endpoint's own budget per client address (`req.ip`), apart from
 * sign-in's: a flood of forged requests is turned away before any signature is checked, and
 * cannot use up the sign-in budget or the other way round. Counted in this instance's memory.
 */
@Injectable()
export class RevocationRateLimit {
  constructor(
    @InjectAuthSettings() private readonly settings: AuthSettings,
    private readonly storage: ThrottlerStorageService,
  ) {}

  /** Seconds to wait, when this request is over the budget; otherwise `undefined`. */
  async retryAfter(req: Request): Promise<number | undefined> {
    const limit = this.settings.universalLogout && this.settings.universalLogout.rateLimit;
    if (!limit) return undefined;
    const key = `${THROTTLER_NAME}:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(
      key,
      limit.windowMs,
      limit.limit,
      0,
      THROTTLER_NAME,
    );
    return isBlocked ? Math.max(1, timeToBlockExpire) : undefined;
  }
}
