import { endpoints, fmt, ratio, table } from './format.mjs';
import { historyTable } from './history.mjs';
import { LOAD } from './load.mjs';
import { PROFILE_SECONDS } from './profile-route.mjs';
import { REDIS_SAMPLE, SESSION_COUNT } from './sessions-memory.mjs';
import { SIGN_IN_ROUNDS, SIGN_INS_PER_ROUND } from './sign-ins.mjs';
import { stageTable } from './stage-table.mjs';
import { judgeTargets } from './targets.mjs';
import { ROUNDS } from './throughput.mjs';

const kib = (bytes) => `${fmt(bytes / 1024)} KiB`;

/** The servers of the NestJS 12 rows, as the report names them. */
export const NEST12_SERVERS = {
  app: 'packaged module, NestJS 12 template app',
  nest: 'Nest reference on NestJS 12',
};

/** Rows of the NestJS 12 section (route keys starting `nest12`), and the others. */
const isNest12 = (key) => key.startsWith('nest12');
const routesWhere = (routes, test) =>
  Object.entries(routes)
    .filter(([key]) => test(key))
    .map(([, route]) => route);

/** One line per target, as `npm run bench` prints them at the end. */
export function verdictLines(targets) {
  return targets.map((t) => `${t.met ? 'met   ' : 'MISSED'}  ${t.target}: ${t.measured}`);
}

function targetsTable(targets) {
  return table(
    ['target', 'measured', 'result'],
    targets.map((t) => [t.target, t.measured, t.met ? 'met' : '**missed**']),
  );
}

function machineTable({ machine, loadAverageAtEnd }) {
  return table(
    ['CPU', 'cores', 'memory', 'Node', 'platform', 'date', 'load average at start', 'at end'],
    [
      [
        machine.cpu,
        machine.cores,
        `${machine.memoryGiB} GiB`,
        machine.node,
        machine.platform,
        machine.date,
        machine.loadAverage,
        loadAverageAtEnd,
      ],
    ],
  );
}

function requestsTable({ routes }) {
  const against = (route, key) =>
    route.connections === LOAD.connections
      ? ratio(route.requestsPerSecond, routes[key].requestsPerSecond)
      : '';
  return table(
    [
      'route',
      'server',
      'connections',
      'req/s (best round)',
      'req/s, every round',
      'p99 ms',
      'server CPU ms / request',
      'IdP calls / request',
      '× GET /health',
      '× Nest reference',
      '× Express reference',
    ],
    routesWhere(routes, (key) => !isNest12(key)).map((route) => [
      route.label,
      route.server,
      route.connections,
      fmt(route.requestsPerSecond),
      route.roundsRequestsPerSecond.map((n) => fmt(n)).join(', '),
      route.best === 'p99' ? `**${fmt(route.p99Ms)}**` : fmt(route.p99Ms),
      fmt(route.serverCpuMsPerRequest, 2),
      fmt(route.idpCallsPerRequest, 3),
      against(route, 'health'),
      against(route, 'nestMe'),
      against(route, 'expressMe'),
    ]),
  );
}

function signInTable({ signIns, firstSignIn }) {
  const servers = [
    ['this app', 'app'],
    ['Nest reference', 'nest'],
    ['Express reference', 'express'],
  ];
  const row = (label, cell) => [label, ...servers.map(([, key]) => cell(key))];
  return table(
    ['sequential sign-ins, end to end', ...servers.map(([name]) => name)],
    [
      row('ms per sign-in (best round)', (key) => fmt(signIns[key].msEach, 1)),
      row('ms per sign-in, every round', (key) =>
        signIns[key].roundsMsEach.map((n) => fmt(n, 1)).join(', '),
      ),
      row('× Express reference', (key) => ratio(signIns[key].msEach, signIns.express.msEach)),
      row(
        'IdP calls per sign-in',
        (key) => `${fmt(signIns[key].callsPerSignIn, 2)} (${endpoints(signIns[key].byEndpoint)})`,
      ),
      row(
        'IdP calls, first sign-in after start',
        (key) => `${firstSignIn[key].total} (${endpoints(firstSignIn[key].byEndpoint)})`,
      ),
    ],
  );
}

