/*
 * `npm run bench:profile` (`node bench/profile.mjs [path] [--tenants=N] [--save-baseline]`):
 * where the app's CPU goes under load on one route (default the guarded GET /api/me), with
 * `--tenants=N` on an app with a tenants file of N tenants. Starts the provider and
 * the app with --cpu-prof, signs in, loads the route as `npm run bench` does, stops the app so
 * it writes its profile, and prints the stage table of docs/benchmark.md (with the saved
 * baseline as "before" when there is one), then self time by package and by function.
 * `--save-baseline` keeps this run's stages as that baseline. Uses dist/ as built (run
 * `npm run build` first). `--nest12` profiles the packaged module in a NestJS 12 template app
 * instead, `--nest12-reference` the Nest reference on the same NestJS (set up as `npm run bench`
 * does; the work folder is kept, and BENCH_NEST12_DIR=<it> reuses it, re-packing the module).
 */
import { prepareNest12App } from './lib/nest12-app.mjs';
import { freePort, killAllNow, stopAll } from './lib/processes.mjs';
import { profileRoute, profilingFlags } from './lib/profile-route.mjs';
import { firstSignIn } from './lib/sign-ins.mjs';
import { startAdopterApp, startApp, startProvider, startReference } from './lib/stack.mjs';
import { readBaseline, saveBaseline, stageTable } from './lib/stage-table.mjs';

const args = process.argv.slice(2);
const path = args.find((arg) => arg.startsWith('/')) ?? '/api/me';
// `--tenants=N`: the app with a tenants file of N tenants, one signed in (as `npm run bench`).
const tenants = Number(args.find((arg) => arg.startsWith('--tenants='))?.slice(10)) || undefined;
// `--nest12`: the packaged module in the NestJS 12 template app instead (bench/lib/nest12-app.mjs;
// BENCH_NEST12_DIR reuses a kept work folder); `--nest12-reference`: the Nest reference on it.
const nest12 = args.includes('--nest12') || args.includes('--nest12-reference');
const reference = args.includes('--nest12-reference');
const log = (message) => console.error(`[profile] ${message}`);
process.once('exit', killAllNow);
process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

let provider;
try {
  const template = nest12
    ? await prepareNest12App({ log, reuse: process.env.BENCH_NEST12_DIR })
    : undefined;
  if (template && !process.env.BENCH_NEST12_DIR) log(`kept: BENCH_NEST12_DIR=${template.work}`);
  const appPort = await freePort();
  provider = await startProvider({
    appPorts: [appPort],
    tenantAppPorts: [appPort],
    referencePorts: reference ? { nest: [appPort] } : {},
  });
  const { dir, execArgv } = profilingFlags();
  const { issuer } = provider;
  const app = reference
    ? await startReference({
        kind: 'nest',
        port: appPort,
        issuer,
        execArgv,
        nestFrom: template.appDir,
      })
    : template
      ? await startAdopterApp({ port: appPort, issuer, execArgv, appDir: template.appDir })
      : await startApp({ port: appPort, issuer, execArgv, tenants });
  const { browser } = await firstSignIn(app, provider.proxy);
  const headers = { accept: 'application/json', cookie: browser.cookieHeader(app.baseUrl) };
  const profile = await profileRoute({ server: app, dir, path, headers });
  const baseline = readBaseline();
  console.log(`GET ${path}: ${profile.requestsPerSecond.toFixed(0)} req/s; ${profile.file}\n`);
  const heading = reference
    ? 'Nest reference on NestJS 12'
    : nest12
      ? 'packaged module, NestJS 12 template app'
      : 'this app';
  // The baseline is the demo app's: shown beside the demo app only.
  const before = !nest12 && baseline?.path === path ? baseline : undefined;
  console.log(stageTable({ [heading]: profile }, before));
  if (args.includes('--save-baseline') && !nest12) {
    saveBaseline(profile, new Date().toISOString());
    console.log('\nsaved as the baseline (bench/profile-baseline.json)');
  }
  printDetail(profile.summary);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await provider?.stop();
  await stopAll();
}

/** Self and total time by package and function, from summariseProfile. */
function printDetail(summary) {
  const ms = (n) => n.toFixed(0).padStart(7);
  const share = (t) => `${((100 * t) / summary.sampledMs).toFixed(1).padStart(5)}%`;
  console.log(`\n${summary.sampledMs.toFixed(0)} ms of CPU sampled under load`);
  console.log('\nself time by package (ms, share):');
  for (const [name, t] of summary.packages) console.log(`${ms(t)} ${share(t)}  ${name}`);
  console.log('\nself time by function (ms):');
  for (const [name, t] of summary.selfFunctions) console.log(`${ms(t)}  ${name}`);
  console.log('\ntotal (inclusive) time by function (ms):');
  for (const [name, t] of summary.totalFunctions) console.log(`${ms(t)}  ${name}`);
}
