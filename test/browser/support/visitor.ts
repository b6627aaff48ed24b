import type { BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium, type BrowserSession } from './chromium';
import { PageProblems } from './page-problems';
import { screenshot } from './screenshots';

/** One person at one fresh browser: its single tab and what that tab reported. */
export interface Visitor {
  page: Page;
  problems: PageProblems;
  /**
   * Saves where the page ended up as `test-output/browser/last-<test name>.png` (so a failed
   * test shows what the browser showed), then closes the browser.
   */
  close(): Promise<void>;
}

export async function openVisitor(options: BrowserContextOptions = {}): Promise<Visitor> {
  const session: BrowserSession = await launchChromium(options);
  try {
    const page = session.context.pages()[0] ?? (await session.context.newPage());
    const problems = await PageProblems.watch(page);
    return {
      page,
      problems,
      async close() {
        try {
          await screenshot(page, `last-${slug(expect.getState().currentTestName ?? 'test')}`);
        } catch {
          // The page may be gone already (a crashed browser); closing still matters more.
        } finally {
          await session.close();
        }
      },
    };
  } catch (error) {
    await session.close();
    throw error;
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);
}
