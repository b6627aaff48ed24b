import type { Page } from 'playwright-core';
import { PageProblems } from './page-problems';

/**
 * Reads the newest code on the development mailbox page, in a tab of its own that `open`
 * brings up (a click on a link, or typing the address), as a person would; asserts the page
 * reported no problems, then closes the tab.
 */
export async function readCodeInMailbox(
  page: Page,
  open: (page: Page) => Promise<Page>,
): Promise<string> {
  const tab = await open(page);
  try {
    // Watching starts once the tab exists, so the page is loaded again under watch.
    const problems = await PageProblems.watch(tab);
    await tab.reload();
    await tab.getByRole('heading', { name: 'Development mailbox', level: 1 }).waitFor();
    const newest = tab.getByRole('listitem').first();
    const code = /Code:\s*(\d{6})/.exec(await newest.innerText())?.[1];
    if (!code) throw new Error(`No code in the newest message: ${await newest.innerText()}`);
    expect(problems.list()).toEqual([]);
    return code;
  } finally {
    await tab.close();
  }
}

/** Opens `url` in a new tab of the same browser. */
export function inNewTab(url: string): (page: Page) => Promise<Page> {
  return async (page) => {
    const tab = await page.context().newPage();
    await tab.goto(url);
    return tab;
  };
}

/** Clicks a link that opens in a new tab (`target="_blank"`) and returns that tab. */
export function followingLink(name: string): (page: Page) => Promise<Page> {
  return async (page) => {
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.getByRole('link', { name }).click(),
    ]);
    await tab.waitForLoadState();
    return tab;
  };
}
