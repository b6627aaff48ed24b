import { HttpStatus } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { SignInException } from '../errors/auth.exceptions';
import type { AuthSettings } from '../options/auth-settings';
import { overBudget } from '../request/request-budget';
import { tenantOf } from '../request/request-context';

const THROTTLER_NAME = 'sign-in';

/**
 * One budget per client (`req.ip`, which honours the app's `trust proxy`; an IPv6 /64 counts as
 * one client) for the whole
 * sign-in: starting it and every callback count against the same limit, so nobody can make the
 * app hammer the identity provider or fill the session store with sign-in transactions. Counted by
 * the `rateLimitStorage`.
 */
export class SignInRateLimit {
  constructor(
    private readonly settings: Pick<AuthSettings, 'signInRateLimit'>,
    private readonly storage: ThrottlerStorage,
  ) {}

  async count(req: Request, res: Response): Promise<void> {
    const limit = this.settings.signInRateLimit;
    if (!limit) return;
    // With tenants, each tenant's sign-ins have their own budget: one cannot lock out another.
    const tenant = tenantOf(req);
    const name = tenant === undefined ? THROTTLER_NAME : `${THROTTLER_NAME}:${tenant}`;
    const retryAfter = await overBudget(this.storage, name, req, limit);
    if (retryAfter === undefined) return;
    res.setHeader('Retry-After', String(retryAfter));
    throw new SignInException(
      HttpStatus.TOO_MANY_REQUESTS,
      'Too many sign-in attempts',
      'There have been too many sign-in attempts from your network. Wait a minute, then try again.',
    );
  }
}
