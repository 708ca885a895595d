/**
 * The guard: while Sluice works in a pull request's environment, every statement is checked, before it
 * is sent, to write only inside that environment's schemas. A statement that would write anywhere else
 * (production, another pull request, an unqualified name that lands in the default schema) is never
 * executed: the run stops with an internal error.
 */
import { SluiceError } from '../errors.js';
import type { Column, ExecuteResult, QueryResult, Relation, SqlValue, Warehouse } from '../warehouse/warehouse.js';
import type { Environment } from './environment.js';

export class GuardViolation extends SluiceError {
  constructor(
    message: string,
    readonly statement: string,
  ) {
    super(message, { hint: 'a hook, macro or run_query of the project (or a bug in Sluice) tried to write outside the environment: nothing was executed' });
    this.name = 'GuardViolation';
  }
}

export interface WriteTarget {
  kind: 'schema' | 'relation';
  database?: string;
  schema?: string;
  identifier?: string;
  /** The statement's verb, e.g. `CREATE TABLE`, `INSERT INTO`. */
  verb: string;
}

/** Blanks out comments and string literals (keeping length), so that keywords inside them are not matched. */
function blankLiteralsAndComments(sql: string): string {
  let out = '';
  let index = 0;
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      const stop = end < 0 ? sql.length : end;
      out += ' '.repeat(stop - index);
      index = stop;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      const stop = end < 0 ? sql.length : end + 2;
      out += sql.slice(index, stop).replace(/[^\n]/g, ' ');
      index = stop;
    } else if (char === "'") {
      let stop = index + 1;
      while (stop < sql.length) {
        if (sql[stop] === '\\') stop += 2;
        else if (sql[stop] === "'" && sql[stop + 1] === "'") stop += 2;
        else if (sql[stop] === "'") break;
        else stop++;
      }
      // Stryker disable next-line ArithmeticOperator: an unclosed literal's blank would be one character longer than the text, past its end: nothing reads there
      const end = Math.min(stop, sql.length - 1);
      out += `'${' '.repeat(Math.max(0, end - index - 1))}'`.slice(0, end - index + 1);
      index = end + 1;
    } else {
      out += char;
      index++;
    }
  }
  return out;
}

const NAME_PART = String.raw`(?:"(?:[^"]|"")+"|\x60(?:[^\x60]|\x60\x60)+\x60|[A-Za-z_][A-Za-z0-9_$]*)`;
const NAME = String.raw`${NAME_PART}(?:\s*\.\s*${NAME_PART}){0,2}`;

const WRITES: Array<{ verb: string; kind: 'schema' | 'relation'; pattern: RegExp }> = [
  { verb: 'CREATE SCHEMA', kind: 'schema', pattern: new RegExp(String.raw`^\s*create\s+(?:or\s+replace\s+)?(?:schema|database)\s+(?:if\s+not\s+exists\s+)?(${NAME})`, 'i') },
  { verb: 'DROP SCHEMA', kind: 'schema', pattern: new RegExp(String.raw`^\s*drop\s+(?:schema|database)\s+(?:if\s+exists\s+)?(${NAME})`, 'i') },
  { verb: 'CREATE', kind: 'relation', pattern: new RegExp(String.raw`^\s*create\s+(?:or\s+replace\s+)?(?:(temp|temporary)\s+)?(?:transient\s+)?(?:materialized\s+)?(?:table|view)\s+(?:if\s+not\s+exists\s+)?(${NAME})`, 'i') },
  { verb: 'REPLACE TABLE', kind: 'relation', pattern: new RegExp(String.raw`^\s*replace\s+table\s+(${NAME})`, 'i') },
  { verb: 'DROP', kind: 'relation', pattern: new RegExp(String.raw`^\s*drop\s+(?:materialized\s+)?(?:table|view)\s+(?:if\s+exists\s+)?(${NAME})`, 'i') },
  { verb: 'ALTER', kind: 'relation', pattern: new RegExp(String.raw`^\s*alter\s+(?:table|view)\s+(?:if\s+exists\s+)?(${NAME})`, 'i') },
  { verb: 'INSERT', kind: 'relation', pattern: new RegExp(String.raw`^\s*insert\s+(?:into|overwrite)\s+(?:table\s+)?(${NAME})`, 'i') },
  { verb: 'MERGE', kind: 'relation', pattern: new RegExp(String.raw`^\s*merge\s+(?:with\s+schema\s+evolution\s+)?into\s+(${NAME})`, 'i') },
  { verb: 'DELETE', kind: 'relation', pattern: new RegExp(String.raw`^\s*delete\s+from\s+(${NAME})`, 'i') },
  { verb: 'UPDATE', kind: 'relation', pattern: new RegExp(String.raw`^\s*update\s+(${NAME})`, 'i') },
  { verb: 'TRUNCATE', kind: 'relation', pattern: new RegExp(String.raw`^\s*truncate\s+(?:table\s+)?(${NAME})`, 'i') },
  { verb: 'RESTORE', kind: 'relation', pattern: new RegExp(String.raw`^\s*restore\s+(?:table\s+)?(${NAME})`, 'i') },
  { verb: 'COPY INTO', kind: 'relation', pattern: new RegExp(String.raw`^\s*copy\s+into\s+(${NAME})`, 'i') },
  { verb: 'COMMENT ON', kind: 'relation', pattern: new RegExp(String.raw`^\s*comment\s+on\s+(?:table|view)\s+(${NAME})`, 'i') },
  { verb: 'COMMENT ON COLUMN', kind: 'relation', pattern: new RegExp(String.raw`^\s*comment\s+on\s+column\s+(${NAME})\s*\.\s*${NAME_PART}\s+is\b`, 'i') },
];

