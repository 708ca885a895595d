/**
 * What Unity Catalog remembers about a relation besides its rows: identity, kind (managed or external
 * table, view, materialized view, streaming table), format, location, comments, table properties,
 * partitioning and clustering, and the privileges granted on it — read from the clauses of CREATE TABLE
 * and CREATE VIEW, changed by ALTER and COMMENT ON, and shown by DESCRIBE TABLE EXTENDED, DESCRIBE DETAIL,
 * SHOW TBLPROPERTIES and SHOW GRANTS.
 *
 * The identity and the grants follow Databricks: CREATE OR REPLACE TABLE keeps the table (its id, its
 * grants, its history); CREATE OR REPLACE VIEW is DROP + CREATE and loses the grants; ALTER VIEW … AS
 * keeps them; DROP loses everything.
 *
 * Not confirmed against a workspace (no public source found): the error for a privilege that does not
 * apply (INVALID_PARAMETER_VALUE.PRIVILEGE, 22023), the SQLSTATE of
 * CANNOT_SHALLOW_CLONE_NON_UC_MANAGED_TABLE_AS_SOURCE_OR_TARGET (0AKUC), and SHOW GRANTS naming a view's
 * ObjectType TABLE (Unity Catalog's securable type for both).
 */
import { randomUUID } from 'node:crypto';
import { DatabricksSqlError } from './databricks-errors.js';
import { DEFAULT_DELETED_FILE_RETENTION, DEFAULT_LOG_RETENTION, durationMs, type Retention } from './delta-history.js';
import type { StatementParser } from './statement-parser.js';
import { identifierOf, isSignificant, isSymbol, isWord, type Token } from './sql-tokens.js';

export type RelationKind = 'table' | 'view' | 'materialized_view' | 'streaming_table';

export interface RelationMetadata {
  id: string;
  kind: RelationKind;
  /** The table format, lower-case: delta, parquet, csv, … (views have none). */
  provider?: string;
  /** Where an external table's files live; managed tables have none. */
  location?: string;
  comment?: string;
  /** By lower-case column name. */
  columnComments: Map<string, string>;
  properties: Map<string, string>;
  partitionColumns: string[];
  clusteringColumns: string[];
  createdAt: Date;
  /** Principal → privileges granted on the relation itself. */
  grants: Map<string, Set<string>>;
}

/** The clauses CREATE TABLE and CREATE VIEW may carry, in any order. */
export interface TableClauses {
  provider?: string;
  location?: string;
  comment?: string;
  properties: Array<[string, string]>;
  partitionColumns: string[];
  clusteringColumns: string[];
}

/** Reads the Delta and Databricks clauses of CREATE TABLE/VIEW; stops at AS, CLONE or the end. */
export function readTableClauses(parser: StatementParser): TableClauses {
  const clauses: TableClauses = { properties: [], partitionColumns: [], clusteringColumns: [] };
  for (;;) {
    if (parser.accept('USING')) clauses.provider = parser.name().parts.join('.').toLowerCase();
    else if (parser.accept('OPTIONS')) parser.group();
    else if (parser.accept('TBLPROPERTIES')) clauses.properties.push(...readProperties(parser));
    else if (parser.accept('PARTITIONED', 'BY')) clauses.partitionColumns = readColumnNames(parser);
    else if (parser.accept('CLUSTERED', 'BY')) parser.group();
    else if (parser.accept('CLUSTER', 'BY')) {
      if (!parser.oneOf('AUTO', 'NONE')) clauses.clusteringColumns = readColumnNames(parser);
    } else if (parser.accept('LOCATION')) clauses.location = parser.string();
    else if (parser.accept('COMMENT')) clauses.comment = parser.string();
    else if (parser.accept('WITH', 'SCHEMA')) parser.oneOf('BINDING', 'COMPENSATION', 'EVOLUTION', 'TYPE');
    else break;
  }
  if (clauses.partitionColumns.length && clauses.clusteringColumns.length) {
    throw new DatabricksSqlError('SPECIFY_CLUSTER_BY_WITH_PARTITIONED_BY_IS_NOT_ALLOWED', 'Cannot specify both CLUSTER BY and PARTITIONED BY.', '42908');
  }
  return clauses;
}

