import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

/** What the numbers were measured on. */
export function machineDetails() {
  const model = cpus()[0]?.model ?? 'unknown';
  return {
    cpu: model,
    cores: cpus().length,
    memoryGiB: (totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadAverage: loadAverage(),
  };
}

/** The 1, 5 and 15 minute load averages: how busy the machine was besides the bench. */
export function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}
