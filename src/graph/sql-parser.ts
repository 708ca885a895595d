/**
 * node-sql-parser, with the grammar closest to each warehouse's SQL (PostgreSQL's for DuckDB, Hive's for
 * Databricks). One parser per grammar, loaded on first use: a grammar is a large module.
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
