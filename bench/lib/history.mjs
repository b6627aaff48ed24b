import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, ratio, table } from './format.mjs';

/**
 * One row per `npm run bench` run, oldest first: the figures a reader compares across runs.
 * Ratios compare servers within one run, so they compare across runs; req/s do not (machines and
 * their load differ), and are shown for scale only.
 */
export const HISTORY_FILE = join(import.meta.dirname, '..', 'history.json');

/** @returns {Record<string, string>[]} */
export function readHistory(file = HISTORY_FILE) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function writeHistory(rows, file = HISTORY_FILE) {
  writeFileSync(file, `${JSON.stringify(rows, null, 2)}\n`);
}

/** This run's row, from the results `renderReport` takes. */
export function historyRow({ machine, routes }, nestMajor) {
  const rps = (key) => routes[key].requestsPerSecond;
  return {
    date: machine.date.replace('T', ' ').replace(/:\d\dZ$/, ''),
    node: machine.node,
    nestjs: `${nestMajor}, ${nestMajor}`,
    meRequestsPerSecond: `${fmt(rps('me'))} req/s`,
    meVsNest: ratio(rps('me'), rps('nestMe')),
    meVsExpress: ratio(rps('me'), rps('expressMe')),
    nest12MeVsNest: ratio(rps('nest12Me'), rps('nest12NestMe')),
    nest12HealthVsNest: ratio(rps('nest12Health'), rps('nest12NestHealth')),
  };
}

/** The history as one table, by date. */
export function historyTable(rows) {
  return table(
    [
      'date (UTC)',
      'Node',
      'NestJS (demo, references)',
      'guarded `/api/me`, this app',
      '× Nest reference',
      '× Express reference',
      'NestJS 12 template app: packaged module × Nest reference, `/api/me`',
      '`/health`',
    ],
    rows.map((row) => [
      row.date,
      row.node,
      row.nestjs,
      row.meRequestsPerSecond,
      row.meVsNest,
      row.meVsExpress,
      row.nest12MeVsNest,
      row.nest12HealthVsNest,
    ]),
  );
}
