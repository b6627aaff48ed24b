/**
 * The lines of a Markdown file that Markdown reads as prose, with their 1-based numbers: fenced
 * code blocks are left out, since what they hold is shown verbatim and never rendered.
 * @param {string} text
 * @returns {{ number: number, text: string }[]}
 */
export function proseLines(text) {
  const lines = [];
  let fence = null;
  text.split('\n').forEach((line, index) => {
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (opening && opening[1][0] === fence[0] && opening[1].length >= fence.length) fence = null;
      return;
    }
    if (opening) {
      fence = opening[1];
      return;
    }
    lines.push({ number: index + 1, text: line });
  });
  return lines;
}

/**
 * A line with its inline code spans blanked out, so a `|` or a `[link](x)` shown as code is
 * neither a cell border nor a link.
 * @param {string} line
 */
export function withoutCodeSpans(line) {
  return line.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (span) => ' '.repeat(span.length));
}
