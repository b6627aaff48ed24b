/*
 * `node bench/profile.mjs [path]`: where the app's CPU goes under load on one route (default
 * the guarded GET /api/me). Starts the provider and the app with --cpu-prof, signs in, loads the
 * route as `npm run bench` does, stops the app so it writes its profile, and prints a summary.
 * Uses dist/ as built (run `npm run build` first).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfile } from './lib/cpu-profile.mjs';
import { measureRoute } from './lib/load.mjs';
import { freePort, killAllNow, stopAll } from './lib/processes.mjs';
import { firstSignIn } from './lib/sign-ins.mjs';
import { startApp, startProvider } from './lib/stack.mjs';

const path = process.argv[2] ?? '/api/me';
const dir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
process.once('exit', killAllNow);
process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

let provider;
try {
  const appPort = await freePort();
  provider = await startProvider({ appPorts: [appPort], referencePorts: {} });
  const app = await startApp({
    port: appPort,
    issuer: provider.issuer,
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  });
  const { browser } = await firstSignIn(app, provider.proxy);
  const result = await measureRoute({
    url: app.url(path),
    headers: { accept: 'application/json', cookie: browser.cookieHeader(app.baseUrl) },
    pid: app.pid,
  });
  await app.stop();
  const file = join(
    dir,
    readdirSync(dir).find((name) => name.endsWith('.cpuprofile')),
  );
  // The measured run and the end of its warm-up; start-up and the sign-in are left out.
  const summary = summariseProfile(file, { lastMs: 5_500 });
  const ms = (n) => n.toFixed(0).padStart(7);
  console.log(`GET ${path}: ${result.requestsPerSecond.toFixed(0)} req/s; profile ${file}`);
  console.log(
    `the last ${summary.sampledMs.toFixed(0)} ms of the profile (the load on the route)\n`,
  );
  const share = (t) => `${((100 * t) / summary.sampledMs).toFixed(1).padStart(5)}%`;
  console.log('self time by package (ms, share):');
  for (const [name, t] of summary.packages) console.log(`${ms(t)} ${share(t)}  ${name}`);
  console.log('\nself time by function (ms):');
  for (const [name, t] of summary.selfFunctions) console.log(`${ms(t)}  ${name}`);
  console.log('\ntotal (inclusive) time by function (ms):');
  for (const [name, t] of summary.totalFunctions) console.log(`${ms(t)}  ${name}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await provider?.stop();
  await stopAll();
}
