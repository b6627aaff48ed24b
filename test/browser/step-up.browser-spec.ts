import { mailboxUrl } from '../support/mailbox';
import { ALICE, BOB } from '../support/sign-in';
import { useBrowserStack } from './support/browser-stack';
import { followingLink, inNewTab, readCodeInMailbox } from './support/mailbox';
import {
  expectProviderSignInPage,
  headingText,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { screenshot } from './support/screenshots';
import { expectWidgetSignInPage, signInWidget, submitWidgetSignIn } from './support/widget';

/**
 * `/admin` asks for a second factor verified in the last ten minutes: Alice signs in with her
 * password, opens Admin, types the code from the development mailbox and lands on the page; a
 * step-up that cannot be what it was for is refused, and she stays signed in as before.
 */
describe('stepping up to the admin page on the hosted page, in Chromium', () => {
  const chromium = useBrowserStack();

  async function aliceSignedIn() {
    const visitor = await chromium.open();
    const { page } = visitor;
    await visit(page, chromium.stack.baseUrl);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await expectProviderSignInPage(page, chromium.stack.issuer);
    await submitProviderSignIn(page, ALICE);
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    await page.getByRole('navigation').getByRole('link', { name: 'Admin' }).click();
    // The provider still has Alice's sign-in: it asks only for the code it mails.
    expect(await headingText(page)).toBe('Verify with your email');
    return visitor;
  }

  it("takes Alice to the admin page with the mailbox's code", async () => {
    const visitor = await aliceSignedIn();
    const { page } = visitor;
    await page.getByText('We sent a verification code to a***e@example.com.').waitFor();
    await screenshot(page, 'step-up-redirect-01-email-code', 'step-up-email-code');

    const code = await readCodeInMailbox(page, followingLink('development mailbox'));
    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await waitForAppPage(page, chromium.stack.baseUrl, '/admin');
    expect(await headingText(page)).toBe('Admin');
    await page.getByRole('main').getByText('this sign-in met urn:okta:loa:2fa:any').waitFor();
    await screenshot(page, 'step-up-redirect-02-admin');

    expect(visitor.problems.list()).toEqual([]);
  });

  it('refuses a step-up completed as someone else, and keeps her signed in as herself', async () => {
    const visitor = await aliceSignedIn();
    const { page } = visitor;
    await page.getByRole('link', { name: 'Sign in as someone else' }).click();
    await expectProviderSignInPage(page, chromium.stack.issuer);
    await submitProviderSignIn(page, BOB);
    expect(await headingText(page)).toBe('Verify with your email');
    const code = await readCodeInMailbox(page, followingLink('development mailbox'));
    await page.getByLabel('Verification code').fill(code);
    visitor.problems.allowStatus(403, /\/authorization-code\/callback/);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((url) => url.pathname === '/authorization-code/callback');
    expect(await headingText(page)).toBe('Signed in as someone else');
    await screenshot(page, 'step-up-redirect-03-someone-else');

    await visit(page, chromium.stack.baseUrl);
    expect(await headingText(page)).toBe('Welcome, Alice Admin');
    expect(visitor.problems.list()).toEqual([]);
  });
});

describe('stepping up to the admin page in the embedded Sign-In Widget, in Chromium', () => {
  const chromium = useBrowserStack({ env: { OKTA_SIGN_IN_MODE: 'widget' } });

  async function aliceSignedIn() {
    const visitor = await chromium.open();
    const { page } = visitor;
    await visit(page, `${chromium.stack.baseUrl}/login`);
    await expectWidgetSignInPage(page, chromium.stack.baseUrl);
    await submitWidgetSignIn(page, ALICE);
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    await page.getByRole('navigation').getByRole('link', { name: 'Admin' }).click();
    // The step-up is the widget, on the admin page's own address, the username filled in.
    await expectWidgetSignInPage(page, chromium.stack.baseUrl, '/admin');
    // With the username filled in, the widget settles by focusing the password: typing before
    // that could be lost.
    await signInWidget(page).locator('input[type="password"]:focus').waitFor();
    const username = signInWidget(page).getByRole('textbox', { name: 'Username' });
    expect(await username.inputValue()).toBe(ALICE.username);
    return visitor;
  }

  it("takes Alice to the admin page with the mailbox's code", async () => {
    const visitor = await aliceSignedIn();
    const { page } = visitor;
    const widget = signInWidget(page);
    await submitWidgetSignIn(page, ALICE);
    await widget.getByRole('heading', { name: "Verify it's you with a security method" }).waitFor();
    await widget.getByRole('link', { name: 'Select Email.' }).click();
    await widget.getByRole('heading', { name: 'Verify with your email' }).waitFor();
    await screenshot(page, 'step-up-widget-01-email-code');

    const code = await readCodeInMailbox(page, inNewTab(mailboxUrl(chromium.stack.issuer)));
    await widget.getByRole('textbox', { name: 'Enter Code' }).fill(code);
    await widget.getByRole('button', { name: 'Verify' }).click();
    await waitForAppPage(page, chromium.stack.baseUrl, '/admin');
    expect(await headingText(page)).toBe('Admin');

    expect(visitor.problems.list()).toEqual([]);
  });

  it('refuses a step-up completed as someone else, and keeps her signed in as herself', async () => {
    const visitor = await aliceSignedIn();
    const { page } = visitor;
    const widget = signInWidget(page);
    // Bob types his own credentials and code over Alice's username.
    await submitWidgetSignIn(page, BOB);
    await widget.getByRole('heading', { name: "Verify it's you with a security method" }).waitFor();
    await widget.getByRole('link', { name: 'Select Email.' }).click();
    await widget.getByRole('heading', { name: 'Verify with your email' }).waitFor();
    const code = await readCodeInMailbox(
      page,
      inNewTab(`${mailboxUrl(chromium.stack.issuer)}?to=${encodeURIComponent(BOB.username)}`),
    );
    const callback = new URL(chromium.stack.config.okta.redirectUri).pathname;
    visitor.problems.allowStatus(403, new RegExp(`${callback}\\?`));
    await widget.getByRole('textbox', { name: 'Enter Code' }).fill(code);
    await widget.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL((url) => url.pathname === callback);
    expect(await headingText(page)).toBe('Signed in as someone else');
    await screenshot(page, 'step-up-widget-02-someone-else');

    await visit(page, chromium.stack.baseUrl);
    expect(await headingText(page)).toBe('Welcome, Alice Admin');
    expect(visitor.problems.list()).toEqual([]);
  });
});
