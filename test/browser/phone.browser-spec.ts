import { ALICE } from '../support/sign-in';
import { PHONE } from './support/chromium';
import {
  expectProviderSignInPage,
  headingText,
  readClaimsTable,
  scrollsSideways,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { screenshot } from './support/screenshots';
import { useBrowserStack } from './support/browser-stack';

/** A phone (390×844, touch): every page fits the screen's width, so nothing scrolls sideways. */
describe('on a phone, in Chromium', () => {
  const chromium = useBrowserStack();

  it('fits home, the sign-in page, home signed in, profile and the shop to the width of the screen', async () => {
    const visitor = await chromium.open({
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const { page } = visitor;
    // Admin has the most links in the navigation bar.
    const fits = async (name: string) => {
      await screenshot(page, `phone-${name}`);
      return { page: name, scrollsSideways: await scrollsSideways(page) };
    };
    const results = [];

    await visit(page, chromium.stack.baseUrl);
    expect(await headingText(page)).toBe('Sign in with Okta');
    results.push(await fits('home-signed-out'));

    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).tap();
    await expectProviderSignInPage(page, chromium.stack.issuer);
    results.push(await fits('provider-sign-in'));

    await submitProviderSignIn(page, ALICE);
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Welcome, Alice Admin');
    expect(await readClaimsTable(page)).toMatchObject({ email: 'alice@example.com' });
    results.push(await fits('home-signed-in'));

    await page.getByRole('navigation').getByRole('link', { name: 'Profile' }).tap();
    await waitForAppPage(page, chromium.stack.baseUrl, '/profile');
    expect(await headingText(page)).toBe('Alice Admin');
    results.push(await fits('profile'));

    await page.getByRole('navigation').getByRole('link', { name: 'Shop' }).tap();
    await waitForAppPage(page, chromium.stack.baseUrl, '/shop');
    expect(await headingText(page)).toBe('Shop');
    results.push(await fits('shop'));

    expect(results.filter((result) => result.scrollsSideways)).toEqual([]);
    expect(visitor.problems.list()).toEqual([]);
  });
});