function memoryTables({ memory: m }) {
  const each = (bytes) => `${fmt(bytes / SESSION_COUNT)} B`;
  const inProcess = (label, server, cost) => [
    label,
    server,
    `${kib(cost.rssBytes)} (${each(cost.rssBytes)} each)`,
    `${kib(cost.heapBytes)} (${each(cost.heapBytes)} each)`,
  ];
  const inRedis = (label, cost) => [
    label,
    `${kib(cost.usedMemoryBytes)} (**${fmt(cost.usedMemoryBytesPerKey)} B** each)`,
    `${fmt(cost.memoryUsageBytesPerKey)} B`,
    `${fmt(cost.valueBytesPerKey)} B`,
  ];
  const count = fmt(SESSION_COUNT);
  return `${table(
    [`${count} sessions, this app on Redis`, 'used_memory delta', 'MEMORY USAGE', 'stored value'],
    [
      inRedis('signed-in sessions (copies of a real one)', m.redisSignedIn),
      inRedis('sign-in transactions (GET /login)', m.redisTransactions),
    ],
  )}

${table(
  [`${count} sessions, memory store`, 'server', 'process RSS delta', 'JS heap delta'],
  [
    inProcess('signed-in sessions (copies of a real one)', 'this app', m.appSignedIn),
    inProcess('sign-in transactions (GET /login)', 'this app', m.appTransactions),
    inProcess('sessions made by GET /login', 'Express reference', m.expressTransactions),
  ],
)}`;
}

/**
 * The packaged module in a fresh NestJS 12 app (issue: an adopter's hot path as cheap as the
 * reference): its rows beside the reference's on the same NestJS, and where each spends its time.
 */
function nest12Section({ routes, profiles }) {
  const rows = Object.entries(routes).filter(([key]) => isNest12(key));
  const against = { nest12Me: 'nest12NestMe', nest12Health: 'nest12NestHealth' };
  const versus = (key, cell) => (against[key] ? cell(routes[key], routes[against[key]]) : '');
  const cpu = (route) => `${fmt(route.serverCpuMsPerRequest, 3)} ms`;
  const requests = table(
    [
      'route',
      'server',
      'req/s (best round)',
      'req/s, every round',
      'p99 ms',
      'server CPU ms / request',
      '× the reference, req/s',
      '× the reference, by server CPU',
    ],
    rows.map(([key, route]) => [
      route.label,
      route.server,
      fmt(route.requestsPerSecond),
      route.roundsRequestsPerSecond.map((n) => fmt(n)).join(', '),
      fmt(route.p99Ms),
      fmt(route.serverCpuMsPerRequest, 3),
      versus(key, (a, b) => ratio(a.requestsPerSecond, b.requestsPerSecond)),
      versus(key, (a, b) => ratio(b.serverCpuMsPerRequest, a.serverCpuMsPerRequest)),
    ]),
  );
  return `## The packaged module in a NestJS 12 template app

An adopter's app as \`nest new\` makes it today (NestJS 12, the CommonJS template, its server
untouched: no prototype adapter, express-session's memory store with its \`touch\`), with the
packed \`nest-okta\` installed from its tarball, a \`@Public()\` \`GET /health\` and a \`GET /api/me\`
behind the module's global guard returning \`@CurrentUser()\`, beside the Nest reference run on the
same app's NestJS 12. Measured in the same interleaved rounds as every other route, the first
${rows[0]?.[1].roundsRequestsPerSecond.length ?? 3} of them (best round reported; ratios within this run).

${requests}

Server CPU per request: guarded \`/api/me\` ${cpu(routes.nest12Me)} with the module, ${cpu(routes.nest12NestMe)} for the
reference; \`/health\` signed in ${cpu(routes.nest12Health)} and ${cpu(routes.nest12NestHealth)}; \`/health\` without a cookie ${cpu(routes.nest12HealthAnonymous)}.
Split by stage from CPU profiles of guarded \`GET /api/me\` (µs per request, as below):

${stageTable({ [NEST12_SERVERS.app]: profiles.nest12App, [NEST12_SERVERS.nest]: profiles.nest12Nest })}

${prototypeAdapterDecision()}
`;
}

/**
 * Why the package does not offer the demo app's prototype adapter, with the figures of the one
 * run that measured it (not repeated in every run: the package does not offer it).
 */
