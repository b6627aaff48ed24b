import { Injectable } from '@nestjs/common';
import { type AuthSettings, InjectAuthSettings } from '../options/auth-settings';
import type { AuthRoute } from '../routes/auth-route';
import { SessionIndex } from '../session-index/session-index';
import { globalTokenRevocationRoute, type RevocationOrg } from './revocation-endpoint';
import { RevocationRateLimit } from './revocation-rate-limit';
import { RevocationRequestAuthenticator } from './revocation-request-authenticator';
import { UserSessionRevoker } from './user-session-revoker';

/**
 * The Global Token Revocation endpoint of a module serving one org: every request is checked
 * against that org, and ends the sessions signed in through the configured issuer.
 */
@Injectable()
export class GlobalTokenRevocationRoutes {
  constructor(
    @InjectAuthSettings() private readonly settings: AuthSettings,
    private readonly rateLimit: RevocationRateLimit,
    private readonly revoker: UserSessionRevoker,
    private readonly sessionIndex: SessionIndex,
  ) {}

  /** None unless the `universalLogout` option is given. */
  routes(): AuthRoute[] {
    const { universalLogout, issuer } = this.settings;
    if (!universalLogout) return [];
    const org: RevocationOrg = {
      orgIssuer: universalLogout.orgIssuer,
      authenticator: RevocationRequestAuthenticator.for(
        universalLogout,
        this.settings,
        this.sessionIndex,
      ),
      sessions: [{ issuer, revoker: this.revoker }],
    };
    return [globalTokenRevocationRoute(universalLogout.path, this.rateLimit, () => org)];
  }
}
