import { HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SignInException } from '../errors/auth.exceptions';
import type { SessionIndex } from '../session-index/session-index';
import type { SignOut } from '../sign-out/sign-out';
import { SessionStoreFailureError } from './revocation-errors';
import type { UserSessionRevoker } from './user-session-revoker';

/**
 * "Sign out everywhere": the user ends every session they have in this app (other browsers,
 * other devices, every instance sharing the session store), their refresh tokens are revoked,
 * and then this browser signs out at Okta like an ordinary sign-out. A POST with the session's
 * CSRF token, checked by the ordinary sign-out before anything ends.
 */
export class SignOutEverywhere {
  private readonly logger = new Logger('SignOutEverywhere');

  constructor(
    private readonly signOut: SignOut,
    private readonly revoker: UserSessionRevoker,
    private readonly sessionIndex: SessionIndex,
  ) {}

  signOutEverywhere(req: Request, res: Response): Promise<void> {
    return this.signOut.signOut(req, res, async (user) => {
      const ended = await this.revoker
        .endSessionsOf(this.sessionIndex.subjectOf(user), req.sessionStore)
        .catch((error: unknown) => {
          if (!(error instanceof SessionStoreFailureError)) throw error;
          throw new SignInException(
            HttpStatus.SERVICE_UNAVAILABLE,
            'Sign-out everywhere is unavailable',
            'Your other sessions cannot be reached right now, so none has ended. Please try again in a moment.',
            { cause: error },
          );
        });
      this.logger.log(
        `${ended.sessions} session(s) ended, ${ended.refreshTokensRevoked} refresh token(s) revoked`,
      );
    });
  }
}
