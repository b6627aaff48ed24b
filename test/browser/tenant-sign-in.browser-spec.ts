import type { Page } from 'playwright-core';
import { ADA, GUS } from '../support/tenant-visits';
import { startTenantsStack } from '../support/tenants-stack';
import {
  expectProviderSignInPage,
  headingText,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { screenshot } from './support/screenshots';
import { useServedBrowser } from './support/browser-stack';
import { expectWidgetSignInPage, submitWidgetSignIn } from './support/widget';

/** The header's name of the tenant the page serves. */
async function expectTenantNamed(page: Page, displayName: string): Promise<void> {
  expect(await page.locator('header .tenant').textContent()).toBe(displayName);
}

/**
 * Two tenants in one real browser: Chromium resolves `*.localhost` to this machine, so Acme and
 * Globex are two sites with their own cookies, each signing in at its own org: Acme on the org's
 * hosted page, Globex through the real Sign-In Widget on its own host, talking to its own org.
 */
describe('signing in on two tenant hosts, in Chromium', () => {
  const chromium = useServedBrowser(() =>
    startTenantsStack({
      tenants: {
        acme: { displayName: 'Acme Corporation' },
        globex: { displayName: 'Globex', signInMode: 'widget' },
      },
    }),
  );

  it("signs Ada in at Acme's hosted page and Gus through Globex's widget, in one browser", async () => {
    const visitor = await chromium.open();
    const { page } = visitor;

    const acme = chromium.stack.at('acme', '');
    await visit(page, acme);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await expectProviderSignInPage(page, chromium.stack.issuerOf('acme'));
    await submitProviderSignIn(page, ADA);
    await waitForAppPage(page, acme, '/');
    expect(await headingText(page)).toMatch(/^Welcome, Ada\b/);
    await expectTenantNamed(page, 'Acme Corporation');
    await screenshot(page, 'tenant-01-acme-signed-in', 'tenant-acme');

    const globex = chromium.stack.at('globex', '');
    await visit(page, globex);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await expectWidgetSignInPage(page, globex);
    await expectTenantNamed(page, 'Globex');
    await screenshot(page, 'tenant-02-globex-widget', 'tenant-globex-sign-in');
    await submitWidgetSignIn(page, GUS);
    await waitForAppPage(page, globex, '/');
    expect(await headingText(page)).toMatch(/^Welcome, Gus\b/);

    // Both sign-ins hold, each on its own host.
    await visit(page, chromium.stack.at('acme', '/'));
    expect(await headingText(page)).toMatch(/^Welcome, Ada\b/);
    expect(visitor.problems.list()).toEqual([]);
  });
});
