/**
 * node-sql-parser, with the grammar closest to each warehouse's SQL (PostgreSQL's for DuckDB, Hive's for
 * Databricks). One parser per grammar, loaded on first use: a grammar is a large module.
 */
import { createRequire } from 'node:module';

import { tokenizeSql } from './sql-tokens.js';

export interface SqlParser {
  astify(sql: string, options: { database: string }): unknown;
  columnList(sql: string, options: { database: string }): string[];
}

const require = createRequire(import.meta.url);
const parsers = new Map<string, SqlParser>();

const GRAMMARS: Record<string, { module: string; database: string }> = {
  duckdb: { module: 'node-sql-parser/build/postgresql.js', database: 'Postgresql' },
  databricks: { module: 'node-sql-parser/build/hive.js', database: 'Hive' },
};

export function sqlParserFor(dialect: string): { parser: SqlParser; database: string } {
  const grammar = GRAMMARS[dialect] ?? GRAMMARS.duckdb;
  let parser = parsers.get(grammar.module);
  if (!parser) {
    const { Parser } = require(grammar.module) as { Parser: new () => SqlParser };
    parser = new Parser();
    parsers.set(grammar.module, parser);
  }
  return { parser, database: grammar.database };
}

const NAME_TOKENS = new Set(['word', 'keyword', 'quoted']);

/**
 * The SQL as the grammar can read it: Hive's grammar has no three-part names, so on Databricks a
 * `catalog.schema.table` loses its catalog (blanked, so every offset stays where it was). Nothing that
 * reads the tree needs the catalog.
 */
export function parseableSql(sql: string, dialect: string): string {
  if (dialect !== 'databricks' || !sql.includes('.')) return sql;
  const tokens = tokenizeSql(sql).filter((token) => token.type !== 'comment');
  let result = sql;
  for (let i = 0; i + 4 < tokens.length; i++) {
    const [a, dot1, b, dot2, c] = tokens.slice(i, i + 5);
    if (tokens[i - 1]?.type === 'dot') continue;
    if (NAME_TOKENS.has(a.type) && dot1.type === 'dot' && NAME_TOKENS.has(b.type) && dot2.type === 'dot' && NAME_TOKENS.has(c.type) && tokens[i + 5]?.type !== 'dot') {
      result = result.slice(0, a.start) + ' '.repeat(b.start - a.start) + result.slice(b.start);
      i += 4;
    }
  }
  return result;
}

/** node-sql-parser's complaint in one line: what it found, and where in the compiled SQL. */
export function parseErrorMessage(error: unknown): string {
  const peg = error as { found?: string | null; location?: { start?: { line?: number; column?: number } }; message?: string };
  const where = peg.location?.start ? ` at line ${peg.location.start.line}, column ${peg.location.start.column} of the compiled SQL` : '';
  if (peg.found !== undefined) return `${peg.found === null ? 'unexpected end of the SQL' : `unexpected ${JSON.stringify(peg.found)}`}${where}`;
  return (peg.message ?? String(error)).split('\n')[0].slice(0, 200);
}
