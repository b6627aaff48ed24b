import type { Page, Response } from 'playwright-core';

export interface Credentials {
  username: string;
  password: string;
}

/**
 * What a person does and sees, through accessible names only (roles and labels), so a page that
 * loses its labels or headings fails the suite the way it would fail a screen-reader user.
 */

/** Waits for the identity provider's sign-in form: a "Sign in" heading and labelled fields. */
export async function expectProviderSignInPage(page: Page, issuer: string): Promise<void> {
  await page.waitForURL((url) => url.origin === new URL(issuer).origin);
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByLabel('Username').waitFor();
  await page.getByLabel('Password').waitFor();
}

/** Types the credentials into the provider's form and presses "Sign in". */
export async function submitProviderSignIn(page: Page, credentials: Credentials): Promise<void> {
  await page.getByLabel('Username').fill(credentials.username);
  await page.getByLabel('Password').fill(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Waits for the app to show `path` (pathname plus query) on its own origin. */
export async function waitForAppPage(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.waitForURL((url) => url.origin === baseUrl && `${url.pathname}${url.search}` === path);
}

/** The text of the page's first-level heading, once there is one. */
export async function headingText(page: Page): Promise<string> {
  const heading = page.getByRole('heading', { level: 1 });
  await heading.waitFor();
  return (await heading.innerText()).trim();
}

/** The claims table as `{ claim: value }`, read through its row headers and cells. */
export async function readClaimsTable(page: Page): Promise<Record<string, string>> {
  const table = page.getByRole('table');
  await table.waitFor();
  const claims: Record<string, string> = {};
  for (const row of await table.getByRole('row').all()) {
    const header = row.getByRole('rowheader');
    if ((await header.count()) === 0) continue; // the column headings
    claims[(await header.innerText()).trim()] = (await row.getByRole('cell').innerText()).trim();
  }
  return claims;
}

/** Navigates as if the person typed the address, and returns the document's response. */
export async function visit(page: Page, url: string): Promise<Response> {
  const response = await page.goto(url);
  if (!response) throw new Error(`No response for ${url}`);
  return response;
}

/** True when the page is wider than the window (a horizontal scrollbar on a phone). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  // Runs in the page (as a string: this project's TypeScript has no DOM library).
  const overflows = await page.evaluate(
    'document.documentElement.scrollWidth > document.documentElement.clientWidth',
  );
  return overflows === true;
}
