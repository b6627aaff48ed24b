import { Browser } from './support/browser';
import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './support/app-instance';
import { HeldPort } from './support/held-port';
import { ALICE, signIn } from './support/sign-in';

const TOKEN_TTL_SECONDS = 2;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `GET /api/me/live` calls the provider's userinfo endpoint with the session's access token: it
 * stands for any downstream API. Access tokens here live two seconds.
 */
describe('Access token refresh', () => {
  let appPort: HeldPort;
  let client: ProviderClient;
  let app: AppInstance;

  /** The provider on a port it picks, or again on the port it had (its issuer names it). */
  async function startProvider(port = 0): Promise<void> {
    client = await startSharedProvider([appPort.number], {
      port,
      accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
    });
  }

  beforeAll(async () => {
    appPort = await HeldPort.hold();
    await startProvider();
    app = await startAppInstance(appPort, client, {
      OKTA_SCOPES: 'openid profile email offline_access',
    });
  });
  afterAll(async () => {
    await app?.close();
    await client?.provider.stop();
  });

  async function signedIn(): Promise<Browser> {
    const browser = new Browser('application/json');
    await signIn(browser, app.url('/login'), ALICE, app.url('/authorization-code/callback'));
    return browser;
  }

  it('refreshes an expired access token before calling the downstream API', async () => {
    const browser = await signedIn();
    await pause(TOKEN_TTL_SECONDS * 1000 + 500);
    for (let call = 0; call < 2; call++) {
      const live = await browser.request(app.url('/api/me/live'));
      expect(live.status).toBe(200);
      expect(JSON.parse(live.body)).toMatchObject({ email: ALICE.username });
    }
  });

  it('ends the session cleanly when the provider refuses the refresh token', async () => {
    const browser = await signedIn();
    // A restarted development provider has forgotten every grant: the refresh is refused.
    await client.provider.stop();
    await startProvider(client.provider.port);
    await pause(TOKEN_TTL_SECONDS * 1000 + 500);

    const live = await browser.request(app.url('/api/me/live'));
    expect(live.status).toBe(401);
    expect((await browser.request(app.url('/api/me'))).status).toBe(401);
  });
});

describe('Access token expiry without a refresh token', () => {
  let client: ProviderClient;
  let app: AppInstance;

  beforeAll(async () => {
    const appPort = await HeldPort.hold();
    client = await startSharedProvider([appPort.number], {
      accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
    });
    app = await startAppInstance(appPort, client);
  });
  afterAll(async () => {
    await app?.close();
    await client?.provider.stop();
  });

  it('asks the user to sign in again once the access token has expired', async () => {
    const browser = new Browser('application/json');
    await signIn(browser, app.url('/login'), ALICE, app.url('/authorization-code/callback'));
    await pause(TOKEN_TTL_SECONDS * 1000 + 500);
    expect((await browser.request(app.url('/api/me/live'))).status).toBe(401);
    expect((await browser.request(app.url('/api/me'))).status).toBe(401);
  });
});
