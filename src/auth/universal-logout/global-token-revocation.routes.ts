import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AuthSettings, InjectAuthSettings } from '../options/auth-settings';
import type { AuthRoute } from '../routes/auth-route';
import { SessionIndex } from '../session-index/session-index';
import type { UserSubject } from '../session-index/subject-key';
import { ReplayGuard } from './replay-guard';
import { RevocationRateLimit } from './revocation-rate-limit';
import { RevocationRequestAuthenticator } from './revocation-request-authenticator';
import { revocationSubject } from './revocation-subject';
import { describeSubject, FailureAnswer, failureAnswer } from './revocation-answers';
import { MalformedRevocationRequestError, RevocationIncompleteError } from './revocation-errors';
import { UserSessionRevoker } from './user-session-revoker';

/**
 * Okta's Universal Logout: the Global Token Revocation endpoint. Okta POSTs the user to sign out
 * (`{"subject": …}`) with a bearer JWT from the org authorization server; every session of that
 * user ends and their refresh tokens are revoked. Authentication is checked first, so nothing
 * about a request (not even whether its body makes sense) is acted on before it is proven to come
 * from the org. Okta reads only the status: 204 signed out (also when there was nothing to end),
 * 400 malformed, 401 not from the org, 422 not (fully) signed out, 429 and 503 try again later.
 */
@Injectable()
export class GlobalTokenRevocationRoutes {
  private readonly logger = new Logger('UniversalLogout');

  constructor(
    @InjectAuthSettings() private readonly settings: AuthSettings,
    private readonly rateLimit: RevocationRateLimit,
    private readonly revoker: UserSessionRevoker,
    private readonly sessionIndex: SessionIndex,
  ) {}

  /** None unless the `universalLogout` option is given. */
  routes(): AuthRoute[] {
    const { universalLogout, providerTimeoutMs } = this.settings;
    if (!universalLogout) return [];
    const replays = new ReplayGuard((id, ttlMs) => this.sessionIndex.recordOnce(id, ttlMs));
    const authenticator = new RevocationRequestAuthenticator(
      universalLogout,
      providerTimeoutMs,
      replays,
    );
    return [
      {
        method: 'POST',
        path: universalLogout.path,
        handle: (req, res) => this.revoke(req, res, authenticator),
      },
    ];
  }

  private async revoke(
    req: Request,
    res: Response,
    authenticator: RevocationRequestAuthenticator,
  ): Promise<void> {
    const retryAfter = await this.rateLimit.retryAfter(req);
    if (retryAfter !== undefined) {
      res.setHeader('Retry-After', String(retryAfter));
      const body = { error: 'slow_down', error_description: 'Too many requests.' };
      this.answer(
        res,
        { status: HttpStatus.TOO_MANY_REQUESTS, body },
        'Universal Logout: rate limit',
      );
      return;
    }
    let subject: UserSubject | undefined;
    try {
      await authenticator.authenticate(req.get('authorization'));
      subject = this.subjectOf(req);
      const ended = await this.revoker.endSessionsOf(subject, req.sessionStore);
      const outcome = `${ended.sessions} session(s) ended, ${ended.refreshTokensRevoked} refresh token(s) revoked`;
      if (ended.revocationFailures > 0) {
        throw new RevocationIncompleteError(`${outcome}, ${ended.revocationFailures} not`);
      }
      this.logger.log(`Universal Logout (${describeSubject(subject)}): ${outcome}: 204`);
      res.status(HttpStatus.NO_CONTENT).end();
    } catch (error) {
      const failure = failureAnswer(error);
      if (!failure) throw error;
      if (failure.status === 401) {
        // RFC 6750: an error code only when credentials were sent.
        const sent = req.get('authorization') !== undefined;
        res.setHeader('WWW-Authenticate', sent ? 'Bearer error="invalid_token"' : 'Bearer');
      }
      const who = subject ? ` (${describeSubject(subject)})` : '';
      const reason = (error as Error).message;
      this.answer(res, failure, `Universal Logout${who} not done: ${reason}`);
    }
  }

  /**
   * The user the JSON body names. Okta user ids are the same under the org authorization server
   * and its custom ones, so a subject named by the org's issuer is the user the app's ID tokens
   * (from the configured issuer) named.
   */
  private subjectOf(req: Request): UserSubject {
    if (!req.is('application/json')) {
      throw new MalformedRevocationRequestError('the body is not application/json');
    }
    const subject = revocationSubject(req.body);
    const { universalLogout, issuer } = this.settings;
    if (
      subject.format === 'iss_sub' &&
      universalLogout &&
      subject.iss.replace(/\/+$/, '') === universalLogout.orgIssuer
    ) {
      return { ...subject, iss: issuer };
    }
    return subject;
  }

  private answer(res: Response, { status, body }: FailureAnswer, logLine: string): void {
    this.logger.warn(`${logLine}: ${status}`);
    res.status(status).json(body);
  }
}
