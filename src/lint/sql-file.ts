/**
 * One file as SQL rules see it: the Jinja source the author wrote, the SQL it renders to, the tokens of
 * both, the parsed tree (parsed at most once, and only when a rule asks), and the way from a place in
 * the rendered SQL back to a line and column of the source.
 *
 * The source map comes from the renderer (recordSourceMap): literal text maps character for character;
 * what an expression or macro call produced maps to the `{{ … }}` that produced it.
 */
import { parseErrorMessage, parseableSql, sqlParserFor } from '../sql/sql-parser.js';
import type { SourceMap } from '../templating/jinja-interpreter.js';
import { tokenizeSql, type SqlToken } from '../sql/sql-tokens.js';

/** Plain data, so that a worker thread can build the file. */
export interface SqlFileInput {
  /** Project-relative, posix. */
  path: string;
  /** The file's text, newlines normalized to \n. */
  source: string;
  /** The rendered SQL; null when the file did not render (a finding says why). */
  rendered: string | null;
  map: SourceMap;
  dialect: string;
  model: {
    name: string;
    resourceType: string;
    materialized: string;
    /** The layer its folder puts it in (staging, intermediate, analytics…), or null. */
    layer: string | null;
  };
}

export interface Position {
  line: number;
  column: number;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionIn(starts: number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}

interface Segment {
  /** Where it starts in the rendered SQL. */
  out: number;
  literal: boolean;
  /** Where it starts in the source. */
  source: number;
}

export class SqlFile {
  readonly path: string;
  readonly source: string;
  readonly rendered: string | null;
  readonly dialect: string;
  readonly model: SqlFileInput['model'];
  private readonly sourceLines: number[];
  private readonly segments: Segment[];
  private tokenCache: SqlToken[] | undefined;
  private sourceTokenCache: SqlToken[] | undefined;
  private astCache: { ast: unknown | null; error?: string } | undefined;

  constructor(input: SqlFileInput) {
    this.path = input.path;
    this.source = input.source;
    this.rendered = input.rendered;
    this.dialect = input.dialect;
    this.model = input.model;
    this.sourceLines = lineStartsOf(input.source);
    this.segments = this.placeSegments(input.map);
  }

  /** Tokens of the rendered SQL (empty when it did not render). */
  get tokens(): SqlToken[] {
    this.tokenCache ??= this.rendered === null ? [] : tokenizeSql(this.rendered, this.dialect);
    return this.tokenCache;
  }

  /** Tokens of the source with the Jinja tags in it (for rules about what the author typed). */
  get sourceTokens(): SqlToken[] {
    this.sourceTokenCache ??= tokenizeSql(this.source, this.dialect);
    return this.sourceTokenCache;
  }

  /** node-sql-parser's tree of the rendered SQL, or null when it cannot parse it. */
  get ast(): unknown | null {
    if (!this.astCache) {
      if (this.rendered === null || !this.rendered.trim()) this.astCache = { ast: null, error: 'nothing to parse' };
      else {
        try {
          const { parser, database } = sqlParserFor(this.dialect);
          this.astCache = { ast: parser.astify(parseableSql(this.rendered, this.dialect, this.tokens), { database }) };
        } catch (error) {
          this.astCache = { ast: null, error: parseErrorMessage(error) };
        }
      }
    }
    return this.astCache.ast;
  }

  /** Whether the parser was asked and understood the SQL; undefined when no rule asked. */
  get parsed(): boolean | undefined {
    return this.astCache ? this.astCache.ast !== null : undefined;
  }

  get parseError(): string | undefined {
    return this.astCache?.error;
  }

  /** The source line and column of a place in the rendered SQL. */
  position(renderedOffset: number): Position {
    return positionIn(this.sourceLines, this.sourceOffset(renderedOffset));
  }

  /** The line and column of a place in the source. */
  sourcePosition(sourceOffset: number): Position {
    return positionIn(this.sourceLines, sourceOffset);
  }

  /** The source text of a line (1-based), without its newline. */
  sourceLine(line: number): string {
    const start = this.sourceLines[line - 1] ?? this.source.length;
    const end = this.sourceLines[line] !== undefined ? this.sourceLines[line] - 1 : this.source.length;
    return this.source.slice(start, end);
  }

  /**
   * The source range that a range of the rendered SQL was copied from, when all of it is literal text of
   * one piece (so a fix there edits exactly what it means to); otherwise null.
   */
  sourceRange(start: number, end: number): { start: number; end: number } | null {
    const index = this.segmentAt(start);
    const segment = this.segments[index];
    if (!segment?.literal) return null;
    const next = this.segments[index + 1];
    if (next && end > next.out) return null;
    return { start: segment.source + (start - segment.out), end: segment.source + (end - segment.out) };
  }

  private sourceOffset(renderedOffset: number): number {
    const segment = this.segments[this.segmentAt(renderedOffset)];
    if (!segment) return Math.min(renderedOffset, this.source.length);
    return segment.literal ? Math.min(segment.source + (renderedOffset - segment.out), this.source.length) : segment.source;
  }

  private segmentAt(offset: number): number {
    const segments = this.segments;
    let low = 0;
    let high = segments.length - 1;
    if (high < 0 || segments[0].out > offset) return -1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (segments[mid].out <= offset) low = mid;
      else high = mid - 1;
    }
    // Several pieces may start at one offset (an empty expression, then text): the last one wrote there.
    return low;
  }

  /** Source offsets of the recorded pieces; literal text is found where whitespace control left it. */
  private placeSegments(map: SourceMap): Segment[] {
    const segments: Segment[] = [];
    const rendered = this.rendered ?? '';
    for (let i = 0; i < map.length; i += 4) {
      const out = map[i];
      const literal = map[i + 1] === 0;
      const written = (this.sourceLines[map[i + 2]] ?? this.source.length) + map[i + 3];
      let source = written;
      if (literal) {
        const nextOut = i + 4 < map.length ? map[i + 4] : rendered.length;
        const text = rendered.slice(out, nextOut);
        if (text && !this.source.startsWith(text, written)) {
          const found = this.source.indexOf(text.slice(0, 64), written);
          if (found >= 0 && !this.source.slice(written, found).trim()) source = found;
        }
      }
      segments.push({ out, literal, source });
    }
    return segments;
  }
}