function prototypeAdapterDecision() {
  return `### The prototype adapter: not offered by the package

What made the difference between the module and the reference was not the server but the
module's own per-request work on requests Express 5 has re-prototyped (\`Object.setPrototypeOf(req,
app.request)\`), after which, in V8, every property added to a request builds a new hidden class.
Passport's \`initialize()\` adds seven to every request (\`login\`, \`logIn\`, \`logout\`, \`logOut\`,
\`isAuthenticated\`, \`isUnauthenticated\`, \`_sessionManager\`): about 20 µs of a signed-in request
in the profiles, the module's costliest step. The module now defines those helpers once on the
app's request prototype (\`app.request\`, Express's documented place to extend requests) and finds
each org's session manager through the request's context, so a request gets none of them; it
keeps one context per org instead of building one per request, works out the page paths once per
context, and makes no promise when its session work finishes in the same turn. With that, the
packaged module's stage table above has almost nothing left in Passport, and what it still spends
above the reference is data rather than steps: its session holds the user's userinfo claims
(which \`@CurrentUser()\` and pages read), larger than the reference's profile, and express-session
parses and hashes the session several times per request (its memory store's \`touch\` included);
its \`/api/me\` answer (the whole \`OktaUser\`, claims included) is about 410 bytes where the
reference's is 180.

The prototype adapter (\`src/http/express-prototype-adapter.ts\` in the demo app) makes requests
and responses with Express's prototypes from the start, so no property added to them builds a
hidden class. Measured once in the same template app (2026-12-06, on this machine with a load
average of 4 to 6 from other work; \`bench/adopter-app-child.mjs\` with \`BENCH_APP_MAIN\` set to a
\`main.ts\` that passes \`new ExpressPrototypeAdapter()\` to \`NestFactory.create\`, in interleaved
rounds beside the app without it and the reference): server CPU per request on guarded \`/api/me\`
0.254 ms with it, 0.480 ms without it, 0.427 ms for the reference; on \`/health\` (signed in) 0.241,
0.433 and 0.442 ms. It halves the cost of a request, but it does that for any Express 5 app, the
reference included: it is no longer what separates the module from the reference, which the
rows above judge without it. So the package does not offer it:

- It is not the module's to decide. It replaces how the app's HTTP server is made
  (\`http.createServer\` with request and response classes of its own, through
  \`ExpressAdapter.initHttpServer\`), which is the app's choice: it cannot apply with
  \`httpsOptions\` or \`forceCloseConnections\`, nor with an app that makes its own server or adapter,
  and an auth module that changes the server of the app that imports it surprises that app.
- It rests on internals of two peers across their majors: \`ExpressAdapter.initHttpServer\`
  (NestJS 11 and 12) and Express 5's \`app.request\`/\`app.response\` re-prototyping. Offering it means
  an opt-in, a warning whenever it cannot apply, and tests against every NestJS and Express
  version in the peer range, for a gain that is not about signing in.
- An app that wants it can keep it as app code: the demo's adapter is 40 lines with its own spec,
  and the module works the same with or without it (the demo app runs the module with it).`;
}

/** The stage table, and the stages where the app spends most above the Nest reference. */
function timeSection({ routes, profiles, baseline }) {
  const cpu = (key) => `${fmt(routes[key].serverCpuMsPerRequest, 2)} ms`;
  const nest = new Map(profiles.nest.stages);
  const above = profiles.app.stages
    .map(([stage, us]) => [stage, us - (nest.get(stage) ?? 0)])
    .filter(([, extra]) => extra >= 5)
    .sort((a, b) => b[1] - a[1])
    .map(([stage, extra]) => `${stage} +${fmt(extra)} µs`);
  return `## Where the time goes

Server CPU per request in the rounds above: guarded \`/api/me\` ${cpu('me')} (${cpu('redisMe')} on
Redis), \`/health\` ${cpu('health')}, the Nest reference's \`/api/me\` ${cpu('nestMe')}, the Express
reference's ${cpu('expressMe')}. Split by stage from CPU profiles of guarded \`GET /api/me\` (a
profiled instance of each, ${PROFILE_SECONDS} s at ${LOAD.connections} connections; µs per request):

${stageTable({ 'this app': profiles.app, 'Nest reference': profiles.nest }, baseline)}

Where this app spends more than the Nest reference, by stage (≥ 5 µs): ${above.join('; ') || 'nowhere'}.

${remainingCost(routes)}

How to read it: each sample is charged to the deepest frame on its stack that the stage table in
\`bench/lib/cpu-profile.mjs\` claims (so JSON.parse under the store is session load, SHA-1 under
express-session's \`hash\` is the session hash, a write under express-session's \`res.end\`
wrapper is the socket write), and the process's CPU time from /proc is divided in those
proportions, because V8 samples wall time. The profiled instances also pay for the profiler, so
their totals sit above the rounds' figures: compare stages within a column, or one column across
runs. \`npm run bench:profile\` prints the same table for the app alone, with self and total time
by function; \`-- --save-baseline\` keeps its figures as the "before" column of later runs.
`;
}

