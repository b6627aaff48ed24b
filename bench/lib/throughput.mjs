import { callsBetween } from './counting-proxy.mjs';
import { LOAD, measureRoute, warmUp } from './load.mjs';

export const ROUNDS = 4;

/**
 * Measures every route of `plan` against servers that are all already running: one warm-up
 * run per route, then ROUNDS rounds with every route once per round, each round in the reverse
 * order of the one before (A B … B A …), so no route always runs first or last, nor always
 * right after the same neighbour. Each route keeps its best round (on a shared machine other
 * work only ever slows a run down): the highest req/s, or for a route whose `best` is 'p99' the
 * lowest p99. Provider calls are counted over every round.
 *
 * A route is { label, server, serverName, path, accept?, browser?, connections?, best?, rounds? };
 * one with `rounds` below ROUNDS is measured in that many rounds only, the first ones.
 */
export async function measureRoutes(plan, proxy, log) {
  const entries = Object.entries(plan);
  const request = (route) => {
    const headers = { accept: route.accept ?? 'text/html' };
    if (route.browser) headers.cookie = route.browser.cookieHeader(route.server.baseUrl);
    return {
      url: route.server.url(route.path),
      headers,
      connections: route.connections ?? LOAD.connections,
    };
  };
  log(`warm-up: ${entries.length} routes, ${LOAD.warmupSeconds} s each`);
  for (const [, route] of entries) await warmUp(request(route));

  const rounds = Object.fromEntries(entries.map(([key]) => [key, []]));
  const calls = Object.fromEntries(entries.map(([key]) => [key, { idpCalls: 0, requests: 0 }]));
  for (let round = 0; round < ROUNDS; round++) {
    log(`load, round ${round + 1}/${ROUNDS}: ${entries.length} routes, ${LOAD.seconds} s each`);
    for (const [key, route] of round % 2 ? [...entries].reverse() : entries) {
      if (round >= (route.rounds ?? ROUNDS)) continue;
      const before = proxy.snapshot();
      const result = await measureRoute({ ...request(route), pid: route.server.pid });
      calls[key].idpCalls += callsBetween(before, proxy.snapshot()).total;
      calls[key].requests += result.requests;
      rounds[key].push(result);
    }
  }
  return Object.fromEntries(
    entries.map(([key, route]) => [
      key,
      {
        label: route.label,
        server: route.serverName,
        best: route.best ?? 'throughput',
        ...bestOf(rounds[key], route.best),
        /** Every round's req/s, in the order run, to show how much they spread. */
        roundsRequestsPerSecond: rounds[key].map((r) => r.requestsPerSecond),
        // Counted over every round, not only the best one.
        requests: calls[key].requests,
        idpCalls: calls[key].idpCalls,
        idpCallsPerRequest: calls[key].idpCalls / calls[key].requests,
      },
    ]),
  );
}

function bestOf(results, best = 'throughput') {
  const better =
    best === 'p99'
      ? (a, b) => (a.p99Ms < b.p99Ms ? a : b)
      : (a, b) => (a.requestsPerSecond > b.requestsPerSecond ? a : b);
  const chosen = results.reduce(better);
  return {
    connections: chosen.connections,
    requestsPerSecond: chosen.requestsPerSecond,
    p99Ms: chosen.p99Ms,
    serverCpuMsPerRequest: chosen.serverCpuMsPerRequest,
    serverCpuCores: chosen.serverCpuCores,
  };
}
