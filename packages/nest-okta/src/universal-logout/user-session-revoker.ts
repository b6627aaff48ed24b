import { Logger } from '@nestjs/common';
import type { SessionData, Store } from 'express-session';
import type { OidcClient } from '../oidc/oidc-client';
import type { AuthSettings } from '../options/auth-settings';
import type { SessionIndex } from '../session-index/session-index';
import type { UserSubject } from '../session-index/subject-key';
import type { TokenVault } from '../tokens/token-vault';
import { oktaUserFromClaims, type OktaUser } from '../user/okta-user';
import { passportEntryOf } from '../user/session-user';
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

type SessionOutcome = {
  found: boolean;
  revoked: boolean;
  revocationFailed: boolean;
  /** The refresh token this pass revoked (or tried to), so a later pass need not again. */
  refreshToken?: string;
};

/**
 * Ends every session the session index knows for a user, through the session store itself
 * (`req.sessionStore`), so every instance sharing the store sees the user signed out at once:
 * each session is destroyed, then its tokens are read and removed, its refresh token is revoked
 * at the provider and its index entries forgotten. Access tokens live on to their expiry, as
 * Okta's guide allows; nothing in this app hands them out once the session is gone.
 */
export class UserSessionRevoker {
  private readonly logger = new Logger('UniversalLogout');
  private readonly settling = new Set<NodeJS.Timeout>();
  private readonly settleDelayMs: number;
  private readonly groupsClaim: string;

  constructor(
    private readonly oidc: OidcClient,
    private readonly sessionIndex: SessionIndex,
    private readonly vault: TokenVault,
    { providerTimeoutMs, groupsClaim }: AuthSettings,
  ) {
    this.groupsClaim = groupsClaim;
    // Longer than a request can take: the slowest wait on the provider, then a second to finish.
    this.settleDelayMs = providerTimeoutMs + 1_000;
  }

  async endSessionsOf(subject: UserSubject, store: Store | undefined): Promise<SessionsEnded> {
    // express-session exposes no store while it considers the store disconnected.
    if (!store) throw new SessionStoreFailureError('the session store is not available');
    const ids = await storeCall('listing the sessions', this.sessionIndex.sessionsOf(subject));
    const outcomes = await Promise.all(ids.map((id) => this.endSession(store, id)));
    this.endAgainLater(
      store,
      ids.map((id, i) => ({ id, revokedToken: outcomes[i].refreshToken })),
    );
    return {
      sessions: outcomes.filter((o) => o.found).length,
      refreshTokensRevoked: outcomes.filter((o) => o.revoked).length,
      revocationFailures: outcomes.filter((o) => o.revocationFailed).length,
    };
  }

  private async endSession(store: Store, id: string): Promise<SessionOutcome> {
    const session = await storeCall('reading a session', readSession(store, id));
    const user = storedUser(session, id, this.groupsClaim);
    // The session goes before its tokens are read: a refresh stores its tokens only while the
    // session exists, and looks again after writing (TokenVault.saveWhileSessionExists), so
    // tokens it wrote before this point are read below, and it takes back any written after.
    await storeCall('destroying a session', destroySession(store, id));
    const tokens = await storeCall('reading its tokens', this.vault.readFrom(store, id));
    await storeCall('destroying its tokens', this.vault.removeFrom(store, id));
    const refreshToken = tokens?.refreshToken;
    const revoked = refreshToken ? await this.revoke(refreshToken) : false;
    if (user) await storeCall('updating the session index', this.sessionIndex.forget(id, user));
    return {
      found: session !== null,
      revoked,
      revocationFailed: !!refreshToken && !revoked,
      refreshToken,
    };
  }

  private async revoke(refreshToken: string): Promise<boolean> {
    try {
      await this.oidc.revoke(refreshToken, 'refresh_token');
      return true;
    } catch (error) {
      this.logger.warn(`A refresh token could not be revoked: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * A request of the user's that was already running may save its session as it ends (the idle
   * extension), writing it back after it was destroyed, or store the tokens of a refresh it had
   * started. Session ids are never reused, so ending the same ids once more after any such
   * request has finished is safe, and costs signed-in requests nothing: the session is destroyed
   * again, and tokens found beside it are removed and their refresh token revoked.
   */
  private endAgainLater(store: Store, ended: { id: string; revokedToken?: string }[]): void {
    if (ended.length === 0) return;
    const timer = setTimeout(() => {
      this.settling.delete(timer);
      Promise.all(ended.map((session) => this.endAgain(store, session))).catch((error: unknown) =>
        this.logger.warn(`Ended sessions could not be ended again: ${(error as Error).message}`),
      );
    }, this.settleDelayMs).unref();
    this.settling.add(timer);
  }

  private async endAgain(
    store: Store,
    { id, revokedToken }: { id: string; revokedToken?: string },
  ): Promise<void> {
    await destroySession(store, id);
    const tokens = await this.vault.readFrom(store, id);
    if (!tokens) return;
    await this.vault.removeFrom(store, id);
    this.logger.log('Tokens stored after their session ended were removed');
    const { refreshToken } = tokens;
    if (refreshToken && refreshToken !== revokedToken) await this.revoke(refreshToken);
  }

  close(): void {
    for (const timer of this.settling) clearTimeout(timer);
    this.settling.clear();
  }
}

/** The signed-in user a stored session holds, if it has the shape the module writes. */
function storedUser(
  session: SessionData | null,
  sessionId: string,
  groupsClaim: string,
): OktaUser | undefined {
  const user = passportEntryOf(session, sessionId)?.user;
  return user && oktaUserFromClaims(user.claims, groupsClaim);
}
