import { Browser } from './support/browser';
import { ALICE, signIn } from './support/sign-in';
import { startStack, type Stack } from './support/stack';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signedIn(stack: Stack): Promise<Browser> {
  const browser = new Browser();
  await signIn(
    browser,
    `${stack.baseUrl}/login`,
    ALICE,
    `${stack.baseUrl}/authorization-code/callback`,
  );
  return browser;
}

async function expectSentToSignIn(stack: Stack, browser: Browser, path: string): Promise<void> {
  const page = await browser.request(`${stack.baseUrl}${path}`);
  expect(page.status).toBe(302);
  expect(page.location).toBe(`${stack.baseUrl}/login?returnTo=${encodeURIComponent(path)}`);
}

describe('Session idle timeout', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { SESSION_IDLE_TIMEOUT_SECONDS: '4' } });
  });
  afterAll(() => stack.close());

  // Margins of seconds either way, so a loaded CI machine only makes the test slower.
  it('keeps an active session alive past the idle timeout, and ends an idle one', async () => {
    const browser = await signedIn(stack);
    for (let i = 0; i < 5; i++) {
      await pause(1_000);
      expect((await browser.request(`${stack.baseUrl}/profile`)).status).toBe(200);
    }
    await pause(5_000);
    await expectSentToSignIn(stack, browser, '/profile?tab=claims');
  });
});

describe('Session absolute lifetime', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({
      env: { SESSION_IDLE_TIMEOUT_SECONDS: '60', SESSION_MAX_AGE_SECONDS: '5' },
    });
  });
  afterAll(() => stack.close());

  it('ends a sign-in after the maximum however active the user is, keeping returnTo', async () => {
    const browser = await signedIn(stack);
    const signedInAt = Date.now();
    while (Date.now() - signedInAt < 2_000) {
      expect((await browser.request(`${stack.baseUrl}/profile`)).status).toBe(200);
      await pause(500);
    }
    await pause(6_000 - (Date.now() - signedInAt));
    await expectSentToSignIn(stack, browser, '/shop/checkout');
    const api = await browser.request(`${stack.baseUrl}/api/me`, { accept: 'application/json' });
    expect(api.status).toBe(401);
  });
});
