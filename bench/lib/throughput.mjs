import { callsBetween } from './counting-proxy.mjs';
import { measureRoute } from './load.mjs';

export const ROUNDS = 2;

/**
 * Loads each route of `plan` in turn, ROUNDS times (the second round in reverse order, so no
 * route always runs first or last), and keeps each route's best round: on a shared machine
 * other work only ever slows a run down. Provider calls are counted over every round.
 */
export async function measureRoutes(plan, proxy, log) {
  const entries = Object.entries(plan);
  const best = {};
  const calls = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const [key, route] of round % 2 ? [...entries].reverse() : entries) {
      log(`load, round ${round + 1}/${ROUNDS}: ${route.serverName}, ${route.label}`);
      const headers = { accept: route.accept ?? 'text/html' };
      if (route.browser) headers.cookie = route.browser.cookieHeader(route.server.baseUrl);
      const before = proxy.snapshot();
      const result = await measureRoute({
        url: route.server.url(route.path),
        headers,
        pid: route.server.pid,
      });
      const idpCalls = callsBetween(before, proxy.snapshot()).total;
      calls[key] = {
        idpCalls: (calls[key]?.idpCalls ?? 0) + idpCalls,
        requests: (calls[key]?.requests ?? 0) + result.requests,
      };
      if (!best[key] || result.requestsPerSecond > best[key].requestsPerSecond) best[key] = result;
    }
  }
  return Object.fromEntries(
    entries.map(([key, route]) => [
      key,
      {
        label: route.label,
        server: route.serverName,
        ...best[key],
        // Counted over every round, not only the best one.
        requests: calls[key].requests,
        idpCalls: calls[key].idpCalls,
        idpCallsPerRequest: calls[key].idpCalls / calls[key].requests,
      },
    ]),
  );
}
