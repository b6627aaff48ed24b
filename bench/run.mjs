/*
 * `npm run bench`: builds the app, starts the development identity provider (behind a counting
 * proxy), the app (memory sessions), a second instance on Redis, and the Express + Passport
 * reference, each in its own process on loopback; measures them side by side; prints a
 * markdown report and writes it to docs/benchmark.md. Not a test: it fails only when a
 * measurement cannot be made. BENCH_SKIP_BUILD=1 reuses dist/; BENCH_CPU_PROF=1 writes a CPU
 * profile of the app's process to a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { machineDetails } from './lib/machine.mjs';
import { freePort, killAllNow, stopAll } from './lib/processes.mjs';
import { startRedis } from './lib/redis.mjs';
import { renderReport } from './lib/report.mjs';
import { firstSignIn, sequentialSignIns } from './lib/sign-ins.mjs';
import {
  createSignedInSessions,
  createSignInSessions,
  memoryStoreCost,
  redisStoreCost,
} from './lib/sessions-memory.mjs';
import { startApp, startProvider, startReference } from './lib/stack.mjs';
import { measureRoutes, ROUNDS } from './lib/throughput.mjs';

const SIGN_IN_COUNT = 30;
const root = fileURLToPath(new URL('..', import.meta.url));
const cleanups = [];
const startedAt = performance.now();
const log = (message) =>
  console.error(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0)}s] ${message}`);

process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: stopping every child process`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const file = join(root, 'docs', 'benchmark.md');
  const options = { ...(await prettier.resolveConfig(file)), filepath: file };
  const report = await prettier.format(renderReport(await measure()), options);
  writeFileSync(file, report);
  console.log(report);
  log('written to docs/benchmark.md');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanUp();
}

async function cleanUp() {
  while (cleanups.length > 0)
    await cleanups
      .pop()()
      .catch(() => undefined);
  await stopAll();
}

async function measure() {
  const machine = machineDetails();
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    log('npm run build');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  }
  // The app, the app on Redis, a fresh app for memory; the reference and a fresh one for memory.
  const ports = await distinctFreePorts(5);
  const [appPort, redisAppPort, memoryAppPort, referencePort, memoryReferencePort] = ports;
  const redis = await startRedis();
  cleanups.push(redis.stop);
  const provider = await startProvider({
    appPorts: [appPort, redisAppPort, memoryAppPort],
    referencePorts: { express: [referencePort, memoryReferencePort] },
  });
  cleanups.push(provider.stop);
  const { issuer, proxy } = provider;
  const profileDir =
    process.env.BENCH_CPU_PROF === '1' ? mkdtempSync(join(tmpdir(), 'bench-prof-')) : undefined;
  const app = await started(
    startApp({
      port: appPort,
      issuer,
      execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    }),
  );
  const redisApp = await started(
    startApp({ port: redisAppPort, issuer, env: { REDIS_URL: redis.url } }),
  );
  const reference = await started(startReference({ kind: 'express', port: referencePort, issuer }));
  log(
    `provider ${issuer}, app ${app.baseUrl}, on Redis ${redisApp.baseUrl}, reference ${reference.baseUrl}`,
  );

  log(`sign-ins: ${SIGN_IN_COUNT} sequential, app then reference`);
  const firstApp = await firstSignIn(app, proxy);
  const firstReference = await firstSignIn(reference, proxy);
  const firstRedis = await firstSignIn(redisApp, proxy);
  const signIns = {
    app: await sequentialSignIns(app, proxy, SIGN_IN_COUNT),
    reference: await sequentialSignIns(reference, proxy, SIGN_IN_COUNT),
  };

  const json = 'application/json';
  const [ours, onRedis, theirs] = ['this app', 'this app (Redis)', 'Express reference'];
  const routes = await measureRoutes(
    {
      bare: {
        label: 'bare NestJS route GET /health/live',
        server: app,
        serverName: ours,
        path: '/health/live',
      },
      health: { label: 'public route GET /health', server: app, serverName: ours, path: '/health' },
      me: {
        label: 'guarded GET /api/me (signed in)',
        server: app,
        serverName: ours,
        path: '/api/me',
        accept: json,
        browser: firstApp.browser,
      },
      reference: {
        label: 'guarded GET /api/me (signed in)',
        server: reference,
        serverName: theirs,
        path: '/api/me',
        accept: json,
        browser: firstReference.browser,
      },
      shop: { label: 'public page GET /shop (HTML)', server: app, serverName: ours, path: '/shop' },
      profile: {
        label: 'guarded page GET /profile (HTML)',
        server: app,
        serverName: ours,
        path: '/profile',
        browser: firstApp.browser,
      },
      redisMe: {
        label: 'guarded GET /api/me (signed in)',
        server: redisApp,
        serverName: onRedis,
        path: '/api/me',
        accept: json,
        browser: firstRedis.browser,
      },
    },
    proxy,
    log,
  );

  log('memory: 10,000 sessions per store, in fresh processes for the memory store');
  const memoryApp = await started(startApp({ port: memoryAppPort, issuer }));
  const { browser: memoryBrowser } = await firstSignIn(memoryApp, proxy);
  const memoryReference = await started(
    startReference({ kind: 'express', port: memoryReferencePort, issuer }),
  );
  const memory = {
    appSignedIn: await memoryStoreCost(memoryApp, createSignedInSessions(memoryApp, memoryBrowser)),
    appTransactions: await memoryStoreCost(memoryApp, createSignInSessions(memoryApp)),
    redisSignedIn: await redisStoreCost(
      redis,
      createSignedInSessions(redisApp, firstRedis.browser),
    ),
    redisTransactions: await redisStoreCost(redis, createSignInSessions(redisApp)),
    referenceTransactions: await memoryStoreCost(
      memoryReference,
      createSignInSessions(memoryReference),
    ),
  };
  if (profileDir) log(`CPU profile of the app will be in ${profileDir} once it stops`);

  return {
    machine,
    routes,
    signIns,
    firstSignIn: { app: firstApp.calls, reference: firstReference.calls },
    memory,
    notes: notes(),
  };
}

/** Registers a started server for clean-up and returns it. */
async function started(starting) {
  const server = await starting;
  cleanups.push(server.stop);
  return server;
}

