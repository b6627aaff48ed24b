import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { summariseProfile } from './cpu-profile.mjs';
import { LOAD, measureRoute, warmUp } from './load.mjs';

/** Seconds of load in a profiled run: more samples than a round, for steadier small stages. */
export const PROFILE_SECONDS = 5;

/**
 * A folder for one server's profile and the Node flags that make the server write it there
 * when it exits (pass them as the server's execArgv).
 */
export function profilingFlags() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-prof-'));
  return {
    dir,
    // V8's default interval (1 ms): thousands of samples in PROFILE_SECONDS, little overhead.
    execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
  };
}

/**
 * Loads `path` on a server started with profilingFlags() (a warm-up, then PROFILE_SECONDS
 * measured), stops the server so it writes its profile, and summarises the measured window
 * only: start-up, sign-in and warm-up are left out. V8 samples on wall time, so on a busy
 * machine a sample also covers time the process waited for a core: the profile gives each
 * stage's share, and /proc the CPU time per request that those shares divide.
 */
export async function profileRoute({ server, dir, path, headers }) {
  const url = server.url(path);
  await warmUp({ url, headers, connections: LOAD.connections });
  const result = await measureRoute({ url, headers, pid: server.pid, seconds: PROFILE_SECONDS });
  await server.stop();
  const name = readdirSync(dir).find((entry) => entry.endsWith('.cpuprofile'));
  if (!name) throw new Error(`no CPU profile written in ${dir}`);
  const file = join(dir, name);
  const summary = summariseProfile(file, result.window);
  const usPerRequest = result.serverCpuMsPerRequest * 1000;
  return {
    file,
    path,
    requests: result.requests,
    requestsPerSecond: result.requestsPerSecond,
    usPerRequest,
    stages: summary.stages.map(([stage, ms]) => [stage, (usPerRequest * ms) / summary.sampledMs]),
    summary,
  };
}
