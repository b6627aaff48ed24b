import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { viaLoopback } from './loopback.mjs';

/**
 * Load per run: 10 connections for throughput and CPU, 20 for the latency target; each route is
 * warmed up once, then measured once per round (see throughput.mjs).
 */
export const LOAD = { connections: 10, latencyConnections: 20, seconds: 3, warmupSeconds: 1 };

/**
 * One bounded autocannon run against `url`, with the server process's CPU time read from /proc
 * around it and the run's window on the monotonic clock (for cutting a CPU profile to it).
 * Every answer must have `expectStatus`, so a run that quietly measured redirects or errors
 * fails loudly instead.
 */
export async function measureRoute({
  url,
  headers = {},
  expectStatus = 200,
  pid,
  connections = LOAD.connections,
  seconds = LOAD.seconds,
}) {
  const cpuBefore = cpuSeconds(pid);
  const fromUs = monotonicUs();
  const result = await load({ url, headers, expectStatus, connections, seconds });
  const toUs = monotonicUs();
  const cpu = cpuSeconds(pid) - cpuBefore;
  return {
    connections,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p99Ms: result.latency.p99,
    /** Server CPU use over the run, in cores (1 = one core busy the whole time). */
    serverCpuCores: cpu / result.duration,
    /** Server CPU time per request: steadier than req/s when other work shares the machine. */
    serverCpuMsPerRequest: (cpu * 1000) / result.requests.total,
    window: { fromUs, toUs },
  };
}

/** A run that is not measured: lets the server's JIT and caches settle on the route first. */
export async function warmUp({ url, headers = {}, expectStatus = 200, connections }) {
  await load({ url, headers, expectStatus, connections, seconds: LOAD.warmupSeconds });
}

async function load({ url, headers, expectStatus, connections, seconds }) {
  const result = await autocannon({ ...viaLoopback(url, headers), connections, duration: seconds });
  const unexpected = Object.entries(result.statusCodeStats)
    .filter(([code]) => Number(code) !== expectStatus)
    .reduce((sum, [, { count }]) => sum + count, 0);
  if (unexpected > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}: ${unexpected} answers other than ${expectStatus}, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return result;
}

/** The clock V8 stamps CPU profile samples with (CLOCK_MONOTONIC), in microseconds. */
function monotonicUs() {
  return Number(process.hrtime.bigint() / 1000n);
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
