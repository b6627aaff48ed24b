import { BOB } from '../support/sign-in';
import { headingText, readClaimsTable, visit, waitForAppPage } from './support/pages';
import { screenshot } from './support/screenshots';
import { useBrowserStack } from './support/browser-stack';
import { expectWidgetSignInPage, signInWidget, submitWidgetSignIn } from './support/widget';

/** The embedded model: the real Okta Sign-In Widget on the app's own page, in Chromium. */
describe('signing in with the embedded Sign-In Widget, in Chromium', () => {
  const chromium = useBrowserStack({ env: { OKTA_SIGN_IN_MODE: 'widget' } });

  it('signs a person in through the widget: a wrong password is refused, the right one lands on home', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;

    await visit(page, chromium.stack.baseUrl);
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await expectWidgetSignInPage(page, chromium.stack.baseUrl);
    await screenshot(page, 'widget-01-sign-in', 'widget-sign-in');

    // Okta's Identity Engine answers a wrong password with 401 and the message to show.
    visitor.problems.allowStatus(401, /\/idp\/idx\/identify$/);
    await submitWidgetSignIn(page, { ...BOB, password: 'not-the-password' });
    await signInWidget(page)
      .getByRole('alert')
      .getByText('Password is incorrect')
      .first()
      .waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'widget-02-wrong-password');
    // The widget re-renders its form after an error; typing before it settles would be lost.
    await page.waitForLoadState('networkidle');

    await submitWidgetSignIn(page, BOB);
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Welcome, Bob Buyer');
    expect(await readClaimsTable(page)).toMatchObject({
      sub: '00u1bob0000000000000',
      name: 'Bob Buyer',
      email: 'bob@example.com',
    });
    await screenshot(page, 'widget-03-home-signed-in');

    expect(visitor.problems.list()).toEqual([]);
  });

  it('returns to a protected deep link after signing in through the widget', async () => {
    const visitor = await chromium.open();
    const { page } = visitor;

    await visit(page, `${chromium.stack.baseUrl}/shop/checkout`);
    await expectWidgetSignInPage(page, chromium.stack.baseUrl);
    await submitWidgetSignIn(page, BOB);
    await waitForAppPage(page, chromium.stack.baseUrl, '/shop/checkout');
    expect(await headingText(page)).toBe('Checkout');
    await screenshot(page, 'widget-deep-link-shop-checkout');

    expect(visitor.problems.list()).toEqual([]);
  });

  it("follows the browser's language, loading it from the app and nowhere else", async () => {
    const visitor = await chromium.open({ locale: 'de-DE' });
    const { page } = visitor;
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    const labels = page.waitForResponse((response) =>
      response.url().endsWith('/assets/okta-signin-widget/labels/json/login_de.json'),
    );

    await visit(page, `${chromium.stack.baseUrl}/login`);
    expect((await labels).status()).toBe(200);
    const widget = signInWidget(page);
    await widget.getByRole('heading', { name: 'Anmelden' }).waitFor();
    await widget.getByRole('textbox', { name: 'Benutzername' }).fill(BOB.username);
    await widget.getByRole('textbox', { name: 'Passwort' }).fill(BOB.password);
    await screenshot(page, 'widget-sign-in-german');
    await widget.getByRole('button', { name: 'Anmelden' }).click();
    await waitForAppPage(page, chromium.stack.baseUrl, '/');
    expect(await headingText(page)).toBe('Welcome, Bob Buyer');

    // The app and the Okta org (the development provider here), never Okta's CDN.
    expect([...origins].sort()).toEqual(
      [chromium.stack.baseUrl, new URL(chromium.stack.issuer).origin].sort(),
    );
    expect(visitor.problems.list()).toEqual([]);
  });
});
