import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { STAGES, UNCLAIMED } from './cpu-profile.mjs';
import { table } from './format.mjs';

/**
 * The app's stage figures of an earlier run, kept so that a later run (after changes to src/)
 * shows them as "before" beside its own. Written by `BENCH_SAVE_PROFILE_BASELINE=1 npm run
 * bench` or `npm run bench:profile -- --save-baseline`; delete the file to drop the column.
 */
const BASELINE_FILE = fileURLToPath(new URL('../profile-baseline.json', import.meta.url));

export function readBaseline() {
  return existsSync(BASELINE_FILE) ? JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) : undefined;
}

export function saveBaseline(profile, date) {
  const baseline = {
    date,
    commit: currentCommit(),
    path: profile.path,
    usPerRequest: profile.usPerRequest,
    stages: Object.fromEntries(profile.stages),
  };
  writeFileSync(BASELINE_FILE, `${JSON.stringify(baseline, null, 2)}\n`);
}

/**
 * Server CPU per request (from /proc) split by stage in the proportions of the profile, in µs,
 * for each profile of `columns` ({ heading: profile }),
 * with the app's baseline first when there is one.
 */
export function stageTable(columns, baseline) {
  const all = Object.entries(columns).map(([heading, p]) => ({
    heading,
    stages: new Map(p.stages),
    total: p.usPerRequest,
  }));
  if (baseline) {
    all.unshift({
      heading: `this app before (${baseline.commit}, ${baseline.date.slice(0, 10)})`,
      stages: new Map(Object.entries(baseline.stages)),
      total: baseline.usPerRequest,
    });
  }
  const us = (n) => (n ? n.toFixed(0) : '');
  const share = (n, total) => (n ? `${((100 * n) / total).toFixed(0)}%` : '');
  const names = [...STAGES.map(([stage]) => stage), UNCLAIMED].filter((stage) =>
    all.some((c) => c.stages.get(stage)),
  );
  const head = ['stage', ...all.flatMap((c) => [`${c.heading}, µs / request`, 'share'])];
  const rows = names.map((stage) => [
    stage,
    ...all.flatMap((c) => [us(c.stages.get(stage)), share(c.stages.get(stage), c.total)]),
  ]);
  rows.push(['**server CPU per request**', ...all.flatMap((c) => [`**${us(c.total)}**`, ''])]);
  return table(head, rows);
}

function currentCommit() {
  try {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--', 'src').length > 0;
    // The app's code is what the figures describe: name the last commit that changed src/.
    return `src at ${git('log', '-1', '--format=%h', '--', 'src')}${dirty ? ' with changes' : ''}`;
  } catch {
    return 'unknown commit';
  }
}
