import type { Page } from 'playwright-core';
import type { Credentials } from './pages';

/**
 * The real Okta Sign-In Widget, hosted on the app's own `/login` page, driven through its
 * accessible names as a person (or a screen reader) would.
 */
export function signInWidget(page: Page) {
  return page.getByRole('region', { name: 'Sign in' });
}

/** Waits until the widget has rendered its form on the app's page. */
export async function expectWidgetSignInPage(
  page: Page,
  baseUrl: string,
  loginPath = '/login',
): Promise<void> {
  await page.waitForURL((url) => url.origin === baseUrl && url.pathname === loginPath);
  const widget = signInWidget(page);
  await widget.getByRole('heading', { name: 'Sign In' }).waitFor();
  await widget.getByRole('textbox', { name: 'Username' }).waitFor();
  await widget.getByRole('textbox', { name: 'Password' }).waitFor();
}

/** Types the credentials into the widget and presses its "Sign in" button. */
export async function submitWidgetSignIn(page: Page, credentials: Credentials): Promise<void> {
  const widget = signInWidget(page);
  await widget.getByRole('textbox', { name: 'Username' }).fill(credentials.username);
  await widget.getByRole('textbox', { name: 'Password' }).fill(credentials.password);
  await widget.getByRole('button', { name: 'Sign in' }).click();
}