/** Statements that change where later statements write, or reach outside the warehouse: never allowed in an environment. */
const FORBIDDEN = /^\s*(use|attach|detach|grant|revoke|vacuum|optimize|install|load|export|import|checkpoint|pragma)\b/i;
/** Statements that write nothing. */
const HARMLESS = /^\s*(select|with|values|describe|show|explain|set|from|pivot|unpivot|summarize|table|\(|begin|commit|rollback|abort|end)\b/i;

function unquote(part: string): string {
  // Stryker disable next-line MethodExpression: the parts are regex matches of NAME_PART, which never hold whitespace
  const trimmed = part.trim();
  if (trimmed.startsWith('"')) return trimmed.slice(1, -1).replace(/""/g, '"');
  if (trimmed.startsWith('`')) return trimmed.slice(1, -1).replace(/``/g, '`');
  return trimmed;
}

function splitName(name: string): string[] {
  const parts: string[] = [];
  const pattern = new RegExp(NAME_PART, 'g');
  for (const match of name.matchAll(pattern)) parts.push(unquote(match[0]));
  return parts;
}

/** Splits a script into statements on semicolons outside literals and comments. */
function statements(sql: string): Array<{ blanked: string; original: string }> {
  const blanked = blankLiteralsAndComments(sql);
  const result: Array<{ blanked: string; original: string }> = [];
  let start = 0;
  for (let index = 0; index <= blanked.length; index++) {
    if (index === blanked.length || blanked[index] === ';') {
      const piece = blanked.slice(start, index);
      if (piece.trim()) result.push({ blanked: piece, original: sql.slice(start, index) });
      start = index + 1;
    }
  }
  return result;
}

/**
 * What a script writes. Throws for statements the guard cannot reason about: an environment run
 * only sends the statements Sluice makes and the SELECTs and hooks of the project.
 */
export function writeTargets(sql: string): WriteTarget[] {
  const targets: WriteTarget[] = [];
  for (const statement of statements(sql)) {
    if (FORBIDDEN.test(statement.blanked)) {
      // Stryker disable next-line Regex: after trim() the first word is the same whether one or several spaces split it
      throw new GuardViolation(`Refused a '${statement.blanked.trim().split(/\s+/)[0].toUpperCase()}' statement in a pull request environment`, statement.original.trim());
    }
    const write = WRITES.find((candidate) => candidate.pattern.test(statement.blanked));
    if (!write) {
      if (HARMLESS.test(statement.blanked)) continue;
      throw new GuardViolation(`Refused a statement the guard cannot check: ${statement.original.trim().slice(0, 80)}`, statement.original.trim());
    }
    const match = write.pattern.exec(statement.blanked)!;
    if (write.verb === 'CREATE' && match[1]) continue; // temporary tables live in the session, not in a schema
    const parts = splitName(match[match.length - 1]);
    if (write.kind === 'schema') {
      targets.push({ kind: 'schema', verb: write.verb, database: parts.length === 2 ? parts[0] : undefined, schema: parts[parts.length - 1] });
    } else {
      const [identifier, schema, database] = [...parts].reverse();
      targets.push({ kind: 'relation', verb: write.verb, database, schema, identifier });
    }
  }
  return targets;
}

export function checkStatement(sql: string, environment: Environment): void {
  for (const target of writeTargets(sql)) {
    if (!target.schema) {
      throw new GuardViolation(`Refused ${target.verb} of unqualified '${target.identifier}': in an environment every write must name its schema`, sql);
    }
    if (!environment.ownsSchema(target.database, target.schema)) {
      const where = [target.database, target.schema, target.identifier].filter(Boolean).join('.');
      throw new GuardViolation(`Refused ${target.verb} of ${where}: it is outside environment '${environment.name}'`, sql);
    }
  }
}

/** A warehouse whose every write is checked against the environment first. */
export function guardedWarehouse(warehouse: Warehouse, environment: Environment): Warehouse {
  const guarded: Warehouse = {
    dialect: warehouse.dialect,
    defaultDatabase: warehouse.defaultDatabase,
    async execute(sql: string): Promise<ExecuteResult> {
      checkStatement(sql, environment);
      return warehouse.execute(sql);
    },
    async query(sql: string): Promise<QueryResult> {
      checkStatement(sql, environment);
      return warehouse.query(sql);
    },
    getColumns: (relation: Relation) => warehouse.getColumns(relation),
    getRelationType: (relation: Relation) => warehouse.getRelationType(relation),
    listSchemas: (database?: string) => warehouse.listSchemas(database),
    listRelations: (database: string | undefined, schema: string) => warehouse.listRelations(database, schema),
    ping: () => warehouse.ping(),
    cancel: () => warehouse.cancel(),
    close: () => warehouse.close(),
  };
  if (warehouse.transaction) {
    const transaction = warehouse.transaction.bind(warehouse);
    guarded.transaction = async (statements: string[], afterStatement?: (done: number) => void) => {
      for (const statement of statements) checkStatement(statement, environment);
      return transaction(statements, afterStatement);
    };
  }
  if (warehouse.insertRows) {
    const insertRows = warehouse.insertRows.bind(warehouse);
    guarded.insertRows = (relation: Relation, columns: Column[], rows: SqlValue[][]) => {
      if (!environment.ownsSchema(relation.database, relation.schema)) {
        return Promise.reject(new GuardViolation(`Refused a bulk insert into ${relation.schema}.${relation.identifier}: it is outside environment '${environment.name}'`, 'insertRows'));
      }
      return insertRows(relation, columns, rows);
    };
  }
  return guarded;
}
