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
  await signIn(browser, server.loginUrl, ALICE);
  return { browser, calls: callsBetween(before, proxy.snapshot()) };
}

export const SIGN_IN_ROUNDS = 4;
export const SIGN_INS_PER_ROUND = 10;

/**
 * Whole sign-ins, one after another, each with a fresh browser (so each types the password at
 * the provider), on every server of `servers` ({ key: server }): a warm-up of a few, then
 * SIGN_IN_ROUNDS rounds of SIGN_INS_PER_ROUND per server, each round in the reverse order of the
 * one before. Per server: the best round's time per sign-in, and provider calls per sign-in
 * over every round.
 */
export async function measureSignIns(servers, proxy, log) {
  const entries = Object.entries(servers);
  for (const [, server] of entries) await signInTimes(server, SIGN_INS_PER_ROUND / 2);
  const msEach = Object.fromEntries(entries.map(([key]) => [key, []]));
  const calls = Object.fromEntries(entries.map(([key]) => [key, new Map()]));
  for (let round = 0; round < SIGN_IN_ROUNDS; round++) {
    log(`sign-ins, round ${round + 1}/${SIGN_IN_ROUNDS}: ${SIGN_INS_PER_ROUND} per server`);
    for (const [key, server] of round % 2 ? [...entries].reverse() : entries) {
      const before = proxy.snapshot();
      msEach[key].push((await signInTimes(server, SIGN_INS_PER_ROUND)) / SIGN_INS_PER_ROUND);
      for (const [endpoint, n] of Object.entries(callsBetween(before, proxy.snapshot()).byEndpoint))
        calls[key].set(endpoint, (calls[key].get(endpoint) ?? 0) + n);
    }
  }
  const count = SIGN_IN_ROUNDS * SIGN_INS_PER_ROUND;
  return Object.fromEntries(
    entries.map(([key]) => {
      const byEndpoint = Object.fromEntries(
        [...calls[key]].map(([endpoint, n]) => [endpoint, n / count]),
      );
      const best = Math.min(...msEach[key]);
      return [
        key,
        {
          count,
          msEach: best,
          perSecond: 1000 / best,
          roundsMsEach: msEach[key],
          callsPerSignIn: Object.values(byEndpoint).reduce((a, b) => a + b, 0),
          byEndpoint,
        },
      ];
    }),
  );
}

/** `count` sign-ins one after another; their total time in ms. */
async function signInTimes(server, count) {
  const started = performance.now();
  for (let i = 0; i < count; i++) await signIn(new Browser(), server.url('/login'), ALICE);
  return performance.now() - started;
}
