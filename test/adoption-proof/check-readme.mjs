/*
 * The README is what adopters copy, so the adoption proof runs what it says: checks that the
 * README still holds each adoption file verbatim (trimmed), and each install line the proof runs
 * as a line of its own (a trailing "# comment" aside), with every package of this repository it
 * names at a range its packed version satisfies. One line per check, "ok <check>" or
 * "FAIL <check>: <why>", and a non-zero exit code when any fails.
 *
 *   node check-readme.mjs <README> --code <file>... --install <line>... --package <folder>...
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { runChecks } from './report.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    code: { type: 'string', multiple: true, default: [] },
    install: { type: 'string', multiple: true, default: [] },
    package: { type: 'string', multiple: true, default: [] },
  },
});
const [readmePath] = positionals;
const readme = readFileSync(readmePath, 'utf8');
const readmeLines = readme.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim());

/** name → version, of the packages the proof packs. */
const packed = new Map(
  values.package.map((folder) => {
    const { name, version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    return [name, version];
  }),
);

/** [major, minor, patch] of a plain x.y.z version, or undefined. */
const parts = (version) => /^(\d+)\.(\d+)\.(\d+)$/.exec(version)?.slice(1).map(Number);

/**
 * Whether a plain x.y.z version satisfies a caret range ^x.y.z as npm reads it: at least the
 * range's version, with the parts up to its first non-zero one unchanged.
 */
function satisfiesCaret(version, range) {
  const have = parts(version);
  const wanted = range.startsWith('^') ? parts(range.slice(1)) : undefined;
  if (!have || !wanted) return false;
  const fixed = wanted.findIndex((part) => part > 0) + 1 || wanted.length;
  const first = have.findIndex((part, i) => part !== wanted[i]);
  return first === -1 || (first >= fixed && have[first] > wanted[first]);
}

/** What the README shows of an install line's packages of this repository, wrongly. */
function rangeProblems(line) {
  return line
    .split(/\s+/)
    .map((word) => /^(?<name>[^@\s]+)@(?<range>\S+)$/.exec(word)?.groups)
    .filter((spec) => spec && packed.has(spec.name))
    .filter(({ name, range }) => !satisfiesCaret(packed.get(name), range))
    .map(({ name, range }) => `${name}@${range} is not met by the packed ${packed.get(name)}`);
}

/** @type {Record<string, () => void>} */
const checks = {};
for (const file of values.code) {
  checks[`README holds ${basename(file)} verbatim`] = () => {
    if (!readme.includes(readFileSync(file, 'utf8').trim())) {
      throw new Error(`${file} differs from every code block of ${readmePath}`);
    }
  };
}
for (const line of values.install) {
  checks[`README has the line "${line}"`] = () => {
    if (!readmeLines.includes(line)) throw new Error(`no such line in ${readmePath}`);
    const problems = rangeProblems(line);
    if (problems.length) throw new Error(problems.join('; '));
  };
}

await runChecks(checks);