function notes() {
  return [
    'The app runs from `dist/` as `main.js` does (configuration from the environment, `createApp`), started by `bench/app-child.mjs` with `NODE_ENV=test`, `LOG_LEVEL=silent` and `SIGN_IN_RATE_LIMIT_PER_MINUTE` raised so 10,000 sign-in transactions can be created from one address. The Express reference logs nothing either.',
    'The bare NestJS route is `GET /health/live` (no session, no guard work: `@Public()` and a constant body). The public route `GET /health` also skips the session middleware; `GET /shop` goes through the session and Passport middleware without a cookie and renders a template.',
    `Each route is loaded ${ROUNDS} times (the second round in reverse order) and its best round is reported: other work on a shared machine only slows a run down. Server CPU is the server process's user + system time over the run (from /proc) divided by the requests served: steadier than req/s when other work shares the machine.`,
    "Signed-in routes send the session cookie of a real sign-in (alice@example.com through the provider's form). Every answer must be 200, or the run fails.",
    `Sign-ins: ${SIGN_IN_COUNT} one after another, each with a fresh cookie jar, so each loads the provider's page, posts the password and follows every redirect back to the app's page. The bench's browser requests are marked and not counted as provider calls; all other requests reaching the provider are.`,
    "Memory: 10,000 sign-in transactions are created by GET /login without cookies (each stores one in a new session); 10,000 signed-in sessions by copying one real signed-in session (tokens and claims) under new ids in the app's own store. Memory-store figures come from fresh processes (one app, one reference) that served nothing else, read after a full GC (`--expose-gc`); Redis memory is `INFO memory` used_memory, and the bench checks that 10,000 keys appeared.",
    "The Express reference follows Okta's Express + Passport guide: express-session's memory store (`saveUninitialized: true`, not rolling), a verify callback of `(issuer, profile, done)` (so no userinfo call and no ID-token signature check), and `req.isAuthenticated()` in front of `/api/me`. It adds PKCE, which the development provider requires. This app does more per request: an active session is extended once a minute (saved, cookie re-sent), the absolute sign-in lifetime check, helmet's headers, request ids and no-store.",
  ];
}

async function distinctFreePorts(count) {
  const ports = new Set();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
