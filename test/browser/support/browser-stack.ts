import { startStack, type StackOptions } from '../../support/stack';
import { openVisitor, type Visitor } from './visitor';

/**
 * One stack (development provider and app) per spec file and one Chromium visitor per test,
 * closed after each test even when it fails.
 */
export function useBrowserStack(options: StackOptions = {}) {
  return useServedBrowser(() => startStack(options));
}

/**
 * What `useBrowserStack` does, for any servers `start` brings up once per spec file (the tenants'
 * stack, say): they stop after the file, each test's visitor after the test.
 */
export function useServedBrowser<S extends { close(): Promise<void> }>(start: () => Promise<S>) {
  let stack: S | undefined;
  let visitor: Visitor | undefined;

  beforeAll(async () => {
    stack = await start();
  });
  afterEach(async () => {
    await visitor?.close();
    visitor = undefined;
  });
  afterAll(async () => {
    await stack?.close();
  });

  return {
    get stack(): S {
      if (!stack) throw new Error('the stack has not started');
      return stack;
    },
    async open(...args: Parameters<typeof openVisitor>): Promise<Visitor> {
      visitor = await openVisitor(...args);
      return visitor;
    },
  };
}
