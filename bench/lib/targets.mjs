import { endpoints, fmt, ratio } from './format.mjs';
import { SESSION_COUNT } from './sessions-memory.mjs';

/**
 * The targets of issue 12, and issue 14's tenant rows, each judged on figures of one run:
 * { target, measured, met }.
 */
export function judgeTargets({ routes, signIns, firstSignIn, memory }) {
  const rps = (key) => routes[key].requestsPerSecond;
  const cpu = (key) => routes[key].serverCpuMsPerRequest;
  const versus = (a, b) =>
    `${ratio(rps(a), rps(b))} (${fmt(rps(a))} vs ${fmt(rps(b))} req/s; by server CPU per request ${ratio(cpu(b), cpu(a))})`;
  const signedIn = ['me', 'profile', 'redisMe', 'me20'];
  const signedInCalls = signedIn.reduce((sum, key) => sum + routes[key].idpCalls, 0);
  const signedInRequests = signedIn.reduce((sum, key) => sum + routes[key].requests, 0);
  const bytes = (cost) =>
    `${fmt(cost.usedMemoryBytesPerKey)} B (used_memory delta ÷ ${fmt(SESSION_COUNT)} keys; MEMORY USAGE ${fmt(cost.memoryUsageBytesPerKey)} B, stored value ${fmt(cost.valueBytesPerKey)} B)`;
  const ms = (key) => signIns[key].msEach;
  // How far the single-tenant route's own rounds fall below its best: the run's noise.
  const rounds = routes.me.roundsRequestsPerSecond;
  const noise = Math.min(...rounds) / Math.max(...rounds);
  const tenantRow = (key, count) => ({
    target: `Signed-in GET /api/me with ${count} configured tenants within noise of single-tenant (issue 14)`,
    measured: `${versus(key, 'me')}; single-tenant rounds reach down to ${fmt(noise, 2)}× of its best`,
    met: rps(key) >= noise * rps('me'),
  });
  return [
    {
      target: "Guarded GET /api/me ≥ 0.9× this app's GET /health",
      measured: versus('me', 'health'),
      met: rps('me') >= 0.9 * rps('health'),
    },
    {
      target: "Guarded GET /api/me ≥ 1.0× the Nest reference's guarded route",
      measured: `${versus('me', 'nestMe')}; against the Express reference ${ratio(rps('me'), rps('expressMe'))}`,
      met: rps('me') >= rps('nestMe'),
    },
    {
      target: 'Guarded GET /api/me on Redis ≥ 0.8× on the memory store',
      measured: versus('redisMe', 'me'),
      met: rps('redisMe') >= 0.8 * rps('me'),
    },
    {
      target: 'A signed-in session in Redis ≤ 800 B',
      measured: bytes(memory.redisSignedIn),
      met: memory.redisSignedIn.usedMemoryBytesPerKey <= 800,
    },
    {
      target: 'A pending sign-in transaction in Redis ≤ 400 B',
      measured: bytes(memory.redisTransactions),
      met: memory.redisTransactions.usedMemoryBytesPerKey <= 400,
    },
    {
      target: "A sequential sign-in ≤ 1.5× the Express reference's time",
      measured: `${ratio(ms('app'), ms('express'))} (${fmt(ms('app'), 1)} vs ${fmt(ms('express'), 1)} ms; the Nest reference ${fmt(ms('nest'), 1)} ms)`,
      met: ms('app') <= 1.5 * ms('express'),
    },
    {
      target: 'A signed-in request makes 0 calls to the identity provider',
      measured: `${fmt(signedInCalls)} calls in ${fmt(signedInRequests)} signed-in requests (GET /api/me, /profile, on Redis, at 20 connections)`,
      met: signedInCalls === 0,
    },
    {
      target: 'A sign-in makes at most 2 calls to the identity provider',
      measured: `${fmt(signIns.app.callsPerSignIn, 2)} per sign-in (${endpoints(signIns.app.byEndpoint)}) over ${signIns.app.count}; the first after start: ${firstSignIn.app.total} (${endpoints(firstSignIn.app.byEndpoint)})`,
      met: signIns.app.callsPerSignIn <= 2,
    },
    {
      target: "p99 of guarded GET /api/me at 20 connections ≤ the Nest reference's",
      measured: `${fmt(routes.me20.p99Ms)} vs ${fmt(routes.nestMe20.p99Ms)} ms (lowest p99 of ${routes.me20.roundsRequestsPerSecond.length} rounds each)`,
      met: routes.me20.p99Ms <= routes.nestMe20.p99Ms,
    },
    tenantRow('tenants2Me', 2),
    tenantRow('tenants100Me', 100),
    {
      target:
        'NestJS 12 template app, server untouched: guarded GET /api/me with the packaged module ≥ 1.0× the Nest reference on NestJS 12',
      measured: versus('nest12Me', 'nest12NestMe'),
      met: rps('nest12Me') >= rps('nest12NestMe'),
    },
    {
      target:
        'NestJS 12 template app, server untouched: public GET /health with the packaged module ≥ 0.97× the Nest reference on NestJS 12',
      measured: versus('nest12Health', 'nest12NestHealth'),
      met: rps('nest12Health') >= 0.97 * rps('nest12NestHealth'),
    },
  ];
}