/**
 * What keeps the signed-in route from `/health`, with this run's figures, and why the Nest
 * reference is no longer the floor.
 */
function remainingCost({ health, me, nestMe }) {
  const rps = (route) => route.requestsPerSecond;
  const cpu = (route) => route.serverCpuMsPerRequest;
  return `What remains, and why it stays. Guarded \`/api/me\` ran at ${ratio(rps(me), rps(health))} of this app's \`/health\` in this run (by server CPU per request ${ratio(cpu(health), cpu(me))}). Beyond what \`/health\` does, every signed-in request on express-session checks the cookie's signature (HMAC-SHA256), parses the session from the store and hashes it three times (JSON with a replacer, then SHA-1): on load, to decide whether to re-send the cookie (asked only because the cookie has an expiry, which the idle timeout needs), and to decide whether to save it; then the user is restored, the absolute lifetime and idle extension checked and the guard run. This app's session is larger than the references' (the user's userinfo claims, which pages and \`@CurrentUser()\` read, the sign-in time, the last activity), so that parse and those hashes cost more, and each answer carries helmet's headers, a request id and no-store (about 900 bytes of headers where the references send under 200), which the issue keeps. The Nest reference is no longer the floor: it ran at ${ratio(rps(nestMe), rps(health))} of this app's \`/health\`, because Express 5 re-prototypes every request and response (\`Object.setPrototypeOf\`), after which, in V8, each property added to them (Express's router, express-session, Passport: some twenty on a signed-in request) builds a new hidden class; this app's server makes them with Express's prototypes from the start (\`src/http/express-prototype-adapter.ts\`), which halved the server CPU of a signed-in request. What else this work removed is in the stage table: Passport's per-request strategy run, the ETag's SHA-1 of every no-store body, express-session's touch step (a fourth hash, and every answer split into two writes), helmet's dozen middlewares per request (its headers are recorded once), all but one of the module's middleware layers with tenants, and, for Redis, a third of every entry. p99 at 20 connections follows server CPU per request: with 20 requests queued on one event loop, each waits for the CPU of the others.`;
}

