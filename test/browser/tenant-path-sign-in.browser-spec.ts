import { ADA, GUS } from '../support/tenant-visits';
import { expectWidgetSignInPage, submitWidgetSignIn } from './support/widget';
import { startTenantsStack } from '../support/tenants-stack';
import {
  expectProviderSignInPage,
  headingText,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { useServedBrowser } from './support/browser-stack';

/**
 * Tenants under path prefixes on one host, as `tenants.path.example.json` has them: Ada
 * clicks through the app under `/t/acme/` and never leaves it; Gus signs in through Globex's
 * widget under `/t/globex/`.
 */
describe('using the app under a tenant path prefix, in Chromium', () => {
  const chromium = useServedBrowser(() => startTenantsStack({ resolution: 'path' }));

  it('signs Ada in under /t/acme/, follows its links within the prefix, and signs her out', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;
    const origin = new URL(chromium.stack.at('acme', '/')).origin;
    const main = page.getByRole('main');
    const nav = page.getByRole('navigation');

    // A deep link sends her to sign in, and back to it under the prefix.
    await visit(page, chromium.stack.at('acme', '/shop/orders'));
    await expectProviderSignInPage(page, chromium.stack.issuerOf('acme'));
    await submitProviderSignIn(page, ADA);
    await waitForAppPage(page, origin, '/t/acme/shop/orders');
    expect(await headingText(page)).toBe('Your orders');

    await nav.getByRole('link', { name: 'Shop' }).click();
    await waitForAppPage(page, origin, '/t/acme/shop');
    await main.getByRole('link', { name: 'Check out' }).click();
    await waitForAppPage(page, origin, '/t/acme/shop/checkout');
    await nav.getByRole('link', { name: 'Profile' }).click();
    await waitForAppPage(page, origin, '/t/acme/profile');

    await main.getByRole('button', { name: 'Sign out of the app and Okta' }).click();
    await waitForAppPage(page, origin, '/t/acme/');
    expect(await headingText(page)).toBe('Sign in with Okta');
    await main.getByRole('link', { name: 'Sign in' }).click();
    await expectProviderSignInPage(page, chromium.stack.issuerOf('acme'));
  });

  it("signs Gus in through Globex's widget under /t/globex/, its files loaded from the prefix", async () => {
    const visitor = await chromium.open();
    const { page } = visitor;
    const origin = new URL(chromium.stack.at('globex', '/')).origin;

    await visit(page, chromium.stack.at('globex', '/profile'));
    await expectWidgetSignInPage(page, origin, '/t/globex/login');
    await submitWidgetSignIn(page, GUS);
    await waitForAppPage(page, origin, '/t/globex/profile');
    expect(await headingText(page)).toMatch(/Gus/);
    expect(visitor.problems.list()).toEqual([]);
  });
});