/** `('k' = 'v', k2 = v2, …)`: keys as written (dotted words or strings), values as text. */
export function readProperties(parser: StatementParser): Array<[string, string]> {
  const group = parser.group();
  const pairs: Array<[string, string]> = [];
  for (const part of splitOnCommas(parser.tokens.slice(group.start, group.end))) {
    const equals = part.findIndex((token) => isSymbol(token, '='));
    const keyTokens = equals === -1 ? part : part.slice(0, equals);
    const key = tokensText(keyTokens);
    const value = equals === -1 ? '' : tokensText(part.slice(equals + 1));
    if (!key) throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', 'Syntax error in TBLPROPERTIES: a property needs a key.', '42601');
    pairs.push([key, value]);
  }
  return pairs;
}

/** `(k1, 'k2')` of UNSET TBLPROPERTIES and SHOW TBLPROPERTIES t (k). */
export function readPropertyKeys(parser: StatementParser): string[] {
  const group = parser.group();
  return splitOnCommas(parser.tokens.slice(group.start, group.end)).map(tokensText);
}

/** `(a, b)` of PARTITIONED BY and CLUSTER BY. */
export function readColumnNames(parser: StatementParser): string[] {
  const group = parser.group();
  return splitOnCommas(parser.tokens.slice(group.start, group.end)).map((part) => {
    const names = part.map(identifierOf).filter((name): name is string => name !== undefined);
    // PARTITIONED BY may declare a column (`p STRING`): its name comes first.
    return names[0];
  });
}

function splitOnCommas(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (!isSignificant(token)) continue;
    if (isSymbol(token, '(')) depth++;
    if (isSymbol(token, ')')) depth--;
    if (depth === 0 && isSymbol(token, ',')) parts.push([]);
    else parts.at(-1)!.push(token);
  }
  return parts.filter((part) => part.length > 0);
}

function tokensText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      switch (token.kind) {
        case 'string':
          return token.value;
        case 'quoted':
          return token.name;
        case 'word':
        case 'number':
        case 'symbol':
          return token.text + (token.kind === 'number' ? token.suffix : '');
        default:
          return '';
      }
    })
    .join('');
}

/** A new relation's metadata from its clauses. */
export function newMetadata(kind: RelationKind, clauses: TableClauses, now: Date): RelationMetadata {
  return {
    id: randomUUID(),
    kind,
    provider: kind === 'view' ? undefined : (clauses.provider ?? 'delta'),
    location: clauses.location,
    comment: clauses.comment,
    columnComments: new Map(),
    properties: new Map(clauses.properties),
    partitionColumns: clauses.partitionColumns,
    clusteringColumns: clauses.clusteringColumns,
    createdAt: now,
    grants: new Map(),
  };
}

/** MANAGED, EXTERNAL, VIEW, MATERIALIZED_VIEW or STREAMING_TABLE, as information_schema.tables and DESCRIBE say it. */
export function tableType(metadata: RelationMetadata): string {
  switch (metadata.kind) {
    case 'view':
      return 'VIEW';
    case 'materialized_view':
      return 'MATERIALIZED_VIEW';
    case 'streaming_table':
      return 'STREAMING_TABLE';
    default:
      return metadata.location ? 'EXTERNAL' : 'MANAGED';
  }
}

export function retentionOf(metadata: RelationMetadata | undefined): Retention {
  const property = (key: string, fallback: string) => durationMs(findProperty(metadata, key) ?? fallback);
  return {
    deletedFileRetentionMs: property('delta.deletedFileRetentionDuration', DEFAULT_DELETED_FILE_RETENTION),
    logRetentionMs: property('delta.logRetentionDuration', DEFAULT_LOG_RETENTION),
  };
}

function findProperty(metadata: RelationMetadata | undefined, key: string): string | undefined {
  for (const [name, value] of metadata?.properties ?? []) if (name.toLowerCase() === key.toLowerCase()) return value;
  return undefined;
}

/** Checks the Delta properties whose values Delta validates. */
export function checkProperties(properties: Array<[string, string]>): void {
  for (const [key, value] of properties) {
    const lower = key.toLowerCase();
    if (lower === 'delta.deletedfileretentionduration' || lower === 'delta.logretentionduration') durationMs(value);
  }
}

