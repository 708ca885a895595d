/**
 * Errors are values with a place: a message, the file and line it comes from, and a hint.
 * The CLI prints a SluiceError as one readable block and exits 2.
 */
export interface ErrorPlace {
  file?: string;
  line?: number;
  column?: number;
}

/**
 * What kind of problem an error is, for code that reacts to it (a hint of the Action, a fallback of lint)
 * — never the wording of its message, which may change.
 */
export type ErrorCode =
  /** No dbt_project.yml where the project should be. */
  | 'no-project'
  /** No profiles.yml (or not the profile the project names). */
  | 'no-profiles'
  /** An env_var() without default whose variable is unset: `details.variable`. */
  | 'env-var-unset'
  /** A Databricks target lacks a connection setting: `details.key` (host, http_path, token, …). */
  | 'target-setting-missing';

export interface ErrorFacts extends ErrorPlace {
  hint?: string;
  code?: ErrorCode;
  details?: Record<string, string>;
}

export class SluiceError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint?: string;
  readonly code?: ErrorCode;
  readonly details: Readonly<Record<string, string>>;

  constructor(message: string, place: ErrorFacts = {}) {
    super(message);
    this.name = 'SluiceError';
    this.file = place.file;
    this.line = place.line;
    this.column = place.column;
    this.hint = place.hint;
    this.code = place.code;
    this.details = place.details ?? {};
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

/**
 * The warehouse could not be reached or refused the credentials: a problem of the profile (or of the
 * network), reported like any other bad input — exit 2, no stack trace.
 */
export class WarehouseConnectionError extends SluiceError {
  constructor(message: string, place: ErrorFacts = {}) {
    super(message, place);
    this.name = 'WarehouseConnectionError';
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

/** How many of a project's problems are printed; the rest are counted. */
const SHOWN_PROBLEMS = 25;

/**
 * Every problem found loading a project, reported together (a broken file does not hide the next one).
 * Its message, file and line are the first problem's, so callers that show one error still show a real one.
 */
export class ProjectErrors extends SluiceError {
  constructor(readonly problems: SluiceError[]) {
    const first = problems[0];
    super(problems.length === 1 ? first.message : `${first.message} (and ${problems.length - 1} more problem${problems.length === 2 ? '' : 's'})`, {
      file: first.file,
      line: first.line,
      column: first.column,
      hint: first.hint,
    });
    this.name = 'ProjectErrors';
  }

  override format(): string {
    if (this.problems.length === 1) return this.problems[0].format();
    const shown = this.problems.slice(0, SHOWN_PROBLEMS).map((problem) => problem.format());
    const rest = this.problems.length - shown.length;
    return [`${this.problems.length} problems in the project:`, ...shown, ...(rest > 0 ? [`… and ${rest} more`] : [])].join('\n');
  }
}

/**
 * Collects problems instead of stopping at the first: `attempt` runs one piece of work and keeps its
 * SluiceError; `throwIfAny` ends a stage with every problem found. Other errors (bugs) still stop at once.
 */
export class ProblemList {
  readonly problems: SluiceError[] = [];

  attempt<T>(work: () => T, fallback: T): T;
  attempt(work: () => void): void;
  attempt<T>(work: () => T, fallback?: T): T | undefined {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof SluiceError)) throw error;
      this.add(error);
      return fallback;
    }
  }

  add(error: SluiceError): void {
    if (error instanceof ProjectErrors) this.problems.push(...error.problems);
    else this.problems.push(error);
  }

  throwIfAny(): void {
    if (this.problems.length) throw new ProjectErrors(this.problems);
  }
}
