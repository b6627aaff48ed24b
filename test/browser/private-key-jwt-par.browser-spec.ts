import { ALICE } from '../support/sign-in';
import {
  expectProviderSignInPage,
  headingText,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { useBrowserStack } from './support/browser-stack';
import { expectWidgetSignInPage, submitWidgetSignIn } from './support/widget';

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

/**
 * The widget model with private_key_jwt: the app starts the interaction with an assertion, and
 * the real widget in Chromium continues it; the browser never calls /v1/interact.
 */
describe('signing in through the Sign-In Widget with private_key_jwt, in Chromium', () => {
  const chromium = useBrowserStack({
    env: { OKTA_SIGN_IN_MODE: 'widget', OKTA_CLIENT_AUTH: 'private_key_jwt' },
  });

  it('continues the interaction the app started, and lands signed in', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;
    const providerPaths: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === new URL(chromium.stack.issuer).origin) providerPaths.push(url.pathname);
    });

    await visit(page, `${chromium.stack.baseUrl}/login`);
    await expectWidgetSignInPage(page, chromium.stack.baseUrl);
    await submitWidgetSignIn(page, ALICE);
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Welcome, Alice Admin');
    expect(providerPaths).toContain('/idp/idx/introspect');
    expect(providerPaths.some((path) => path.endsWith('/v1/interact'))).toBe(false);
    expect(visitor.problems.list()).toEqual([]);
  });
});