// ---- privileges ----

export type SecurableType = 'CATALOG' | 'SCHEMA' | 'TABLE' | 'VIEW' | 'MATERIALIZED VIEW';

const COMMON = ['ALL PRIVILEGES', 'APPLY TAG', 'MANAGE'];
const CONTAINER = ['CREATE FUNCTION', 'CREATE MATERIALIZED VIEW', 'CREATE MODEL', 'CREATE TABLE', 'CREATE VOLUME', 'EXECUTE', 'EXTERNAL USE SCHEMA', 'MODIFY', 'READ VOLUME', 'REFRESH', 'SELECT', 'USE SCHEMA', 'WRITE VOLUME'];

/** Unity Catalog's privileges by securable (privilege model 1.0). */
const PRIVILEGES: Record<SecurableType, Set<string>> = {
  CATALOG: new Set([...COMMON, ...CONTAINER, 'BROWSE', 'CREATE SCHEMA', 'USE CATALOG']),
  SCHEMA: new Set([...COMMON, ...CONTAINER]),
  TABLE: new Set([...COMMON, 'MODIFY', 'SELECT']),
  VIEW: new Set([...COMMON, 'SELECT']),
  'MATERIALIZED VIEW': new Set([...COMMON, 'REFRESH', 'SELECT']),
};

/** The securable type a relation's privileges are checked against. */
export function securableOf(kind: RelationKind): SecurableType {
  return kind === 'view' ? 'VIEW' : kind === 'materialized_view' ? 'MATERIALIZED VIEW' : 'TABLE';
}

/** `SELECT, MODIFY` or `ALL PRIVILEGES` … up to ON: privilege names, upper-case, one space between words. */
export function readPrivileges(parser: StatementParser): string[] {
  const privileges: string[] = [];
  let words: string[] = [];
  while (!parser.atEnd() && !isWord(parser.peek(), 'ON')) {
    const token = parser.next()!;
    if (isSymbol(token, ',')) {
      privileges.push(words.join(' '));
      words = [];
    } else {
      const word = identifierOf(token);
      if (word === undefined) throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', `Syntax error in the privilege list.`, '42601');
      words.push(word.toUpperCase().replaceAll('_', ' '));
    }
  }
  privileges.push(words.join(' '));
  if (privileges.some((privilege) => !privilege)) throw new DatabricksSqlError('PARSE_SYNTAX_ERROR', 'Syntax error: a privilege is missing.', '42601');
  return privileges.map((privilege) => (privilege === 'ALL' ? 'ALL PRIVILEGES' : privilege));
}

/** Unity Catalog refuses a privilege that does not apply to the securable (the wording is the emulator's). */
export function checkPrivileges(privileges: string[], securable: SecurableType, objectKey: string): void {
  for (const privilege of privileges) {
    if (!PRIVILEGES[securable].has(privilege)) {
      throw new DatabricksSqlError(
        'INVALID_PARAMETER_VALUE.PRIVILEGE',
        `Privilege ${privilege} is not applicable to this entity [${securable.toLowerCase()}:${objectKey}].`,
        '22023',
      );
    }
  }
}

export function grant(grants: Map<string, Set<string>>, principal: string, privileges: string[]): void {
  const held = grants.get(principal) ?? new Set<string>();
  for (const privilege of privileges) held.add(privilege);
  grants.set(principal, held);
}

export function revoke(grants: Map<string, Set<string>>, principal: string, privileges: string[]): void {
  const held = grants.get(principal);
  if (!held) return;
  for (const privilege of privileges) held.delete(privilege);
  if (!held.size) grants.delete(principal);
}

/** SHOW GRANTS rows for one securable: Principal, ActionType, ObjectType, ObjectKey. */
export function grantRows(grants: Map<string, Set<string>>, objectType: string, objectKey: string, principal?: string): string[][] {
  const rows: string[][] = [];
  for (const [holder, privileges] of [...grants].sort(([a], [b]) => a.localeCompare(b))) {
    if (principal !== undefined && holder.toLowerCase() !== principal.toLowerCase()) continue;
    for (const privilege of [...privileges].sort()) rows.push([holder, privilege, objectType, objectKey]);
  }
  return rows;
}
