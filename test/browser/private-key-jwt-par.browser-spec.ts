import { ALICE } from '../support/sign-in';
import {
  expectProviderSignInPage,
  headingText,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { useBrowserStack } from './support/browser-stack';

/**
 * The demo as `OKTA_CLIENT_AUTH=private_key_jwt OKTA_PAR=true npm start` runs it: the development
 * provider registers the app with the public half of a key made at start-up, requires PAR, and
 * checks each assertion as Okta does.
 */
describe('signing in with private_key_jwt and PAR, in Chromium', () => {
  const chromium = useBrowserStack({
    env: { OKTA_CLIENT_AUTH: 'private_key_jwt', OKTA_PAR: 'true' },
  });

  it('reaches the provider with nothing of the sign-in in the URL, and lands signed in', async () => {
    const { page } = await chromium.open();
    const authorizeUrls: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/v1/authorize')) authorizeUrls.push(url);
    });

    await visit(page, `${chromium.stack.baseUrl}/login`);
    await expectProviderSignInPage(page, chromium.stack.issuer);
    expect(authorizeUrls).toHaveLength(1);
    expect([...authorizeUrls[0].searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);

    await submitProviderSignIn(page, ALICE);
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Welcome, Alice Admin');
  });
});
