import { startTenantsStack, type TenantsStack } from '../support/tenants-stack';
import {
  expectProviderSignInPage,
  headingText,
  submitProviderSignIn,
  visit,
  waitForAppPage,
} from './support/pages';
import { openVisitor, type Visitor } from './support/visitor';

const ADA = { username: 'ada@acme.example', password: 'Ada-Acme-1' };
const GUS = { username: 'gus@globex.example', password: 'Gus-Globex-1' };

/**
 * Two tenants in one real browser: Chromium resolves `*.localhost` to this machine, so Acme and
 * Globex are two sites with their own cookies, each signing in at its own org.
 */
describe('signing in on two tenant hosts, in Chromium', () => {
  let stack: TenantsStack;
  let visitor: Visitor | undefined;

  beforeAll(async () => {
    stack = await startTenantsStack();
  });
  afterAll(() => stack?.close());
  afterEach(() => visitor?.close());

  it('signs Ada in at Acme and Gus at Globex, each at its own org, in one browser', async () => {
    visitor = await openVisitor();
    const { page } = visitor;
    for (const [tenant, user, name] of [
      ['acme', ADA, 'Ada'],
      ['globex', GUS, 'Gus'],
    ] as const) {
      const home = stack.at(tenant, '');
      await visit(page, home);
      await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
      await expectProviderSignInPage(page, stack.issuerOf(tenant));
      await submitProviderSignIn(page, user);
      await waitForAppPage(page, home, '/');
      expect(await headingText(page)).toMatch(new RegExp(`^Welcome, ${name}\\b`));
    }
    // Both sign-ins hold, each on its own host.
    await visit(page, stack.at('acme', '/'));
    expect(await headingText(page)).toMatch(/^Welcome, Ada\b/);
  });
});