function methodNotes() {
  return [
    'The app runs from `dist/` as `main.js` does (configuration from the environment, `createApp`), started by `bench/app-child.mjs` with `NODE_ENV=test`, `LOG_LEVEL=silent` and `SIGN_IN_RATE_LIMIT_PER_MINUTE` raised so 10,000 sign-in transactions can be created from one address. Neither reference logs anything.',
    `Every server is started once, before anything is measured, each in its own process. Each route gets one ${LOAD.warmupSeconds} s warm-up, then ${ROUNDS} rounds of ${LOAD.seconds} s per route, every route once per round, each round in the reverse order of the one before (A, B, … B, A, …). A route's best round is reported (its highest req/s; for the 20-connection latency rows, its lowest p99, in bold): other work on a shared machine only slows a run down. All ratios compare figures of this one run. Server CPU is the server process's user + system time over the round (from /proc) divided by the requests served: steadier than req/s when other work shares the machine. The throughput targets are judged on req/s, as the issue states them; with the load average above the core count, rounds spread widely (see "every round"), and a verdict close to its threshold can change from one run to the next, so the server-CPU ratio is given beside each.`,
    "Tenants (issue 14): two more instances of the app run with a tenants file (`TENANTS_FILE`, resolution by host under `localhost:PORT`) of 2 and of 100 tenants. One, `acme`, signs in at the bench's provider; the others have Okta settings of their own with client ids the provider does not know, and are never asked for, so their scopes are never built. Requests connect to 127.0.0.1 with `Host: acme.localhost:PORT`, as a browser does for `*.localhost`. A tenant row is within noise when its best round is at least the single-tenant route's worst round, as a share of that route's best (shown as \"reach down to\").",
    'The bare NestJS route is `GET /health/live` (no session, no guard work: `@Public()` and a constant body). The public route `GET /health` also skips the session middleware; `GET /shop` goes through the session and Passport middleware without a cookie and renders a template.',
    "Signed-in routes send the session cookie of a real sign-in (alice@example.com through the provider's form). Every answer must be 200, or the run fails. Provider calls are counted by a proxy the servers know as the issuer, over every round; the bench's own browser requests are marked and not counted.",
    `Sign-ins: whole sign-ins one after another, each with a fresh cookie jar (the app's sign-in route, the provider's page, the password posted, every redirect followed back to a signed-in page); after a warm-up, ${SIGN_IN_ROUNDS} rounds of ${SIGN_INS_PER_ROUND} per server, interleaved like the routes; the best round is reported.`,
    `Memory: ${fmt(SESSION_COUNT)} sign-in transactions are created by GET /login without cookies (each stores one in a new session); ${fmt(SESSION_COUNT)} signed-in sessions by copying one real signed-in session under new ids in the app's own store. That is the record every signed-in request loads; the sign-in's tokens (about 1.9 KB for the development provider's tokens) are a record of their own beside it (\`<session id>:tokens\`, the token vault), read only to call an API, refresh or sign out, and not counted here. In Redis, the target is judged on the used_memory delta ÷ the new keys (everything Redis allocated for them, expiry entries and hash-table growth included); beside it, the mean MEMORY USAGE and stored value length of ${REDIS_SAMPLE} of the new keys. Memory-store figures come from fresh processes (one app, one Express reference) that served nothing else, read after a full GC (\`--expose-gc\`).`,
    `NestJS 12 (the packaged module in a template app): before anything is measured, the bench packs \`packages/nest-okta\` (\`npm pack\`), makes a fresh app in a temp folder with the NestJS 12 CLI pinned in \`scripts/adoption-proof.sh\` (\`nest new --type cjs\`), installs the tarball with express-session, @nestjs/throttler and passport, replaces the template's controller and service with \`bench/nest12-app/src\` (\`main.ts\`: the template's bootstrap plus express-session with its memory store, as the module's README says; \`app.module.ts\`: \`AuthModule.forRoot\`, \`@Public() GET /health\`, \`GET /api/me\` returning \`@CurrentUser()\`), and builds it with the template's \`npm run build\` (a minute or two, once per run). The app runs as \`node dist/main\` from its folder (\`bench/adopter-app-child.mjs\` only waits for its port and exits on SIGTERM); the Nest reference runs from \`bench/reference/nest-passport-app.mjs\` with \`NEST_FROM\` set to that folder, so it loads the same NestJS 12. Each signs in once through the provider's form (the module's sign-in returning to \`/api/me\`), and both \`/health\` and \`/api/me\` are loaded with that session's cookie, so both apps do their whole per-request session work on each; \`/health\` without a cookie is shown for the packaged app alone (the reference saves a new session on every cookie-less request). Targets: best round of req/s, ratio within this run.`,
    "The Express reference follows Okta's Express + Passport guide: express-session's memory store (`saveUninitialized: true`, not rolling), a verify callback of `(issuer, profile, done)` (so no userinfo call and no ID-token signature check), and `req.isAuthenticated()` in front of `/api/me`; it adds PKCE, which the development provider requires. The Nest reference (`bench/reference/nest-passport-app.mjs`) is the same setup (shared code) in a minimal NestJS app on the Express adapter, with a guard that only asks `req.isAuthenticated()`: the stack as Nest and the guide set it up, on Nest's default Express adapter. This app does more per request: an active session is extended once a minute (saved, cookie re-sent), the absolute sign-in lifetime check, helmet's headers, request ids and no-store.",
  ];
}

/**
 * The results as markdown: what `npm run bench` prints and writes to docs/benchmark.md, ending
 * with every run's figures by date (`history`, this run's row last).
 */
export function renderReport(r, history) {
  return `# Benchmark

Measured by \`npm run bench\` (\`bench/run.mjs\`): the built app, a minimal NestJS + Passport
app and a plain Express + Passport app (the references), and the development identity provider,
on loopback, each server in a process of its own, loaded by autocannon from the bench process
(${LOAD.connections} connections, ${ROUNDS} interleaved rounds of ${LOAD.seconds} s per route, best round reported).
Everything in one run, side by side; the ratios matter more than the absolute figures.
Earlier runs are in [Figures by date](#figures-by-date).

${machineTable(r)}

## Targets (issues 12 and 14, and the NestJS 12 adopter's hot path)

${targetsTable(judgeTargets(r))}

## Requests

${requestsTable(r)}

## Sign-in

${signInTable(r)}

## Memory

${memoryTables(r)}

${timeSection(r)}
${nest12Section(r)}
## How it is measured

${methodNotes()
  .map((note) => `- ${note}`)
  .join('\n')}

## Figures by date

One row per run (this one last), from \`bench/history.json\`, which each run extends. Ratios compare
servers within one run, so compare ratios across rows, not req/s: machines and their load differ.

${historyTable(history)}
`;
}
