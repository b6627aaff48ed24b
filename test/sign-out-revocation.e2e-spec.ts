import {
  type AppInstance,
  type ProviderClient,
  startAppInstance,
  startSharedProvider,
} from './support/app-instance';
import { HeldPort } from './support/held-port';
import { Browser, readForm, signOut } from './support/browser';
import { isActive, refresh, type TokenClient, tokenClientOf } from './support/provider-tokens';
import { sessionTokensOf } from './support/stored-sessions';
import { ALICE, openSignInPage, signIn } from './support/sign-in';

const CALLBACK = '/authorization-code/callback';

/**
 * Sign-out revokes the session's tokens at the provider before sending the browser to end the
 * provider's session, as Okta's own middleware does. Every check runs before the browser follows
 * that redirect: ending the provider session would revoke some grants by itself.
 */
describe('Sign-out revokes the tokens at the development identity provider', () => {
  let client: ProviderClient;
  let withRefresh: AppInstance;
  let withoutRefresh: AppInstance;
  let tokenClient: TokenClient;

  beforeAll(async () => {
    const [portA, portB] = await HeldPort.holdSeveral(2);
    client = await startSharedProvider([portA.number, portB.number]);
    withRefresh = await startAppInstance(portA, client, {
      OKTA_SCOPES: 'openid profile email offline_access',
    });
    withoutRefresh = await startAppInstance(portB, client);
    tokenClient = tokenClientOf(withRefresh.config);
  });
  afterAll(async () => {
    await withRefresh?.close();
    await withoutRefresh?.close();
    await client?.provider.stop();
  });

  async function userinfoStatus(accessToken: string): Promise<number> {
    const response = await fetch(`${client.provider.issuer}/v1/userinfo`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return response.status;
  }

  it('revokes the refresh token and the access token, then ends the provider session', async () => {
    const browser = new Browser();
    await signIn(browser, withRefresh.url('/login'), ALICE, withRefresh.url(CALLBACK));
    const tokens = await sessionTokensOf(withRefresh, browser);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(await isActive(tokenClient, tokens.accessToken)).toBe(true);

    const loggedOut = await signOut(browser, withRefresh.baseUrl);
    expect(loggedOut.status).toBe(302);
    expect(loggedOut.location).toMatch(new RegExp(`^${client.provider.issuer}/v1/logout\\?`));

    const refused = await refresh(tokenClient, tokens.refreshToken!);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'invalid_grant' });
    expect(await isActive(tokenClient, tokens.refreshToken!)).toBe(false);
    expect(await isActive(tokenClient, tokens.accessToken)).toBe(false);
    expect(await userinfoStatus(tokens.accessToken)).toBe(401);

    const confirm = await browser.follow(loggedOut.location!);
    const confirmForm = readForm(confirm.body, confirm.url);
    const back = await browser.follow(confirmForm.action, { form: confirmForm.fields });
    expect(back.url.startsWith(withRefresh.baseUrl)).toBe(true);
    // The provider's session is over too: signing in again asks for the password.
    await openSignInPage(browser, withRefresh.url('/login'));
  });

  it('revokes the access token of a session without a refresh token', async () => {
    const browser = new Browser();
    await signIn(browser, withoutRefresh.url('/login'), ALICE, withoutRefresh.url(CALLBACK));
    const tokens = await sessionTokensOf(withoutRefresh, browser);
    expect(tokens.refreshToken).toBeUndefined();
    expect(await userinfoStatus(tokens.accessToken)).toBe(200);

    expect((await signOut(browser, withoutRefresh.baseUrl)).status).toBe(302);

    expect(await isActive(tokenClient, tokens.accessToken)).toBe(false);
    expect(await userinfoStatus(tokens.accessToken)).toBe(401);
  });
});
