import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

export const LOAD = { connections: 10, durationSeconds: 5, warmupSeconds: 1 };

/**
 * One bounded autocannon run against `url` after a short warm-up, with the server process's
 * CPU time read from /proc around the measured part. Every answer must have `expectStatus`,
 * so a run that quietly measured redirects or errors fails loudly instead.
 */
export async function measureRoute({ url, headers = {}, expectStatus = 200, pid }) {
  await run({ url, headers, duration: LOAD.warmupSeconds });
  const cpuBefore = cpuSeconds(pid);
  const result = await run({ url, headers, duration: LOAD.durationSeconds });
  const cpu = cpuSeconds(pid) - cpuBefore;
  const unexpected = Object.entries(result.statusCodeStats)
    .filter(([code]) => Number(code) !== expectStatus)
    .reduce((sum, [, { count }]) => sum + count, 0);
  if (unexpected > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${unexpected} answers other than ${expectStatus}, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    /** Server CPU use over the run, in cores (1 = one core busy the whole time). */
    serverCpuCores: cpu / result.duration,
    /** Server CPU time per request: steadier than req/s when other work shares the machine. */
    serverCpuMsPerRequest: (cpu * 1000) / result.requests.total,
  };
}

/** Fires `amount` requests (no cookies kept) with bounded concurrency: creates sessions in bulk. */
export async function fire({ url, amount, expectStatus, connections = LOAD.connections }) {
  const result = await autocannon({ url, amount, connections });
  const expected = result.statusCodeStats[expectStatus]?.count ?? 0;
  if (expected !== amount || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${expected} of ${amount} answers were ${expectStatus}, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result;
}

function run({ url, headers, duration }) {
  return autocannon({ url, headers, duration, connections: LOAD.connections });
}

/** utime + stime of a process, in seconds (Linux /proc; clock ticks are 100 per second). */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Resident set size of a process in bytes, from /proc/<pid>/status. */
export function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}
