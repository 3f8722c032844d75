/** Markdown building blocks shared by the Web UI details (workflow code) and `wave report`. */

/**
 * User text on one Markdown line: line breaks become spaces and the characters Markdown or an HTML-aware renderer
 * would interpret (`|`, `*`, `_`, `~`, `` ` ``, `[`, `]`, `<`, `>`, `#`, `\`, `&`) are escaped.
 */
export function inlineMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\|*_~`[\]<>#&]/g, (char) => `\\${char}`);
}

/** A Markdown table of cells that are Markdown already (escape user text with {@link inlineMarkdown}). */
export function markdownTable(input: { header: string[]; rows: string[][] }): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(input.header), line(input.header.map(() => '---')), ...input.rows.map(line)].join('\n');
}
