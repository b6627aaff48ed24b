import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request } from 'express';
import { signedInUser } from '../user/signed-in-user';
import { SignInRequiredException, UnknownTenantException } from '../errors/auth.exceptions';
import { providerFailureToHttp } from '../errors/provider-failure';
import type { OidcClient, TokenSet } from '../oidc/oidc-client';
import { IdTokenValidationError, TokenEndpointError } from '../oidc/oidc.errors';
import { AUTH_SETTINGS, type AuthSettings } from '../options/auth-settings';
import type { OktaTokens } from '../user/okta-user';
import { logOut } from '../user/passport-session';
import { refreshOnce } from '../tokens/refresh-once';
import { refreshedTokens } from '../tokens/refreshed-tokens';
import { TokenVault } from '../tokens/token-vault';
import { ScopeRegistry } from '../scopes/scope-registry';
import { requestedPath, tenantOf } from '../request/request-context';

/** Refresh a little early, so a token does not expire on its way to the downstream API. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * Hands out the signed-in user's access token for calls to downstream APIs, refreshing it first
 * when it has expired (which needs the `offline_access` scope). A refused refresh ends the
 * session: the user signs in again rather than carrying a session that can no longer act. So
 * does a refresh whose ID token fails its checks (OpenID Connect Core 12.2: it must be valid and
 * name the session's user), and one that returns after its session ended; the tokens it brought
 * are then never stored, and its refresh token is revoked.
 *
 * A rotated refresh token works once, so a session is refreshed once at a time: within this
 * process by sharing the refresh in flight, across instances through the `refreshLock` option.
 * Tokens live in the `TokenVault`, so a refresh rewrites them there and leaves the session be.
 */
@Injectable()
export class AccessTokenService {
  private readonly logger = new Logger(AccessTokenService.name);
  private readonly refreshing = new Map<string, Promise<OktaTokens>>();

  constructor(
    private readonly registry: ScopeRegistry,
    private readonly vault: TokenVault,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** The OidcClient of the request's org (its tenant's, with tenants), for calls with its tokens. */
  oidcClientFor(req: Request): OidcClient {
    const scope = this.registry.scopeFor(req);
    if (!scope) throw new UnknownTenantException();
    return scope.oidc;
  }

  async accessTokenFor(req: Request): Promise<string> {
    if (!signedInUser(req)) throw new SignInRequiredException(requestedPath(req));
    const tokens = await this.vault.read(req);
    if (!tokens) return this.endSession(req, 'the session has no tokens (the store lost them)');
    const expiresAt = tokens.accessTokenExpiresAt;
    if (expiresAt === undefined || expiresAt - EXPIRY_MARGIN_MS > Date.now()) {
      return tokens.accessToken;
    }
    const sessionId = req.sessionID;
    let refresh = this.refreshing.get(sessionId);
    if (!refresh) {
      refresh = this.refreshEverywhereOnce(req, tokens).finally(() =>
        this.refreshing.delete(sessionId),
      );
      this.refreshing.set(sessionId, refresh);
    }
    return (await refresh).accessToken;
  }

  private refreshEverywhereOnce(req: Request, stale: OktaTokens): Promise<OktaTokens> {
    const { refreshLock, providerTimeoutMs } = this.settings;
    if (!refreshLock) return this.refresh(req, stale);
    // Long enough for a refresh bounded by the provider timeout and the vault's write.
    return refreshOnce(refreshLock, req.sessionID, 2 * providerTimeoutMs, {
      storedMeanwhile: () => this.storedMeanwhile(req, stale),
      // Only called when the vault still holds the tokens this request started with.
      refresh: () => this.refresh(req, stale),
    });
  }

  /** The session's tokens if another instance refreshed them since this request began. */
  private async storedMeanwhile(req: Request, stale: OktaTokens): Promise<OktaTokens | undefined> {
    const current = await this.vault.read(req);
    if (!current) return this.endSession(req, 'session ended while its tokens were refreshed');
    return current.accessToken === stale.accessToken ? undefined : current;
  }

  private async refresh(req: Request, stale: OktaTokens): Promise<OktaTokens> {
    const { refreshToken } = stale;
    if (!refreshToken) return this.endSession(req, 'access token expired and no refresh token');
    const oidc = this.oidcClientFor(req);
    let answer: TokenSet;
    try {
      answer = await oidc.grant({ grant_type: 'refresh_token', refresh_token: refreshToken });
    } catch (error) {
      // invalid_grant: the refresh token expired or was revoked (at sign-out elsewhere, say).
      if (error instanceof TokenEndpointError && error.error === 'invalid_grant') {
        return this.endSession(req, `refresh refused: ${error.message}`);
      }
      throw providerFailureToHttp(error, 'request') ?? error;
    }
    // Without rotation the answer has no refresh token, and the one sent stays valid.
    const issuedRefreshToken = answer.refresh_token ?? refreshToken;
    let refreshed: OktaTokens;
    try {
      // accessTokenFor let only a signed-in request this far.
      refreshed = await refreshedTokens(oidc, stale, signedInUser(req)!.sub, answer);
    } catch (error) {
      if (!(error instanceof IdTokenValidationError)) {
        throw providerFailureToHttp(error, 'request') ?? error;
      }
      await this.revokeUnused(oidc, issuedRefreshToken);
      return this.endSession(req, `refresh refused: ${error.message}`);
    }
    if (!(await this.vault.saveWhileSessionExists(req, refreshed))) {
      await this.revokeUnused(oidc, issuedRefreshToken);
      return this.endSession(req, 'the session ended while its tokens were refreshed');
    }
    return refreshed;
  }

  /**
   * A refresh token this app will never use (its session is over) is revoked rather than left
   * valid at the provider. Best effort: the session ends whatever the provider answers.
   */
  private async revokeUnused(oidc: OidcClient, refreshToken: string): Promise<void> {
    await oidc.revoke(refreshToken, 'refresh_token').catch((error: unknown) => {
      this.logger.warn(`An unused refresh token could not be revoked: ${(error as Error).message}`);
    });
  }

  private async endSession(req: Request, reason: string): Promise<never> {
    const tenant = tenantOf(req);
    this.logger.log(`Ending session${tenant ? ` at tenant ${tenant}` : ''}: ${reason}`);
    await logOut(req, this.vault);
    throw new SignInRequiredException(requestedPath(req));
  }
}
