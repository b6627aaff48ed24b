import { startStack, type Stack, type StackOptions } from '../../support/stack';
import { openVisitor, type Visitor } from './visitor';

/**
 * One stack (development provider and app) per spec file and one Chromium visitor per test,
 * closed after each test even when it fails.
 */
export function useBrowserStack(options: StackOptions = {}) {
  let stack: Stack | undefined;
  let visitor: Visitor | undefined;

  beforeAll(async () => {
    stack = await startStack(options);
  });
  afterEach(async () => {
    await visitor?.close();
    visitor = undefined;
  });
  afterAll(async () => {
    await stack?.close();
  });

  return {
    get stack(): Stack {
      if (!stack) throw new Error('the stack has not started');
      return stack;
    },
    async open(...args: Parameters<typeof openVisitor>): Promise<Visitor> {
      visitor = await openVisitor(...args);
      return visitor;
    },
  };
}
