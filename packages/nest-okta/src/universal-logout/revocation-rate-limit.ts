import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AuthSettings } from '../options/auth-settings';
import { overBudget } from '../request/request-budget';

const THROTTLER_NAME = 'universal-logout';

/**
 * The Global Token Revocation endpoint's own budget per client address (`req.ip`), apart from
 * sign-in's: a flood of forged requests is turned away before any signature is checked, and
 * cannot use up the sign-in budget or the other way round. Counted by the `rateLimitStorage`.
 */
export class RevocationRateLimit {
  constructor(
    private readonly settings: Pick<AuthSettings, 'universalLogout'>,
    private readonly storage: ThrottlerStorage,
  ) {}

  /** Seconds to wait, when this request is over the budget; otherwise `undefined`. */
  retryAfter(req: Request): Promise<number | undefined> {
    const limit = this.settings.universalLogout && this.settings.universalLogout.rateLimit;
    return limit
      ? overBudget(this.storage, THROTTLER_NAME, req, limit)
      : Promise.resolve(undefined);
  }
}
