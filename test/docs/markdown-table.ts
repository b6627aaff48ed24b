/**
 * The values of one column of the first Markdown table whose header has it, each cell's first
 * `code span` (the name it documents), in order. Throws when no table has the column, so a
 * renamed header fails the spec rather than passing it empty.
 */
export function markdownTableColumn(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith('|') && cells(line).includes(header));
  if (start === -1) throw new Error(`No table has a "${header}" column`);
  const column = cells(lines[start]).indexOf(header);
  const values: string[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const name = /`([^`]+)`/.exec(cells(line)[column] ?? '')?.[1];
    if (name !== undefined) values.push(name.replace(/=.*$/, ''));
  }
  return values;
}

function cells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
}
