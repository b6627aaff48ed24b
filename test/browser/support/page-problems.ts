import type { Page } from 'playwright-core';

/**
 * Everything a page reported that a person would never see but a developer must: console
 * errors, uncaught exceptions, Content Security Policy violations and sub-resources (styles,
 * scripts, images) that failed to load. A test asserts this stays empty, so a blocked script or
 * style, a missing stylesheet or a broken page script fails the suite.
 *
 * A page's own status is the test's business, not a problem: a 403 page or the provider's 401
 * "wrong password" page is asserted where it is expected, so Chromium's console line for such a
 * document ("Failed to load resource: … 403") is not counted.
 */
export class PageProblems {
  private readonly problems: string[] = [];
  private readonly allowed: { status: number; url: RegExp }[] = [];
  /** Resources whose error status was expected, so their console line is not a problem. */
  private readonly expectedErrorUrls = new Set<string>();

  private constructor(private readonly page: Page) {}

  static async watch(page: Page): Promise<PageProblems> {
    const watcher = new PageProblems(page);
    page.on('response', (response) => {
      if (response.status() < 400) return;
      const expected =
        response.request().resourceType() === 'document' ||
        watcher.allowed.some(
          ({ status, url }) => status === response.status() && url.test(response.url()),
        );
      if (expected) watcher.expectedErrorUrls.add(response.url());
      else watcher.add(`${response.status()} for ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      // A navigation replaced by the next one (a form that submits itself) is aborted, not broken.
      if (
        request.resourceType() === 'document' &&
        request.failure()?.errorText === 'net::ERR_ABORTED'
      )
        return;
      watcher.add(`request failed: ${request.url()} ${request.failure()?.errorText ?? ''}`);
    });
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const isExpectedStatus =
        message.text().startsWith('Failed to load resource') &&
        watcher.expectedErrorUrls.has(message.location().url);
      if (!isExpectedStatus) watcher.add(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => watcher.add(`uncaught: ${error.message}`));
    // Chromium also logs violations to the console; the event names the directive precisely,
    // including ones (such as form-action) that happen as the page navigates away.
    await page.exposeFunction('__reportCspViolation', (description: string) =>
      watcher.add(`CSP violation: ${description}`),
    );
    // Runs in the page (as a string: this project's TypeScript has no DOM library).
    await page.addInitScript(`
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__reportCspViolation(
          event.effectiveDirective + ' blocked ' + (event.blockedURI || 'inline'),
        );
      });
    `);
    return watcher;
  }

  /**
   * Declares an error answer the test provokes on purpose (such as Okta's 401 from
   * `/idp/idx/identify` for a wrong password), so it is not counted as a problem.
   */
  allowStatus(status: number, url: RegExp): void {
    this.allowed.push({ status, url });
  }

  private add(problem: string): void {
    this.problems.push(`${problem} (at ${this.page.url()})`);
  }

  /** What was reported so far. */
  list(): string[] {
    return [...this.problems];
  }
}
