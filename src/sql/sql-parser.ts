/**
 * node-sql-parser, with the grammar closest to each warehouse's SQL: PostgreSQL's for DuckDB, Snowflake's
 * for Databricks (it reads QUALIFY, `::` casts, GROUP BY ALL, ILIKE, named arguments and backtick names,
 * which Hive's grammar does not). What a grammar still lacks is prepared by parseableSql. One parser per
 * grammar, loaded on first use: a grammar is a large module.
 */
import { createRequire } from 'node:module';

export interface SqlParser {
  astify(sql: string, options: { database: string }): unknown;
  columnList(sql: string, options: { database: string }): string[];
}

const require = createRequire(import.meta.url);
const parsers = new Map<string, SqlParser>();

const GRAMMARS: Record<string, { module: string; database: string }> = {
  duckdb: { module: 'node-sql-parser/build/postgresql.js', database: 'Postgresql' },
  databricks: { module: 'node-sql-parser/build/snowflake.js', database: 'Snowflake' },
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

/** Where the SQL goes before the parser reads it: src/sql/parseable-sql.ts. */
export { parseableSql } from './parseable-sql.js';

/** node-sql-parser's complaint in one line: what it found, and where in the compiled SQL. */
export function parseErrorMessage(error: unknown): string {
  const peg = error as { found?: string | null; location?: { start?: { line?: number; column?: number } }; message?: string };
  const where = peg.location?.start ? ` at line ${peg.location.start.line}, column ${peg.location.start.column} of the compiled SQL` : '';
  if (peg.found !== undefined) return `${peg.found === null ? 'unexpected end of the SQL' : `unexpected ${JSON.stringify(peg.found)}`}${where}`;
  return (peg.message ?? String(error)).split('\n')[0].slice(0, 200);
}
