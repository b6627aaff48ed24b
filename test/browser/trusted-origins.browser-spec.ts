import { startWidgetApp, type WidgetApp } from '../support/widget-app';
import { visit } from './support/pages';
import { screenshot } from './support/screenshots';
import { openVisitor, type Visitor } from './support/visitor';
import { signInWidget } from './support/widget';

/**
 * The mistake the development provider used to hide: the app's origin is not a Trusted Origin of
 * the org. In a real browser the widget cannot start, as against a real org, and the console says
 * why.
 */
describe("the embedded Sign-In Widget when the app's origin is not a Trusted Origin, in Chromium", () => {
  let widgetApp: WidgetApp | undefined;
  let visitor: Visitor | undefined;

  beforeAll(async () => {
    widgetApp = await startWidgetApp(() => ['https://app.example.com']);
  });
  afterEach(() => visitor?.close());
  afterAll(() => widgetApp?.close());

  it('shows an error instead of the sign-in form, and the console names the CORS block', async () => {
    const { app, provider } = widgetApp!;
    // The app starts the interaction itself: the browser's first call to the org is introspect.
    const org = provider.issuer.replace(/\/oauth2\/.*$/, '');
    visitor = await openVisitor();
    const { page } = visitor;

    await visit(page, app.url('/login'));
    await signInWidget(page)
      .getByRole('alert')
      .getByText('There was an unexpected internal error. Please try again.')
      .waitFor();
    expect(await signInWidget(page).getByRole('textbox', { name: 'Username' }).count()).toBe(0);
    await screenshot(page, 'widget-untrusted-origin');

    expect(visitor.problems.list()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(
            `Access to fetch at '${org}/idp/idx/introspect' from origin '${app.baseUrl}' has been blocked by CORS policy`,
          ),
        ),
      ]),
    );
  });
});
