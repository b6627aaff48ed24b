import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'browser');
export const DOCS_SCREENSHOT_DIR = join(ROOT, 'docs', 'screenshots');

/**
 * Saves a full-page screenshot as `test-output/browser/<name>.png` and returns its path. With
 * `docsName` and `UPDATE_DOCS_SCREENSHOTS=1`, also copies it to `docs/screenshots/<docsName>.png`
 * for the README (off by default so a test run does not rewrite committed images).
 */
export async function screenshot(page: Page, name: string, docsName?: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  if (docsName && process.env.UPDATE_DOCS_SCREENSHOTS === '1') {
    await mkdir(DOCS_SCREENSHOT_DIR, { recursive: true });
    await copyFile(path, join(DOCS_SCREENSHOT_DIR, `${docsName}.png`));
  }
  return path;
}
