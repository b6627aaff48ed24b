import { SessionStorage } from '../src/session/session-storage';
import { type AppInstance, startAppInstance } from './support/app-instance';
import { HeldPort } from './support/held-port';
import { Browser } from './support/browser';
import { refresh, tokenClientOf } from './support/provider-tokens';
import { type ProviderProxy, startProviderBehindProxy } from './support/provider-proxy';
import { universalLogoutFromProvider } from './support/provider-universal-logout';
import { describeWithRedisServer, RedisServer } from './support/redis-server';
import { BOB, signIn } from './support/sign-in';
import { isSignedIn, sessionIdOf, storedRecord } from './support/stored-sessions';

const TOKEN_TTL_SECONDS = 2;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The app signs users in at the development identity provider through a proxy that can hold the
 * answer to a refresh: `GET /api/me/live` starts refreshing Bob's expired access token, the
 * provider has already issued the new tokens, and Universal Logout ends Bob's session before
 * the app receives them. Nothing of the session may come back, and the tokens issued for it must
 * not stay valid at the provider.
 */
function refreshAcrossUniversalLogout(sessions: 'memory' | 'redis'): void {
  let proxy: ProviderProxy;
  let app: AppInstance;
  let redis: RedisServer | undefined;
  let stopProvider: () => Promise<void>;

  beforeAll(async () => {
    const port = await HeldPort.hold();
    const baseUrl = `http://127.0.0.1:${port.number}`;
    let client;
    ({ client, proxy } = await startProviderBehindProxy([port.number], {
      accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
      universalLogoutEndpoint: `${baseUrl}/global-token-revocation`,
    }));
    stopProvider = () => client.provider.stop();
    if (sessions === 'redis') redis = await RedisServer.start();
    app = await startAppInstance(port, client, {
      OKTA_SCOPES: 'openid profile email offline_access',
      OKTA_UNIVERSAL_LOGOUT: 'true',
      ...(redis && { REDIS_URL: redis.url, SESSION_SECRET: 'a-secret-for-the-held-refresh-test' }),
    });
    await untilSessionsAreAvailable(app);
  });
  afterAll(async () => {
    await app?.close();
    await stopProvider?.();
    await redis?.stop();
  });

  it('ends the session and its tokens for good, and revokes the refresh token the late answer carried', async () => {
    const bob = new Browser('application/json');
    await signIn(bob, app.url('/login'), BOB, app.url('/authorization-code/callback'));
    const store = app.app.get(SessionStorage).store;
    const sessionId = await sessionIdOf(bob, app.baseUrl);
    await pause(TOKEN_TTL_SECONDS * 1000 + 500);

    const held = proxy.holdNextRefresh();
    const live = bob.request(app.url('/api/me/live'));
    const issued = await held.answered;
    expect(await universalLogoutFromProvider(proxy.issuer, BOB.username)).toBe(204);
    expect(await storedRecord(store, sessionId)).toBeFalsy();
    held.release();

    // All at once, so a failure shows the whole outcome.
    expect({
      status: (await live).status,
      session: !!(await storedRecord(store, sessionId)),
      tokens: !!(await storedRecord(store, `${sessionId}:tokens`)),
      refreshTokenRevoked: proxy.revoked.includes(issued.refresh_token as string),
    }).toEqual({ status: 401, session: false, tokens: false, refreshTokenRevoked: true });
    const reused = await refresh(tokenClientOf(app.config), issued.refresh_token as string);
    expect(reused.body.error).toBe('invalid_grant');
    expect(await isSignedIn(bob, app.url('/api/me'))).toBe(false);
  });
}

/** Redis sessions connect in the background; the test starts once the app can use them. */
async function untilSessionsAreAvailable(app: AppInstance): Promise<void> {
  const storage = app.app.get(SessionStorage);
  const deadline = Date.now() + 15_000;
  while (!(await storage.isAvailable())) {
    if (Date.now() > deadline) throw new Error('The app did not reach its session store in time');
    await pause(100);
  }
}

describe('A refresh that overlaps a Universal Logout (memory sessions)', () => {
  refreshAcrossUniversalLogout('memory');
});

describeWithRedisServer('A refresh that overlaps a Universal Logout (Redis sessions)', () => {
  refreshAcrossUniversalLogout('redis');
});
