import { existsSync } from 'node:fs';
import { proseLines } from './markdown-lines.mjs';

/** A repository path shown as code: a top-level folder of the repository, then a file name. */
const REPOSITORY_PATH =
  /`((?:src|test|packages|scripts|bench|docs|views|public)\/[\w./-]+\.(?:ts|mjs|cjs|js|json|md|hbs|css|sh|png))`/g;

/**
 * Problems with the repository files a Markdown text names as code (`test/x.e2e-spec.ts`), such
 * as the test a security defence points to: each must exist, from the repository's root.
 * @param {string} text
 * @param {(path: string) => boolean} [exists]
 * @returns {{ line: number, message: string }[]}
 */
export function fileMentionProblems(text, exists = existsSync) {
  const problems = [];
  for (const { number, text: line } of proseLines(text)) {
    for (const [, path] of line.matchAll(REPOSITORY_PATH)) {
      if (!exists(path)) problems.push({ line: number, message: `${path} does not exist` });
    }
  }
  return problems;
}
