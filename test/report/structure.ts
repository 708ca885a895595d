/**
 * Checks the Markdown structures a size cut could break: `<details>` blocks opened and closed in order,
 * code fences closed, and every table complete — a header, its `|---|` line, rows with the header's
 * number of cells, and nothing glued under its last row (GitHub would read that line as another row).
 */

/** Cells of a table row, splitting on pipes that are not backslash-escaped. */
export function tableCells(row: string): string[] {
  const cells: string[] = [];
  let current = '';
  for (let index = 0; index < row.length; index += 1) {
    const character = row[index]!;
    if (character === '\\' && index + 1 < row.length) {
      current += character + row[index + 1];
      index += 1;
    } else if (character === '|') {
      cells.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  cells.push(current);
  // `| a | b |` splits into '', ' a ', ' b ', ''.
  return cells.slice(1, -1).map((cell) => cell.trim());
}

export function structureProblems(markdown: string): string[] {
  const problems: string[] = [];
  const lines = markdown.split('\n');
  let detailsDepth = 0;
  let inFence = false;
  let tableWidth: number | null = null;
  lines.forEach((line, index) => {
    const where = `line ${index + 1}`;
    if (line.startsWith('```')) {
      inFence = !inFence;
      return;
    }
    if (inFence) return;
    const isRow = line.startsWith('|');
    if (tableWidth !== null && !isRow) {
      if (line.trim() !== '') problems.push(`${where}: text right under a table: ${line.slice(0, 60)}`);
      tableWidth = null;
    }
    if (isRow && tableWidth === null) {
      const separator = lines[index + 1] ?? '';
      tableWidth = tableCells(line).length;
      if (!/^\|(---\|)+$/.test(separator) || tableCells(separator).length !== tableWidth) problems.push(`${where}: table header without its separator line`);
    } else if (isRow && tableCells(line).length !== tableWidth) {
      problems.push(`${where}: ${tableCells(line).length} cells, the header has ${tableWidth}: ${line.slice(0, 80)}`);
    }
    if (line.startsWith('<details>')) detailsDepth += 1;
    if (line === '</details>') {
      detailsDepth -= 1;
      if (detailsDepth < 0) problems.push(`${where}: </details> without <details>`);
    }
  });
  if (inFence) problems.push('a code fence is not closed');
  if (detailsDepth > 0) problems.push(`${detailsDepth} <details> not closed`);
  return problems;
}

/** The piece when the text holds it, else the text's start: a failing test then prints a page, not a megabyte. */
export function excerpt(text: string, piece: string | RegExp): string {
  const match = typeof piece === 'string' ? (text.includes(piece) ? piece : null) : (text.match(piece)?.[0] ?? null);
  return match ?? `${text.slice(0, 1_500)}…`;
}
