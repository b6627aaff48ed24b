import { Browser, signIn } from './browser.mjs';
import { callsBetween } from './counting-proxy.mjs';

export const ALICE = { username: 'alice@example.com', password: 'Alice-Demo-1' };

/**
 * One sign-in with a fresh browser: the first one of a server also pays for discovery and keys.
 * Returns the signed-in browser and the provider calls it caused.
 */
export async function firstSignIn(server, proxy) {
  const before = proxy.snapshot();
  const browser = new Browser();
  await signIn(browser, server.url('/login'), ALICE);
  return { browser, calls: callsBetween(before, proxy.snapshot()) };
}

/**
 * `count` whole sign-ins one after another, each with a fresh browser (so each types the
 * password at the provider): sign-ins per second end to end and provider calls per sign-in.
 */
export async function sequentialSignIns(server, proxy, count) {
  const before = proxy.snapshot();
  const started = performance.now();
  for (let i = 0; i < count; i++) await signIn(new Browser(), server.url('/login'), ALICE);
  const seconds = (performance.now() - started) / 1000;
  const calls = callsBetween(before, proxy.snapshot());
  return {
    count,
    perSecond: count / seconds,
    msEach: (seconds * 1000) / count,
    callsPerSignIn: calls.total / count,
    byEndpoint: Object.fromEntries(
      Object.entries(calls.byEndpoint).map(([endpoint, n]) => [endpoint, n / count]),
    ),
  };
}
