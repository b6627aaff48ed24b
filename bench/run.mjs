/*
 * `npm run bench`: builds the app, starts the development identity provider (behind a counting
 * proxy), the app (memory sessions), a second instance on Redis, instances with 2 and 100
 * tenants, the Nest and Express
 * references, fresh instances for memory figures and profiled instances for the stage table,
 * each in its own process on loopback, all before anything is measured; measures them side by
 * side in interleaved rounds; prints a markdown report and a verdict per target, and writes the
 * report to docs/benchmark.md. Not a test: it fails only when a measurement cannot be made.
 * BENCH_SKIP_BUILD=1 reuses dist/; BENCH_SAVE_PROFILE_BASELINE=1 keeps this run's stage table as
 * the "before" column of later runs.
 *
 * Also, set up once per run before anything is measured (bench/lib/nest12-app.mjs): a fresh
 * NestJS 12 app made by the pinned `nest new` in a temp folder, with the packed nest-okta and an
 * adopter's code (bench/nest12-app), its server untouched, beside the Nest reference run on that
 * app's NestJS 12. A one-time cost of a minute or two (most of it `npm install`); the folder is
 * removed at the end. BENCH_NEST12_DIR=<folder> keeps and reuses one (the module is packed and
 * installed again, the app rebuilt: seconds).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { LOAD } from './lib/load.mjs';
import { loadAverage, machineDetails } from './lib/machine.mjs';
import { historyRow, readHistory, writeHistory } from './lib/history.mjs';
import { freePort, killAllNow, stopAll } from './lib/processes.mjs';
import { profileRoute, profilingFlags } from './lib/profile-route.mjs';
import { prepareNest12App } from './lib/nest12-app.mjs';
import { startRedis } from './lib/redis.mjs';
import { renderReport, verdictLines } from './lib/report.mjs';
import {
  createSignedInSessions,
  createSignInSessions,
  memoryStoreCost,
  redisStoreCost,
} from './lib/sessions-memory.mjs';
import { firstSignIn, measureSignIns } from './lib/sign-ins.mjs';
import { startAdopterApp, startApp, startProvider, startReference } from './lib/stack.mjs';
import { readBaseline, saveBaseline } from './lib/stage-table.mjs';
import { judgeTargets } from './lib/targets.mjs';
import { measureRoutes } from './lib/throughput.mjs';
import { NEST12_SERVERS } from './lib/report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The NestJS major the demo app and the references load (both from the root's node_modules). */
function nestMajor() {
  const { version } = JSON.parse(
    readFileSync(join(root, 'node_modules', '@nestjs', 'core', 'package.json'), 'utf8'),
  );
  return version.split('.')[0];
}
/** The NestJS 12 rows: best of three interleaved rounds, as their targets ask. */
const NEST12_ROUNDS = 3;
const cleanups = [];
const startedAt = performance.now();
const log = (message) =>
  console.error(`[bench ${((performance.now() - startedAt) / 1000).toFixed(0)}s] ${message}`);

