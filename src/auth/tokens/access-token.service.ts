import { Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { signedInUser } from '../access/signed-in-user';
import { SignInRequiredException } from '../errors/auth.exceptions';
import { providerFailureToHttp } from '../errors/provider-failure';
import { OidcClient } from '../oidc/oidc-client';
import { TokenEndpointError } from '../oidc/oidc.errors';
import { accessTokenExpiresAt } from '../user/okta-user';
import { logOut } from '../user/passport-session';
import type { SessionUser } from '../user/session-user';

/** Refresh a little early, so a token does not expire on its way to the downstream API. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * Hands out the signed-in user's access token for calls to downstream APIs, refreshing it first
 * when it has expired (which needs the `offline_access` scope). A refused refresh ends the
 * session: the user signs in again rather than carrying a session that can no longer act.
 */
@Injectable()
export class AccessTokenService {
  private readonly logger = new Logger(AccessTokenService.name);
  /** One refresh per session at a time: rotating refresh tokens may be used only once. */
  private readonly refreshing = new Map<string, Promise<SessionUser>>();

  constructor(private readonly oidc: OidcClient) {}

  async accessTokenFor(req: Request): Promise<string> {
    const user = signedInUser(req) as SessionUser | undefined;
    if (!user) throw new SignInRequiredException(req.originalUrl);
    const expiresAt = user.tokens.accessTokenExpiresAt;
    if (expiresAt === undefined || expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
      return user.tokens.accessToken;
    }
    let refresh = this.refreshing.get(req.sessionID);
    if (!refresh) {
      refresh = this.refresh(req, user).finally(() => this.refreshing.delete(req.sessionID));
      this.refreshing.set(req.sessionID, refresh);
    }
    return (await refresh).tokens.accessToken;
  }

  private async refresh(req: Request, user: SessionUser): Promise<SessionUser> {
    const { refreshToken } = user.tokens;
    if (!refreshToken) return this.endSession(req, 'access token expired and no refresh token');
    let tokens;
    try {
      tokens = await this.oidc.grant({ grant_type: 'refresh_token', refresh_token: refreshToken });
    } catch (error) {
      // invalid_grant: the refresh token expired or was revoked (at sign-out elsewhere, say).
      if (error instanceof TokenEndpointError && error.error === 'invalid_grant') {
        return this.endSession(req, `refresh refused: ${error.message}`);
      }
      throw providerFailureToHttp(error, 'request') ?? error;
    }
    const refreshed: SessionUser = {
      ...user,
      tokens: {
        ...user.tokens,
        accessToken: tokens.access_token,
        // Okta rotates refresh tokens unless the app is set to reuse them.
        refreshToken: tokens.refresh_token ?? refreshToken,
        accessTokenExpiresAt: accessTokenExpiresAt(tokens),
        scope: typeof tokens.scope === 'string' ? tokens.scope : user.tokens.scope,
      },
    };
    const session = req.session as typeof req.session & { passport?: { user?: SessionUser } };
    session.passport = { user: refreshed };
    req.user = refreshed;
    await new Promise<void>((resolve, reject) =>
      req.session.save((err?: Error) => (err ? reject(err) : resolve())),
    );
    return refreshed;
  }

  private async endSession(req: Request, reason: string): Promise<never> {
    this.logger.log(`Ending session: ${reason}`);
    await logOut(req);
    throw new SignInRequiredException(req.originalUrl);
  }
}
