import { ALICE, BOB } from '../support/sign-in';
import { followingLink, readCodeInMailbox } from './support/mailbox';
import {
  expectProviderSignInPage,
  headingText,
  readClaimsTable,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { screenshot } from './support/screenshots';
import { useBrowserStack } from './support/browser-stack';

/** The redirect model in a real browser: Okta's hosted page (here the development provider). */
describe('signing in with the redirect model, in Chromium', () => {
  const chromium = useBrowserStack();

  it('signs a person in and out: wrong password, profile, a refused admin page, and sign-out at the provider', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;
    const main = page.getByRole('main');

    // Home, signed out: one clear call to action.
    await visit(page, chromium.stack.baseUrl);
    expect(await headingText(page)).toBe('Sign in with Okta');
    await screenshot(page, 'redirect-01-home-signed-out');
    await main.getByRole('link', { name: 'Sign in' }).click();

    // The provider's page: a wrong password is refused with a message, the username is kept.
    await expectProviderSignInPage(page, chromium.stack.issuer);
    await screenshot(page, 'redirect-02-provider-sign-in', 'sign-in');
    await submitProviderSignIn(page, { ...BOB, password: 'not-the-password' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.innerText()).trim()).toBe('Incorrect username or password.');
    expect(new URL(page.url()).origin).toBe(new URL(chromium.stack.issuer).origin);
    expect(await page.getByLabel('Username').inputValue()).toBe(BOB.username);
    await screenshot(page, 'redirect-03-provider-wrong-password');

    // The right password lands back on the app's home with the name and the attributes.
    await submitProviderSignIn(page, BOB);
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Welcome, Bob Buyer');
    expect(await readClaimsTable(page)).toMatchObject({
      sub: '00u1bob0000000000000',
      name: 'Bob Buyer',
      email: 'bob@example.com',
      groups: expect.stringContaining('Everyone') as unknown,
    });
    await screenshot(page, 'redirect-04-home-signed-in', 'home-signed-in');

    // Bob is not an admin: no Admin link, and the page itself answers 403.
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Profile' }).click();
    await waitForAppPage(page, chromium.stack.baseUrl, '/profile');
    expect(await headingText(page)).toBe('Bob Buyer');
    expect(await readClaimsTable(page)).toMatchObject({ email: 'bob@example.com' });
    await screenshot(page, 'redirect-05-profile', 'profile');

    const refused = await visit(page, `${chromium.stack.baseUrl}/admin`);
    expect(refused.status()).toBe(403);
    expect(await headingText(page)).toBe('Forbidden');
    await main.getByText('only for members of the admin group').waitFor();
    await screenshot(page, 'redirect-06-admin-forbidden');

    // Sign out from the profile page: back on the app's home, signed out.
    await visit(page, `${chromium.stack.baseUrl}/profile`);
    await main.getByRole('button', { name: 'Sign out of the app and Okta' }).click();
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Sign in with Okta');
    expect(await nav.getByRole('link', { name: 'Profile' }).count()).toBe(0);
    await screenshot(page, 'redirect-07-signed-out');

    // Signed out at the provider too: signing in again asks for the password (no single sign-on).
    await main.getByRole('link', { name: 'Sign in' }).click();
    await expectProviderSignInPage(page, chromium.stack.issuer);
    expect(await page.getByLabel('Password').inputValue()).toBe('');
    await screenshot(page, 'redirect-08-provider-asks-again');

    expect(visitor.problems.list()).toEqual([]);
  });

  it.each([
    ['a protected page', '/shop/checkout', 'Checkout'],
    ['a page with a query string', '/profile?tab=claims', 'Bob Buyer'],
  ])('returns to %s after sign-in (%s)', async (_what, path, heading) => {
    const visitor = await chromium.open();
    const { page } = visitor;

    await visit(page, `${chromium.stack.baseUrl}${path}`);
    await expectProviderSignInPage(page, chromium.stack.issuer);
    await submitProviderSignIn(page, BOB);
    await waitForAppPage(page, chromium.stack.baseUrl, path);
    expect(await headingText(page)).toBe(heading);
    await screenshot(page, `redirect-deep-link-${path.replace(/\W+/g, '-').replace(/^-|-$/g, '')}`);

    expect(visitor.problems.list()).toEqual([]);
  });

  it('shows an admin the Admin link and the admin-only page, after her second factor', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;

    await visit(page, chromium.stack.baseUrl);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await expectProviderSignInPage(page, chromium.stack.issuer);
    await submitProviderSignIn(page, ALICE);
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Welcome, Alice Admin');

    await page.getByRole('navigation').getByRole('link', { name: 'Admin' }).click();
    // The admin page asks for a second factor: the code the provider mails.
    expect(await headingText(page)).toBe('Verify with your email');
    const code = await readCodeInMailbox(page, followingLink('development mailbox'));
    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await waitForAppPage(page, chromium.stack.baseUrl, '/admin');
    expect(await headingText(page)).toBe('Admin');
    await page
      .getByRole('main')
      .getByText('Only members of the admin group see this page')
      .waitFor();
    await screenshot(page, 'redirect-admin-page');

    expect(visitor.problems.list()).toEqual([]);
  });
});
