#!/usr/bin/env node
/**
 * `npm run check:docs`: fails on a broken Markdown table, a relative link or anchor that does
 * not resolve, or an `npm run <script>` naming no script. Run from the repository's root.
 */
import { docsFiles, docsProblems } from './docs-check/check-files.mjs';

const files = docsFiles();
const problems = docsProblems(files);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} problem(s) in the docs.`);
  process.exit(1);
}
console.log(`The docs hold together: ${files.length} Markdown files checked.`);
