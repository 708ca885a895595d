/**
 * Errors are values with a place: a message, the file and line it comes from, and a hint.
 * The CLI prints a SluiceError as one readable block and exits 2.
 */
export interface ErrorPlace {
  file?: string;
  line?: number;
  column?: number;
}

export class SluiceError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;

  constructor(message: string, place: ErrorPlace & { hint?: string } = {}) {
    super(message);
    this.name = 'SluiceError';
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.hint = place.hint;
  }

  /** "models/a.sql:3:7" or the parts that are known. */
  get where(): string | undefined {
    if (!this.file) return undefined;
    let where = this.file;
    if (this.line !== undefined) where += `:${this.line}`;
    if (this.line !== undefined && this.column !== undefined) where += `:${this.column}`;
    return where;
  }

  /** The block the CLI prints. */
  format(): string {
    const lines = [`Error: ${this.message}`];
    if (this.where) lines.push(`  at ${this.where}`);
    if (this.hint) lines.push(`  hint: ${this.hint}`);
    return lines.join('\n');
  }
}

/** Closest candidates by edit distance, for "did you mean". */
export function closestNames(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: Array<[number, string]> = [];
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.max(2, Math.floor(name.length / 3))) scored.push([distance, candidate]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
  return scored.slice(0, max).map(([, candidate]) => candidate);
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

export function didYouMean(name: string, candidates: Iterable<string>): string | undefined {
  const close = closestNames(name, candidates);
  return close.length ? `did you mean ${close.map((c) => `'${c}'`).join(' or ')}?` : undefined;
}
