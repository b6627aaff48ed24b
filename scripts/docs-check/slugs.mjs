import { proseLines } from './markdown-lines.mjs';

/**
 * The anchors GitHub gives a Markdown text: one per heading (its text lower-cased, punctuation
 * other than `-` and `_` dropped, spaces turned into `-`, repeats numbered `-1`, `-2`, …), and
 * any `id`/`name` set in HTML.
 * @param {string} text
 * @returns {Set<string>}
 */
export function anchorsOf(text) {
  const anchors = new Set();
  const seen = new Map();
  for (const { text: line } of proseLines(text)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const base = slug(heading[1]);
      const count = seen.get(base) ?? 0;
      seen.set(base, count + 1);
      anchors.add(count === 0 ? base : `${base}-${count}`);
    }
    for (const html of line.matchAll(/\b(?:id|name)="([^"]+)"/g)) anchors.add(html[1]);
  }
  return anchors;
}

/**
 * GitHub's slug of a heading's text (as github-slugger makes it, after the inline Markdown is
 * rendered: link targets, emphasis marks and code backticks do not count).
 * @param {string} heading
 */
export function slug(heading) {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[*`]/g, '');
  return rendered
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}