let interrupted = false;
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: stopping every child process`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const results = await measure();
  const file = join(root, 'docs', 'benchmark.md');
  const options = { ...(await prettier.resolveConfig(file)), filepath: file };
  const history = [...readHistory(), historyRow(results, nestMajor())];
  const report = await prettier.format(renderReport(results, history), options);
  writeHistory(history);
  writeFileSync(file, report);
  console.log(report);
  console.log(verdictLines(judgeTargets(results)).join('\n'));
  log('written to docs/benchmark.md');
} catch (error) {
  // After an interrupt, the measurement in progress fails because its server is gone.
  if (!interrupted) console.error(error);
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
  // Read before this run may replace it, so a run never shows itself as "before".
  const baseline = readBaseline();
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    log('npm run build');
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  }
  const nest12 = await prepareNest12App({ log, reuse: process.env.BENCH_NEST12_DIR });
  cleanups.push(async () => nest12.remove());
  const port = await freePorts(
    ...['app', 'redisApp', 'memoryApp', 'profiledApp', 'tenants2App', 'tenants100App'],
    ...['express', 'memoryExpress', 'nest', 'profiledNest'],
    ...['nest12App', 'profiledNest12App', 'nest12Nest', 'profiledNest12Nest'],
  );
  const redis = await startRedis();
  cleanups.push(redis.stop);
  const provider = await startProvider({
    appPorts: [port.app, port.redisApp, port.memoryApp, port.profiledApp],
    adopterAppPorts: [port.nest12App, port.profiledNest12App],
    tenantAppPorts: [port.tenants2App, port.tenants100App],
    referencePorts: {
      express: [port.express, port.memoryExpress],
      nest: [port.nest, port.profiledNest, port.nest12Nest, port.profiledNest12Nest],
    },
  });
  cleanups.push(provider.stop);
  const { issuer, proxy } = provider;

  log('starting every server');
  const appProfile = profilingFlags();
  const nestProfile = profilingFlags();
  const app = await started(startApp({ port: port.app, issuer }));
  const redisApp = await started(
    startApp({ port: port.redisApp, issuer, env: { REDIS_URL: redis.url } }),
  );
  // With a tenants file of 2 and of 100 tenants, one of which signs in (issue 14).
  const tenants2App = await started(startApp({ port: port.tenants2App, issuer, tenants: 2 }));
  const tenants100App = await started(startApp({ port: port.tenants100App, issuer, tenants: 100 }));
  const nest = await started(startReference({ kind: 'nest', port: port.nest, issuer }));
  const express = await started(startReference({ kind: 'express', port: port.express, issuer }));
  // Fresh instances that serve nothing before their memory figures are read.
  const memoryApp = await started(startApp({ port: port.memoryApp, issuer }));
  const memoryExpress = await started(
    startReference({ kind: 'express', port: port.memoryExpress, issuer }),
  );
  // Profiled instances, so the profiler's overhead stays out of the figures compared.
  const profiledApp = await started(
    startApp({ port: port.profiledApp, issuer, execArgv: appProfile.execArgv }),
  );
  const profiledNest = await started(
    startReference({
      kind: 'nest',
      port: port.profiledNest,
      issuer,
      execArgv: nestProfile.execArgv,
    }),
  );

  // The packaged module in the NestJS 12 template app, and the Nest reference on its NestJS.
  const nest12Flags = { app: profilingFlags(), nest: profilingFlags() };
  const onNest12 = { issuer, appDir: nest12.appDir };
  const nest12App = await started(startAdopterApp({ ...onNest12, port: port.nest12App }));
  const nest12Nest = await started(
    startReference({ kind: 'nest', port: port.nest12Nest, issuer, nestFrom: nest12.appDir }),
  );
  const profiledNest12App = await started(
    startAdopterApp({
      ...onNest12,
      port: port.profiledNest12App,
      execArgv: nest12Flags.app.execArgv,
    }),
  );
  const profiledNest12Nest = await started(
    startReference({
      kind: 'nest',
      port: port.profiledNest12Nest,
      issuer,
      nestFrom: nest12.appDir,
      execArgv: nest12Flags.nest.execArgv,
    }),
  );

  log('sign-ins');
  const first = {
    app: await firstSignIn(app, proxy),
    nest: await firstSignIn(nest, proxy),
    express: await firstSignIn(express, proxy),
  };
  const browsers = Object.fromEntries(Object.entries(first).map(([key, f]) => [key, f.browser]));
  browsers.redisApp = (await firstSignIn(redisApp, proxy)).browser;
  browsers.tenants2App = (await firstSignIn(tenants2App, proxy)).browser;
  browsers.tenants100App = (await firstSignIn(tenants100App, proxy)).browser;
  browsers.nest12App = (await firstSignIn(nest12App, proxy)).browser;
  browsers.nest12Nest = (await firstSignIn(nest12Nest, proxy)).browser;
  const signIns = await measureSignIns({ app, nest, express }, proxy, log);

  const servers = { app, redisApp, nest, express, tenants2App, tenants100App };
  servers.nest12App = nest12App;
  servers.nest12Nest = nest12Nest;
  const routes = await measureRoutes(routePlan(servers, browsers), proxy, log);

  log('profiles of guarded GET /api/me: this app, the Nest reference, both on NestJS 12');
  const profileOf = async (server, dir) => {
    const { browser } = await firstSignIn(server, proxy);
    const headers = { accept: 'application/json', cookie: browser.cookieHeader(server.baseUrl) };
    return profileRoute({ server, dir, path: '/api/me', headers });
  };
  const profiles = {
    app: await profileOf(profiledApp, appProfile.dir),
    nest: await profileOf(profiledNest, nestProfile.dir),
    nest12App: await profileOf(profiledNest12App, nest12Flags.app.dir),
    nest12Nest: await profileOf(profiledNest12Nest, nest12Flags.nest.dir),
  };
  const files = Object.values(profiles).map((p) => p.file);
  log(`CPU profiles, for Chrome DevTools: ${files.join(', ')}`);
  if (process.env.BENCH_SAVE_PROFILE_BASELINE === '1') saveBaseline(profiles.app, machine.date);

  log('memory: 10,000 sessions per store');
  const memoryBrowser = (await firstSignIn(memoryApp, proxy)).browser;
  const memory = {
    appSignedIn: await memoryStoreCost(memoryApp, createSignedInSessions(memoryApp, memoryBrowser)),
    appTransactions: await memoryStoreCost(memoryApp, createSignInSessions(memoryApp)),
    redisSignedIn: await redisStoreCost(redis, createSignedInSessions(redisApp, browsers.redisApp)),
    redisTransactions: await redisStoreCost(redis, createSignInSessions(redisApp)),
    expressTransactions: await memoryStoreCost(memoryExpress, createSignInSessions(memoryExpress)),
  };

  return {
    machine,
    loadAverageAtEnd: loadAverage(),
    routes,
    signIns,
    firstSignIn: Object.fromEntries(Object.entries(first).map(([key, f]) => [key, f.calls])),
    profiles,
    baseline,
    memory,
  };
}

/** The routes measured in rounds: what each target compares, and a few for context. */
function routePlan(
  { app, redisApp, nest, express, tenants2App, tenants100App, nest12App, nest12Nest },
  browsers,
) {
  const [ours, onRedis] = ['this app', 'this app (Redis)'];
  const me = (server, serverName, browser, extra = {}) => ({
    label: 'guarded GET /api/me (signed in)',
    server,
    serverName,
    path: '/api/me',
    accept: 'application/json',
    browser,
    ...extra,
  });
  const atLatencyLoad = { connections: LOAD.latencyConnections, best: 'p99' };
  return {
    bare: {
      label: 'bare NestJS route GET /health/live',
      server: app,
      serverName: ours,
      path: '/health/live',
    },
    health: { label: 'public route GET /health', server: app, serverName: ours, path: '/health' },
    me: me(app, ours, browsers.app),
    nestMe: me(nest, 'Nest reference', browsers.nest),
    expressMe: me(express, 'Express reference', browsers.express),
    shop: { label: 'public page GET /shop (HTML)', server: app, serverName: ours, path: '/shop' },
    profile: {
      label: 'guarded page GET /profile (HTML)',
      server: app,
      serverName: ours,
      path: '/profile',
      browser: browsers.app,
    },
    redisMe: me(redisApp, onRedis, browsers.redisApp),
    tenants2Me: me(tenants2App, 'this app, 2 tenants', browsers.tenants2App),
    tenants100Me: me(tenants100App, 'this app, 100 tenants', browsers.tenants100App),
    me20: me(app, ours, browsers.app, atLatencyLoad),
    nestMe20: me(nest, 'Nest reference', browsers.nest, atLatencyLoad),
    // NestJS 12: the packaged module in the template app, and the reference on the same NestJS.
    // Both signed in for /health too: a signed-in user's visit to a public route, where each app
    // does all of its per-request session work.
    ...nest12Routes(nest12App, nest12Nest, browsers),
  };
}

/** The rows of the packaged module in the NestJS 12 template app, and the reference's beside. */
function nest12Routes(nest12App, nest12Nest, browsers) {
  const [packaged, reference] = [NEST12_SERVERS.app, NEST12_SERVERS.nest];
  const route = (server, serverName, path, label, browser) => ({
    label,
    server,
    serverName,
    path,
    accept: 'application/json',
    browser,
    rounds: NEST12_ROUNDS,
  });
  const guarded = 'guarded GET /api/me (signed in)';
  const publicRoute = 'public route GET /health (signed in)';
  return {
    nest12Me: route(nest12App, packaged, '/api/me', guarded, browsers.nest12App),
    nest12NestMe: route(nest12Nest, reference, '/api/me', guarded, browsers.nest12Nest),
    nest12Health: route(nest12App, packaged, '/health', publicRoute, browsers.nest12App),
    nest12NestHealth: route(nest12Nest, reference, '/health', publicRoute, browsers.nest12Nest),
    nest12HealthAnonymous: route(
      nest12App,
      packaged,
      '/health',
      'public route GET /health (no cookie)',
    ),
  };
}

/** Registers a started server for clean-up and returns it. */
async function started(starting) {
  const server = await starting;
  cleanups.push(server.stop);
  return server;
}

/** A distinct free loopback port for each name: { name: port }. */
async function freePorts(...names) {
  const ports = new Set();
  while (ports.size < names.length) ports.add(await freePort());
  return Object.fromEntries([...ports].map((p, i) => [names[i], p]));
}
