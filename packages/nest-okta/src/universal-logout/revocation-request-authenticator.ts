import type { AuthSettings, UniversalLogoutSettings } from '../options/auth-settings';
import type { SessionIndex } from '../session-index/session-index';
import { OrgSigningKeys } from './org-signing-keys';
import { ReplayGuard } from './replay-guard';
import { RevocationUnauthorizedError } from './revocation-errors';
import { verifyRevocationToken } from './revocation-token';
import { storeCall } from './session-store-calls';

/**
 * Decides whether a Universal Logout request comes from the Okta org: a bearer JWT signed by the
 * org authorization server's key, addressed to this endpoint, current, and never seen before.
 */
export class RevocationRequestAuthenticator {
  private readonly keys: OrgSigningKeys;

  constructor(
    private readonly settings: UniversalLogoutSettings,
    timeoutMs: number,
    private readonly replays: ReplayGuard,
  ) {
    this.keys = new OrgSigningKeys(settings.orgIssuer, timeoutMs);
  }

  /** The authenticator of a module's (or a tenant's) org. */
  static for(
    universalLogout: UniversalLogoutSettings,
    { providerTimeoutMs }: AuthSettings,
    sessionIndex: SessionIndex,
  ): RevocationRequestAuthenticator {
    // Token ids are recorded where the session index is, so every instance sees a replay.
    const replays = new ReplayGuard((id, ttlMs) => sessionIndex.recordOnce(id, ttlMs));
    return new RevocationRequestAuthenticator(universalLogout, providerTimeoutMs, replays);
  }

  /** Whether the org's requests may name a user by email (`UniversalLogoutSettings`). */
  get emailSubjects(): boolean {
    return this.settings.emailSubjects;
  }

  async authenticate(token: string): Promise<void> {
    const { jti, acceptableUntil } = await verifyRevocationToken(token, await this.keys.get(), {
      issuer: this.settings.orgIssuer,
      audience: this.settings.audience,
    });
    const firstUse = await storeCall(
      'recording the token id',
      this.replays.firstUse(jti, acceptableUntil),
    );
    if (!firstUse) throw new RevocationUnauthorizedError('the token was used before (its jti)');
  }
}
