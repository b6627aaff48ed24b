import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { proseLines, withoutCodeSpans } from './markdown-lines.mjs';
import { anchorsOf } from './slugs.mjs';

/**
 * Problems with the relative links and anchors of one Markdown file: a target that is not there,
 * or an `#anchor` that names no heading of the Markdown file it points into.
 * @param {string} file the file's path
 * @param {string} text its contents
 * @param {(path: string) => string | undefined} [readMarkdown] another file's text, by path
 * @returns {{ line: number, message: string }[]}
 */
export function linkProblems(file, text, readMarkdown = readIfFile) {
  const problems = [];
  for (const { number, text: line } of proseLines(text)) {
    for (const target of linkTargets(withoutCodeSpans(line))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
      const [path, anchor] = splitAnchor(decodeURI(target));
      const into = path === '' ? file : join(dirname(file), path);
      const intoText = path === '' ? text : readMarkdown(into);
      if (path !== '' && intoText === undefined && !existsSync(into)) {
        problems.push({ line: number, message: `${target}: ${into} does not exist` });
        continue;
      }
      if (anchor === undefined || anchor === '') continue;
      if (!into.endsWith('.md') || intoText === undefined) continue;
      if (!anchorsOf(intoText).has(anchor)) {
        const where = path === '' ? 'this file' : relative('.', into);
        problems.push({
          line: number,
          message: `${target}: no heading in ${where} has the anchor #${anchor}`,
        });
      }
    }
  }
  return problems;
}

/**
 * Inline links and images `[text](target "title")`, reference definitions `[id]: target`, and
 * HTML `href`/`src` attributes.
 * @param {string} line
 */
function linkTargets(line) {
  const targets = [];
  for (const match of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g))
    targets.push(match[1]);
  const definition = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
  if (definition) targets.push(definition[1]);
  for (const match of line.matchAll(/\b(?:href|src)="([^"]+)"/g)) targets.push(match[1]);
  return targets;
}

/** @param {string} target */
function splitAnchor(target) {
  const hash = target.indexOf('#');
  return hash === -1 ? [target, undefined] : [target.slice(0, hash), target.slice(hash + 1)];
}

/** @param {string} path */
function readIfFile(path) {
  return existsSync(path) && statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
}
