import { proseLines, withoutCodeSpans } from './markdown-lines.mjs';

const DELIMITER_ROW = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/**
 * Problems with the pipe tables in one Markdown text: a row whose cell count differs from its
 * header's, and a row that no table holds (typically one cut off from its table by a blank
 * line, which GitHub then shows as a run-on paragraph).
 * @param {string} text
 * @returns {{ line: number, message: string }[]}
 */
export function tableProblems(text) {
  const problems = [];
  const lines = proseLines(text);
  let columns = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const { number, text: line } = lines[i];
    const isRow = /^\s*\|/.test(line);
    if (!isRow) {
      columns = 0;
      continue;
    }
    const next = lines[i + 1];
    const opensTable =
      columns === 0 && next?.number === number + 1 && DELIMITER_ROW.test(next.text);
    if (opensTable) {
      columns = cellCount(line);
      const delimiterCells = cellCount(next.text);
      if (delimiterCells !== columns) {
        problems.push({
          line: next.number,
          message: `the delimiter row has ${delimiterCells} cells; the header has ${columns}`,
        });
      }
      i += 1;
      continue;
    }
    if (columns === 0) {
      problems.push({
        line: number,
        message:
          'a table row outside any table (a blank line or other text cut it from its header?)',
      });
      continue;
    }
    const cells = cellCount(line);
    if (cells !== columns) {
      problems.push({
        line: number,
        message: `this row has ${cells} cells; its table's header has ${columns}`,
      });
    }
  }
  return problems;
}

/** @param {string} line */
function cellCount(line) {
  const bare = withoutCodeSpans(line)
    .replace(/\\\|/g, '  ')
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '');
  return bare.split('|').length;
}
