/**
 * What a translation of one Spark function call works with: the call as the renderer found it, the
 * helpers every translation shares (arity checks, Databricks' errors raised at run time), and the
 * DuckDB database that holds the emulator's Spark-semantics macros.
 */
import { DatabricksSqlError } from './databricks-errors.js';
import { duckdbIdentifier, duckdbString, type Token } from './sql-tokens.js';

/** A call as the renderer found it, with ways to read its arguments. */
export interface FunctionCall {
  /** Lower-case. */
  name: string;
  args: Token[][];
  /** DuckDB text of argument i. */
  sql(index: number): string;
  /** DuckDB text of argument i's significant tokens [start, end) and what lies between them (the `x` of `extract(field FROM x)`). */
  sqlSlice(index: number, start: number, end?: number): string;
  /** Argument i when it is one bare word (a unit such as DAY). */
  keyword(index: number): string | undefined;
  /** Argument i's value when it is one string literal. */
  literal(index: number): string | undefined;
  /** DuckDB text of a following `WITHIN GROUP (ORDER BY …)`: the `ORDER BY …` part. */
  orderBy?: string;
  /** DuckDB text of a following `FILTER (WHERE …)`: the condition. */
  filter?: string;
}

export type Translation = (call: FunctionCall) => string;

/** An attached DuckDB database holding the macros that compute Spark's semantics in one place. */
export const SPARK_HELPERS = '__sluice_spark';

export const helper = (name: string) => `${duckdbIdentifier(SPARK_HELPERS)}.main.${name}`;

/** Databricks' error text inside a DuckDB error(): databricks-errors.ts turns it back into the class. */
export function raise(errorClass: string, detail: string, sqlState: string): string {
  return `error(${duckdbString(`[${errorClass}] ${detail} SQLSTATE: ${sqlState}`)})`;
}

export function allArgs(call: FunctionCall): string {
  return call.args.map((_, index) => call.sql(index)).join(', ');
}

export function withClauses(sql: string, call: FunctionCall): string {
  return `${sql}${call.orderBy ? ` WITHIN GROUP (${call.orderBy})` : ''}${call.filter ? ` FILTER (WHERE ${call.filter})` : ''}`;
}

export function arity(call: FunctionCall, ...counts: number[]): void {
  if (counts.includes(call.args.length)) return;
  throw new DatabricksSqlError(
    'WRONG_NUM_ARGS.WITHOUT_SUGGESTION',
    `The \`${call.name}\` requires [${counts.join(', ')}] parameters but the actual number is ${call.args.length}.`,
    '42605',
  );
}

export function unsupported(what: string): DatabricksSqlError {
  return new DatabricksSqlError('EMULATOR_UNSUPPORTED', `The Databricks emulator does not support ${what}.`, '0A000');
}
