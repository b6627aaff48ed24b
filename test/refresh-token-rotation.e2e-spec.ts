import type { RunningIdentityProvider } from 'okta-dev-idp';
import { Browser } from './support/browser';
import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './support/app-instance';
import { HeldPort } from './support/held-port';
import {
  providerWithClient,
  refresh,
  signInForTokens,
  type TokenClient,
} from './support/provider-tokens';
import { ALICE, signIn } from './support/sign-in';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function refreshTokenOf(client: TokenClient): Promise<string> {
  const tokens = await signInForTokens(client, ALICE, 'openid email offline_access');
  expect(tokens.status).toBe(200);
  expect(tokens.body.refresh_token).toEqual(expect.any(String));
  return tokens.body.refresh_token;
}

async function userinfoStatus(client: TokenClient, accessToken: string): Promise<number> {
  const response = await fetch(`${client.issuer}/v1/userinfo`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return response.status;
}

describe('Refresh token rotation at the development identity provider', () => {
  describe('without a grace period', () => {
    let provider: RunningIdentityProvider;
    let client: TokenClient;

    beforeAll(async () => {
      ({ provider, client } = await providerWithClient(0));
    });
    afterAll(() => provider?.stop());

    it('returns a new refresh token on every refresh, each usable once', async () => {
      const seen = new Set([await refreshTokenOf(client)]);
      let current = [...seen][0];
      for (let rotation = 0; rotation < 3; rotation++) {
        const refreshed = await refresh(client, current);
        expect(refreshed.status).toBe(200);
        expect(refreshed.body.token_type).toBe('Bearer');
        expect(refreshed.body.access_token).toEqual(expect.any(String));
        expect(seen.has(refreshed.body.refresh_token)).toBe(false);
        seen.add(refreshed.body.refresh_token);
        current = refreshed.body.refresh_token;
      }
    });

    it('refuses a used refresh token, and that reuse revokes the newest tokens too', async () => {
      const first = await refreshTokenOf(client);
      const rotated = await refresh(client, first);
      expect(rotated.status).toBe(200);

      const reused = await refresh(client, first);
      expect(reused.status).toBe(400);
      expect(reused.body).toMatchObject({ error: 'invalid_grant' });

      // As Okta's reuse detection does: the token family is gone.
      expect((await refresh(client, rotated.body.refresh_token)).status).toBe(400);
      expect(await userinfoStatus(client, rotated.body.access_token)).toBe(401);
    });
  });

  describe("with Okta's default grace period (30 seconds)", () => {
    let provider: RunningIdentityProvider;
    let client: TokenClient;

    beforeAll(async () => {
      ({ provider, client } = await providerWithClient());
    });
    afterAll(() => provider?.stop());

    it('lets a client retry with the previous token until its successor is used', async () => {
      const first = await refreshTokenOf(client);
      const lost = await refresh(client, first);
      expect(lost.status).toBe(200);

      // The response was lost: the client retries with the token it still has.
      const retried = await refresh(client, first);
      expect(retried.status).toBe(200);
      expect(retried.body.refresh_token).not.toBe(lost.body.refresh_token);
      const next = await refresh(client, retried.body.refresh_token);
      expect(next.status).toBe(200);

      // Only the token most recently rotated out has a grace period.
      const stale = await refresh(client, first);
      expect(stale.status).toBe(400);
      expect(stale.body).toMatchObject({ error: 'invalid_grant' });
      expect((await refresh(client, next.body.refresh_token)).status).toBe(400);
    });
  });

  describe('with a five-second grace period', () => {
    let provider: RunningIdentityProvider;
    let client: TokenClient;

    beforeAll(async () => {
      ({ provider, client } = await providerWithClient(5));
    });
    afterAll(() => provider?.stop());

    it('accepts the previous token within the grace period and refuses it after', async () => {
      const first = await refreshTokenOf(client);
      expect((await refresh(client, first)).status).toBe(200);
      // Use is recorded in whole seconds, so the period lasts between four and five seconds:
      // seconds of margin either way, however loaded the machine.
      expect((await refresh(client, first)).status).toBe(200);
      await pause(6_000);
      expect((await refresh(client, first)).status).toBe(400);
    });
  });

  it('refuses to start with a grace period Okta would not accept', async () => {
    await expect(providerWithClient(61)).rejects.toThrow(
      /refreshTokenGracePeriodSeconds must be a whole number of seconds from 0 to 60/,
    );
  });
});

/** Access tokens live two seconds, so each `GET /api/me/live` after a pause refreshes. */
describe('The app with rotating refresh tokens', () => {
  const TOKEN_TTL_SECONDS = 2;
  let client: ProviderClient;
  let app: AppInstance;

  beforeAll(async () => {
    const appPort = await HeldPort.hold();
    client = await startSharedProvider([appPort.number], {
      accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
      // No grace period: a refresh with the used-up token would fail at once.
      refreshTokenGracePeriodSeconds: 0,
    });
    app = await startAppInstance(appPort, client, {
      OKTA_SCOPES: 'openid profile email offline_access',
    });
  });
  afterAll(async () => {
    await app?.close();
    await client?.provider.stop();
  });

  it('keeps the rotated refresh token, so refresh after refresh succeeds', async () => {
    const browser = new Browser('application/json');
    await signIn(browser, app.url('/login'), ALICE, app.url('/authorization-code/callback'));
    for (let refreshes = 0; refreshes < 2; refreshes++) {
      await pause(TOKEN_TTL_SECONDS * 1000 + 500);
      const live = await browser.request(app.url('/api/me/live'));
      expect(live.status).toBe(200);
      expect(JSON.parse(live.body)).toMatchObject({ email: ALICE.username });
    }
  });
});
