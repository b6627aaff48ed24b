import { Injectable, Logger } from '@nestjs/common';
import type { SessionData, Store } from 'express-session';
import { OidcClient } from '../oidc/oidc-client';
import { SessionIndex } from '../session-index/session-index';
import type { UserSubject } from '../session-index/subject-key';
import { isSessionUser, SessionUser } from '../user/session-user';
import { SessionStoreFailureError } from './revocation-errors';
import { destroySession, readSession, storeCall } from './session-store-calls';

/** What ending a user's sessions did. */
export interface SessionsEnded {
  /** Sessions found in the store and destroyed. */
  sessions: number;
  refreshTokensRevoked: number;
  /** Refresh tokens the identity provider could not be asked to revoke (it was unreachable). */
  revocationFailures: number;
}

type SessionOutcome = { found: boolean; revoked: boolean; revocationFailed: boolean };

/**
 * Ends every session the session index knows for a user, through the session store itself
 * (`req.sessionStore`), so every instance sharing the store sees the user signed out at once:
 * each session is read (for its refresh token), destroyed, then its refresh token is revoked at
 * the provider and its index entries forgotten. Access tokens live on to their expiry, as Okta's
 * guide allows; nothing in this app hands them out once the session is gone.
 */
@Injectable()
export class UserSessionRevoker {
  private readonly logger = new Logger('UniversalLogout');

  constructor(
    private readonly oidc: OidcClient,
    private readonly sessionIndex: SessionIndex,
  ) {}

  async endSessionsOf(subject: UserSubject, store: Store | undefined): Promise<SessionsEnded> {
    // express-session exposes no store while it considers the store disconnected.
    if (!store) throw new SessionStoreFailureError('the session store is not available');
    const ids = await storeCall('listing the sessions', this.sessionIndex.sessionsOf(subject));
    const outcomes = await Promise.all(ids.map((id) => this.endSession(store, id)));
    return {
      sessions: outcomes.filter((o) => o.found).length,
      refreshTokensRevoked: outcomes.filter((o) => o.revoked).length,
      revocationFailures: outcomes.filter((o) => o.revocationFailed).length,
    };
  }

  private async endSession(store: Store, id: string): Promise<SessionOutcome> {
    const session = await storeCall('reading a session', readSession(store, id));
    const user = storedUser(session);
    await storeCall('destroying a session', destroySession(store, id));
    const refreshToken = user?.tokens.refreshToken;
    let revoked = false;
    if (refreshToken) {
      try {
        await this.oidc.revoke(refreshToken, 'refresh_token');
        revoked = true;
      } catch (error) {
        this.logger.warn(`A refresh token could not be revoked: ${(error as Error).message}`);
      }
    }
    if (user) await storeCall('updating the session index', this.sessionIndex.forget(id, user));
    return { found: session !== null, revoked, revocationFailed: !!refreshToken && !revoked };
  }
}

/** The signed-in user a stored session holds, if it has the shape the module writes. */
function storedUser(session: SessionData | null): SessionUser | undefined {
  const user = (session as { passport?: { user?: unknown } } | null)?.passport?.user;
  return isSessionUser(user) ? user : undefined;
}
