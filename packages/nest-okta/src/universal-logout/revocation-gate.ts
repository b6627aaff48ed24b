import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { sendFailure, sendSlowDown } from './revocation-answers';
import { RevocationUnauthorizedError } from './revocation-errors';
import type { RevocationOrg, RevocationOrgFor } from './revocation-org';
import type { RevocationRateLimit } from './revocation-rate-limit';

/**
 * Whether a Universal Logout request comes from an Okta org the endpoint trusts, decided from its
 * headers alone: the rate limit, then the bearer token against the keys of the org its `iss`
 * names. `beforeBody` runs it ahead of every body parser, so the body of a request not proven
 * to come from the org is never read: such a client gets 401 (or 429, 503) whatever it sent,
 * and costs no parsing. Each request is checked once (the token's `jti` is spent by it).
 */
export class RevocationGate {
  private readonly admitted = new WeakMap<Request, RevocationOrg>();

  constructor(
    private readonly rateLimit: RevocationRateLimit,
    private readonly orgFor: RevocationOrgFor,
  ) {}

  /**
   * Middleware for the app's own Express instance, mounted before the app's body parsers: the
   * endpoint's requests (`isEndpoint`) are admitted or answered here, everything else passes.
   */
  beforeBody(isEndpoint: (req: Request) => boolean): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (req.method !== 'POST' || !isEndpoint(req)) {
        next();
        return;
      }
      this.admit(req, res).then((org) => {
        if (org) next();
      }, next);
    };
  }

  /**
   * The org that sent `req`, proven, as `beforeBody` found it or (when the gate could not be
   * mounted, or a path it did not expect reached the endpoint) found now; `undefined` once the
   * refusal is answered.
   */
  orgOf(req: Request, res: Response): Promise<RevocationOrg | undefined> {
    const org = this.admitted.get(req);
    return org ? Promise.resolve(org) : this.admit(req, res);
  }

  private async admit(req: Request, res: Response): Promise<RevocationOrg | undefined> {
    const retryAfter = await this.rateLimit.retryAfter(req);
    if (retryAfter !== undefined) {
      sendSlowDown(res, retryAfter);
      return undefined;
    }
    try {
      const token = bearerToken(req.get('authorization'));
      const org = this.orgFor(token);
      if (!org)
        throw new RevocationUnauthorizedError('the token names no org this endpoint trusts');
      await org.authenticator.authenticate(token);
      this.admitted.set(req, org);
      return org;
    } catch (error) {
      sendFailure(req, res, error);
      return undefined;
    }
  }
}

function bearerToken(authorization: string | undefined): string {
  const token = /^Bearer +(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new RevocationUnauthorizedError('no bearer token');
  return token;
}
