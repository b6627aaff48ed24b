import { mailboxUrl } from '../support/mailbox';
import { BOB, DAVE } from '../support/sign-in';
import { useBrowserStack } from './support/browser-stack';
import { followingLink, inNewTab, readCodeInMailbox } from './support/mailbox';
import {
  expectProviderSignInPage,
  headingText,
  readClaimsTable,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { screenshot } from './support/screenshots';
import { expectWidgetSignInPage, signInWidget, submitWidgetSignIn } from './support/widget';

/** A code that cannot be the one mailed: the mailbox only ever shows six digits. */
const NOT_A_CODE = '12345';

/**
 * Dave's sign-on policy asks for the password, then a code "sent" by email: in a real browser,
 * in both models, the code is read from the development mailbox in another tab.
 */
describe('signing in with an email code on the hosted page, in Chromium', () => {
  const chromium = useBrowserStack();

  it('asks for the code after the password, refuses a wrong one, and signs in with the mailed one', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;

    await visit(page, chromium.stack.baseUrl);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await expectProviderSignInPage(page, chromium.stack.issuer);
    await submitProviderSignIn(page, DAVE);

    expect(await headingText(page)).toBe('Verify with your email');
    await page.getByText('We sent a verification code to d***e@example.com.').waitFor();
    await screenshot(page, 'mfa-redirect-01-email-code');

    await page.getByLabel('Verification code').fill(NOT_A_CODE);
    await page.getByRole('button', { name: 'Verify' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.innerText()).trim()).toBe('Invalid code. Try again.');
    await screenshot(page, 'mfa-redirect-02-wrong-code');

    const code = await readCodeInMailbox(page, followingLink('development mailbox'));
    await page.getByLabel('Verification code').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Welcome, Dave Verified');
    expect(await readClaimsTable(page)).toMatchObject({ email: 'dave@example.com' });

    expect(visitor.problems.list()).toEqual([]);
  });
});

describe('signing in with an email code through the embedded Sign-In Widget, in Chromium', () => {
  const chromium = useBrowserStack({ env: { OKTA_SIGN_IN_MODE: 'widget' } });

  it('offers Email after the password, refuses a wrong code, and signs in with the mailed one', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;
    const widget = signInWidget(page);

    await visit(page, `${chromium.stack.baseUrl}/shop/checkout`);
    await expectWidgetSignInPage(page, chromium.stack.baseUrl);
    await submitWidgetSignIn(page, DAVE);

    // select-authenticator-authenticate: the Email authenticator, the only choice.
    await widget.getByRole('heading', { name: "Verify it's you with a security method" }).waitFor();
    await screenshot(page, 'mfa-widget-01-choose-email');
    await widget.getByRole('link', { name: 'Select Email.' }).click();

    // challenge-authenticator for the Email authenticator, magic link off: the code field.
    await widget.getByRole('heading', { name: 'Verify with your email' }).waitFor();
    await widget.getByText('We sent an email to d***e@example.com.').waitFor();
    await screenshot(page, 'mfa-widget-02-email-code');

    // Okta's Identity Engine answers a wrong code with 401 and the message for the field.
    visitor.problems.allowStatus(401, /\/idp\/idx\/challenge\/answer$/);
    const codeField = widget.getByRole('textbox', { name: 'Enter Code' });
    await codeField.fill(NOT_A_CODE);
    await widget.getByRole('button', { name: 'Verify' }).click();
    await widget.getByRole('alert').getByText('Invalid code. Try again.').waitFor();
    await screenshot(page, 'mfa-widget-03-wrong-code');
    // The widget re-renders its form after an error; typing before it settles would be lost.
    await page.waitForLoadState('networkidle');

    const code = await readCodeInMailbox(page, inNewTab(mailboxUrl(chromium.stack.issuer)));
    await codeField.fill(code);
    await widget.getByRole('button', { name: 'Verify' }).click();
    await waitForAppPage(page, chromium.stack.baseUrl, '/shop/checkout');
    expect(await headingText(page)).toBe('Checkout');

    expect(visitor.problems.list()).toEqual([]);
  });

  it('goes back to a new sign-in from the code step, for the same page, with "Back to sign in"', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;
    const widget = signInWidget(page);

    await visit(page, `${chromium.stack.baseUrl}/shop/checkout`);
    await expectWidgetSignInPage(page, chromium.stack.baseUrl);
    await submitWidgetSignIn(page, DAVE);
    await widget.getByRole('heading', { name: "Verify it's you with a security method" }).waitFor();

    // The widget would start a new interaction itself, at /v1/interact, which refuses a browser
    // for a confidential client: the link leads to the login route, which starts one.
    const loginPage = page.waitForResponse((response) => {
      const url = new URL(response.url());
      return url.pathname === '/login' && url.searchParams.get('returnTo') === '/shop/checkout';
    });
    await widget.getByRole('link', { name: 'Back to sign in' }).click();
    expect((await loginPage).status()).toBe(200);
    await page.waitForLoadState('networkidle');
    await expectWidgetSignInPage(page, chromium.stack.baseUrl);
    await submitWidgetSignIn(page, BOB);
    await waitForAppPage(page, chromium.stack.baseUrl, '/shop/checkout');
    expect(await headingText(page)).toBe('Checkout');

    expect(visitor.problems.list()).toEqual([]);
  });
});
