/**
 * Runs Databricks SQL on DuckDB. Each Unity Catalog catalog is an attached in-memory DuckDB database,
 * so three-part names keep working; each session is its own DuckDB connection with its own current
 * catalog and schema. Statements DuckDB cannot run as written (Delta clauses, SHOW, DESCRIBE, CLONE,
 * RESTORE, VACUUM, history, GRANT/REVOKE, COMMENT ON, Spark's MERGE by name, result metrics) are handled
 * here; the rest is translated token by token. What Unity Catalog remembers about each relation (kind,
 * clauses, comments, grants) is kept as relation-metadata.ts describes; versions and retention as
 * delta-history.ts does.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DatabricksSqlError, fromDuckDBError } from './databricks-errors.js';
import { DeltaHistory, HISTORY_CATALOG, formatHours, type FileChange } from './delta-history.js';
import { checkObjectName } from './object-names.js';
import { findTypedSites, markedForProbe, plannedTypes, withSparkTypes } from './aggregate-types.js';
import {
  checkPrivileges, checkProperties, grant, grantRows, newMetadata, readColumnNames, readPrivileges, readProperties, readPropertyKeys, readTableClauses,
  retentionOf, revoke, securableOf, tableType, type RelationKind as StoredKind, type RelationMetadata, type SecurableType, type TableClauses,
} from './relation-metadata.js';
import { databricksTypeName, databricksTypeNameSql, readDuckDBResult, resultSet, type Cell, type ResultSet } from './result-set.js';
import { StatementParser, syntaxError } from './statement-parser.js';
import { SPARK_HELPERS, sparkHelperMacros } from './spark-functions.js';
import { registerSparkHashFunctions } from './spark-hash.js';
import { duckdbIdentifier, duckdbString, identifierOf, isSignificant, isSymbol, isWord, type Token } from './sql-tokens.js';
import { renderTokens } from './sql-translation.js';

// DuckDB keeps these database names for itself: such catalogs get another name inside DuckDB.
const RESERVED_DUCKDB_NAMES = new Set(['main', 'system', 'temp', 'memory']);
const RENAMED_CATALOG_PREFIX = '__uc_';
const DEFAULT_SCHEMA = 'default';
// Every DuckDB database has a schema `main` that cannot be dropped; a Unity Catalog catalog has none until
// one is created. The emulator keeps DuckDB's and tracks whether the Databricks schema `main` exists.
const DUCKDB_MAIN_SCHEMA = 'main';
// The workspace's legacy Hive metastore, beside Unity Catalog: no information_schema, no UC shallow clone.
const HIVE_METASTORE = 'hive_metastore';
const UTC_ZONES = new Set(['UTC', 'ETC/UTC', 'Z', 'GMT', 'ETC/GMT', '+00:00', 'UTC+00:00']);
// Settings whose other values would change what functions compute: the emulator knows the default only.
const EMULATED_SETTINGS: Record<string, string> = {
  ansi_mode: 'TRUE',
  'spark.sql.ansi.enabled': 'TRUE',
  legacy_time_parser_policy: 'CORRECTED',
  'spark.sql.legacy.timeparserpolicy': 'CORRECTED',
};

export interface StatementOutcome {
  result?: ResultSet;
  /** Rows written, for the operation status' numModifiedRows. */
  modifiedRows?: number;
}

/** One client session: a DuckDB connection and the session's state. */
export class EngineSession {
  readonly config = new Map<string, string>();
  /** `SET STATEMENT_TIMEOUT`, in seconds; 0 means none. */
  statementTimeoutSeconds = 0;

  constructor(
    readonly connection: DuckDBConnection,
    public catalog: string,
    public schema: string,
  ) {}
}

interface ResolvedName {
  catalog: string;
  schema: string;
  name: string;
}

type RelationKind = 'table' | 'view';

export class DatabricksEngine {
  readonly history = new DeltaHistory();
  private readonly catalogs = new Set<string>();
  /** Unity Catalog's record of each relation (`catalog.schema.name`): kind, clauses, comments, grants. */
  private readonly relations = new Map<string, RelationMetadata>();
  /** Privileges granted on schemas (`catalog.schema`) and catalogs. */
  private readonly schemaGrants = new Map<string, Map<string, Set<string>>>();
  private readonly catalogGrants = new Map<string, Map<string, Set<string>>>();
  /** Catalogs in which the Databricks schema `main` was created (see DUCKDB_MAIN_SCHEMA). */
  private readonly catalogsWithMain = new Set<string>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly admin: DuckDBConnection,
    readonly defaultCatalog: string,
  ) {}

  static async create(catalogs: string[]): Promise<DatabricksEngine> {
    if (!catalogs.length) throw new Error('The emulator needs at least one catalog');
    const instance = await DuckDBInstance.create(':memory:');
    const admin = await instance.connect();
    // Databricks' session time zone is UTC here, whatever the machine's zone (TIMESTAMPTZ casts use it).
    await admin.run(`SET GLOBAL TimeZone = 'UTC'`);
    await admin.run(`ATTACH ':memory:' AS ${duckdbIdentifier(HISTORY_CATALOG)}`);
    await admin.run(`ATTACH ':memory:' AS ${duckdbIdentifier(SPARK_HELPERS)}`);
    for (const macro of sparkHelperMacros()) await admin.run(macro);
    registerSparkHashFunctions(admin);
    const engine = new DatabricksEngine(instance, admin, catalogs[0].toLowerCase());
    for (const catalog of catalogs) await engine.createCatalog(catalog, true);
    return engine;
  }

  async close(): Promise<void> {
    this.admin.closeSync();
    this.instance.closeSync();
  }

  async openSession(catalog?: string, schema?: string): Promise<EngineSession> {
    const connection = await this.instance.connect();
    const session = new EngineSession(connection, (catalog || this.defaultCatalog).toLowerCase(), (schema || DEFAULT_SCHEMA).toLowerCase());
    try {
      this.requireCatalog(session.catalog);
      await this.useNamespace(session, session.catalog, session.schema);
    } catch (error) {
      connection.closeSync();
      throw error;
    }
    return session;
  }

  closeSession(session: EngineSession): void {
    session.connection.closeSync();
  }

  /** Whether a statement answers with a result set, known before it runs (the operation handle says so). */
  returnsResultSet(sql: string): boolean {
    try {
      const parser = new StatementParser(sql);
      const first = parser.oneOf('SELECT', 'WITH', 'VALUES', 'FROM', 'TABLE', 'SHOW', 'DESCRIBE', 'DESC', 'EXPLAIN', 'SET', 'INSERT', 'MERGE', 'DELETE', 'UPDATE', 'RESTORE', 'CREATE');
      if (first === 'CREATE') {
        parser.accept('OR', 'REPLACE');
        return parser.accept('TABLE') && (parser.hasAhead('AS') || parser.hasAhead('CLONE'));
      }
      return first !== undefined || isSymbol(parser.peek(), '(');
    } catch {
      return false;
    }
  }

  async execute(session: EngineSession, sql: string): Promise<StatementOutcome> {
    try {
      return await this.dispatch(session, new StatementParser(sql));
    } catch (error) {
      throw fromDuckDBError(error, (text) => text.replaceAll(RENAMED_CATALOG_PREFIX, ''));
    }
  }

  private async dispatch(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    const first = parser.peek();
    const keyword = first?.kind === 'word' ? first.text.toUpperCase() : '';
    switch (keyword) {
      case 'SET':
        return this.set(session, parser);
      case 'RESET':
        session.config.clear();
        session.statementTimeoutSeconds = 0;
        return {};
      case 'USE':
        return this.use(session, parser);
      case 'SHOW':
        return this.show(session, parser);
      case 'DESCRIBE':
      case 'DESC':
        return this.describe(session, parser);
      case 'CREATE':
        return this.create(session, parser);
      case 'DROP':
        return this.drop(session, parser);
      case 'ALTER':
        return this.alter(session, parser);
      case 'INSERT':
        return this.insert(session, parser);
      case 'MERGE':
        return this.merge(session, parser);
      case 'DELETE':
      case 'UPDATE':
      case 'TRUNCATE':
        return this.rowChange(session, parser, keyword);
      case 'RESTORE':
        return this.restore(session, parser);
      case 'COMMENT':
        return this.commentOn(session, parser);
      case 'GRANT':
      case 'REVOKE':
        return this.grantOrRevoke(session, parser, keyword);
      case 'VACUUM':
        return this.vacuum(session, parser);
      case 'OPTIMIZE':
      case 'ANALYZE':
      case 'REFRESH':
      case 'REPAIR':
      case 'MSCK':
      case 'CACHE':
      case 'UNCACHE':
        // Metadata, permissions and file maintenance: nothing to do on DuckDB.
        return {};
      default:
        return { result: await this.query(session, await this.renderTyped(session, parser.tokens)) };
    }
  }

  // ---- catalogs, names and rendering ----

  duckdbCatalog(catalog: string): string {
    const lower = catalog.toLowerCase();
    return RESERVED_DUCKDB_NAMES.has(lower) ? `${RENAMED_CATALOG_PREFIX}${lower}` : lower;
  }

  private databricksCatalogSql(column: string): string {
    const renamed = [...this.catalogs].filter((catalog) => this.duckdbCatalog(catalog) !== catalog);
    if (!renamed.length) return column;
    return `CASE ${column} ${renamed.map((catalog) => `WHEN ${duckdbString(this.duckdbCatalog(catalog))} THEN ${duckdbString(catalog)}`).join(' ')} ELSE ${column} END`;
  }

  private async createCatalog(name: string, ifNotExists: boolean): Promise<void> {
    const catalog = name.toLowerCase();
    if (this.catalogs.has(catalog)) {
      if (ifNotExists) return;
      throw new DatabricksSqlError('CATALOG_ALREADY_EXISTS', `Cannot create catalog '${catalog}' because it already exists.`, '42P04');
    }
    await this.admin.run(`ATTACH ':memory:' AS ${duckdbIdentifier(this.duckdbCatalog(catalog))}`);
    await this.admin.run(`CREATE SCHEMA ${duckdbIdentifier(this.duckdbCatalog(catalog))}.${duckdbIdentifier(DEFAULT_SCHEMA)}`);
    this.catalogs.add(catalog);
  }

  private requireCatalog(catalog: string): void {
    if (!this.catalogs.has(catalog.toLowerCase())) {
      throw new DatabricksSqlError('NO_SUCH_CATALOG_EXCEPTION', `Catalog '${catalog}' was not found. Please verify the catalog name and then retry the query or command again.`, '42704');
    }
  }

  private resolve(session: EngineSession, parts: string[]): ResolvedName {
    const lower = parts.map((part) => part.toLowerCase());
    if (lower.length === 1) return { catalog: session.catalog, schema: session.schema, name: lower[0] };
    if (lower.length === 2) return { catalog: session.catalog, schema: lower[0], name: lower[1] };
    if (lower.length === 3) return { catalog: lower[0], schema: lower[1], name: lower[2] };
    throw syntaxError(`The name ${parts.join('.')} has too many parts.`);
  }

  private resolveSchema(session: EngineSession, parts: string[]): { catalog: string; schema: string } {
    const lower = parts.map((part) => part.toLowerCase());
    if (lower.length === 1) return { catalog: session.catalog, schema: lower[0] };
    if (lower.length === 2) return { catalog: lower[0], schema: lower[1] };
    throw syntaxError(`The schema name ${parts.join('.')} has too many parts.`);
  }

  private duckdbRelation(name: ResolvedName): string {
    return [this.duckdbCatalog(name.catalog), name.schema, name.name].map(duckdbIdentifier).join('.');
  }

  private duckdbSchema(catalog: string, schema: string): string {
    return `${duckdbIdentifier(this.duckdbCatalog(catalog))}.${duckdbIdentifier(schema)}`;
  }

  private key(name: ResolvedName): string {
    return `${name.catalog}.${name.schema}.${name.name}`;
  }

  private display(name: ResolvedName): string {
    return `\`${name.catalog}\`.\`${name.schema}\`.\`${name.name}\``;
  }

  /**
   * DuckDB text for tokens: dotted names are looked at as a whole — a renamed catalog, the emulated
   * information_schema, time travel (`t VERSION AS OF 3`, `t@v3`) — and every other token follows the
   * token-level rules.
   */
  render(session: EngineSession, tokens: Token[]): string {
    const out: Token[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const previous = lastSignificant(out);
      const sessionValue = sessionFunction(session, tokens, i);
      if (sessionValue) {
        out.push({ kind: 'raw', text: duckdbString(sessionValue.value) });
        i = sessionValue.end - 1;
        continue;
      }
      if (identifierOf(token) === undefined || isSymbol(previous, '.')) {
        out.push(token);
        continue;
      }
      const parts = [identifierOf(token)!];
      let end = i + 1;
      while (isSymbol(tokens[end], '.') && identifierOf(tokens[end + 1]) !== undefined) {
        parts.push(identifierOf(tokens[end + 1])!);
        end += 2;
      }
      const lower = parts.map((part) => part.toLowerCase());
      const informationSchemaAt = lower.length === 2 ? 0 : lower.length === 3 ? 1 : -1;
      if (informationSchemaAt >= 0 && lower[informationSchemaAt] === 'information_schema' && !isSymbol(tokens[end], '(')) {
        const catalog = informationSchemaAt === 0 ? session.catalog : lower[0];
        const hasAlias = startsAlias(tokens, end);
        out.push({ kind: 'raw', text: `(${this.informationSchemaView(catalog, lower.at(-1)!)})${hasAlias ? '' : ` AS ${duckdbIdentifier(lower.at(-1)!)}`}` });
        i = end - 1;
        continue;
      }
      const travel = timeTravel(tokens, end);
      if (travel && parts.length <= 3) {
        const name = this.resolve(session, parts);
        out.push({ kind: 'raw', text: this.versionRelation(name, travel.version) });
        i = travel.end - 1;
        continue;
      }
      if (parts.length >= 3 && this.catalogs.has(lower[0]) && this.duckdbCatalog(lower[0]) !== lower[0]) {
        out.push({ kind: 'raw', text: [this.duckdbCatalog(lower[0]), ...parts.slice(1)].map(duckdbIdentifier).join('.') });
        i = end - 1;
        continue;
      }
      out.push(...tokens.slice(i, end));
      i = end - 1;
    }
    return renderTokens(out);
  }

  /**
   * `render`, with Spark's result types where DuckDB's aggregates type otherwise (aggregate-types.ts): the
   * statement is first planned with its aggregates' arguments marked, to learn their types.
   */
  private async renderTyped(session: EngineSession, tokens: Token[]): Promise<string> {
    const sites = findTypedSites(tokens);
    if (!sites.length) return this.render(session, tokens);
    let types: Awaited<ReturnType<typeof plannedTypes>>;
    try {
      types = await plannedTypes(session.connection, this.render(session, markedForProbe(tokens, sites)));
    } catch {
      // What the probe cannot render or plan, the statement itself reports when it runs.
      return this.render(session, tokens);
    }
    return this.render(session, withSparkTypes(tokens, sites, types));
  }

  /** The DuckDB relation of a version that can still be read, or Databricks' error (delta-history.ts). */
  private versionRelation(name: ResolvedName, version: number, restoring = false): string {
    const key = this.key(name);
    const metadata = this.relations.get(key);
    if (metadata && metadata.kind !== 'table') throw timeTravelOnView();
    return this.history.readable(key, version, retentionOf(metadata), this.display(name), restoring).snapshot;
  }

  private informationSchemaView(catalog: string, view: string): string {
    if (catalog === HIVE_METASTORE) {
      throw new DatabricksSqlError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${catalog}\`.\`information_schema\`.\`${view}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`, '42P01');
    }
    const user = [...this.catalogs].filter((c) => c !== HIVE_METASTORE);
    const catalogs = catalog === 'system' ? user : [catalog];
    if (catalog !== 'system') this.requireCatalog(catalog);
    const inCatalogs = (column: string) => `${column} IN (${catalogs.map((c) => duckdbString(this.duckdbCatalog(c))).join(', ')})`;
    const hidden = `NOT IN ('pg_catalog', 'information_schema')`;
    switch (view) {
      case 'schemata':
        return (
          `SELECT ${this.databricksCatalogSql('catalog_name')} AS catalog_name, schema_name, 'emulator' AS schema_owner, ` +
          `CAST(NULL AS VARCHAR) AS comment FROM system.information_schema.schemata ` +
          `WHERE ${inCatalogs('catalog_name')} AND schema_name ${hidden} AND (schema_name <> ${duckdbString(DUCKDB_MAIN_SCHEMA)}${this.withMainSql('catalog_name')})`
        );
      case 'tables':
        return (
          `SELECT ${this.databricksCatalogSql('table_catalog')} AS table_catalog, table_schema, table_name, ` +
          `${this.relationSql((m) => tableType(m), `CASE WHEN table_type = 'VIEW' THEN 'VIEW' ELSE 'MANAGED' END`)} AS table_type, ` +
          `${this.relationSql((m) => m.provider?.toUpperCase() ?? null, `CASE WHEN table_type = 'VIEW' THEN NULL ELSE 'DELTA' END`)} AS data_source_format, ` +
          `'emulator' AS table_owner, ${this.relationSql((m) => m.comment ?? null, 'CAST(NULL AS VARCHAR)')} AS comment ` +
          `FROM system.information_schema.tables WHERE ${inCatalogs('table_catalog')} AND table_schema ${hidden}`
        );
      case 'views':
        return (
          `SELECT ${this.databricksCatalogSql('table_catalog')} AS table_catalog, table_schema, table_name, view_definition ` +
          `FROM system.information_schema.views WHERE ${inCatalogs('table_catalog')} AND table_schema ${hidden}`
        );
      case 'columns': {
        const fullType = databricksTypeNameSql('data_type');
        return (
          `SELECT ${this.databricksCatalogSql('table_catalog')} AS table_catalog, table_schema, table_name, column_name, ` +
          `ordinal_position, column_default, is_nullable, upper(regexp_replace(${fullType}, '\\(.*$', '')) AS data_type, ` +
          `${fullType} AS full_data_type, numeric_precision, numeric_scale, ${this.columnCommentSql()} AS comment ` +
          `FROM system.information_schema.columns WHERE ${inCatalogs('table_catalog')} AND table_schema ${hidden}`
        );
      }
      default:
        throw new DatabricksSqlError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${catalog}\`.\`information_schema\`.\`${view}\` cannot be found.`, '42P01');
    }
  }

  /**
   * SQL over information_schema's table_catalog/table_schema/table_name that gives each relation's value
   * from its metadata (`value` returning undefined leaves the fallback).
   */
  private relationSql(value: (metadata: RelationMetadata) => string | null | undefined, fallback: string): string {
    const cases: string[] = [];
    for (const [key, metadata] of this.relations) {
      const result = value(metadata);
      if (result === undefined) continue;
      cases.push(`WHEN ${this.relationMatchSql(key)} THEN ${result === null ? 'NULL' : duckdbString(result)}`);
    }
    return cases.length ? `CASE ${cases.join(' ')} ELSE ${fallback} END` : fallback;
  }

  private columnCommentSql(): string {
    const cases: string[] = [];
    for (const [key, metadata] of this.relations) {
      for (const [column, comment] of metadata.columnComments) {
        cases.push(`WHEN ${this.relationMatchSql(key)} AND lower(column_name) = ${duckdbString(column)} THEN ${duckdbString(comment)}`);
      }
    }
    return cases.length ? `CASE ${cases.join(' ')} ELSE CAST(NULL AS VARCHAR) END` : 'CAST(NULL AS VARCHAR)';
  }

  private relationMatchSql(key: string): string {
    const [catalog, schema, name] = key.split('.');
    return `(table_catalog = ${duckdbString(this.duckdbCatalog(catalog))} AND lower(table_schema) = ${duckdbString(schema)} AND lower(table_name) = ${duckdbString(name)})`;
  }

  /** ` OR <column> IN (…)`: the DuckDB catalogs whose schema `main` exists as a Databricks schema, or nothing. */
  private withMainSql(column: string): string {
    const catalogs = [...this.catalogsWithMain].map((catalog) => duckdbString(this.duckdbCatalog(catalog)));
    return catalogs.length ? ` OR ${column} IN (${catalogs.join(', ')})` : '';
  }

  private async run(session: EngineSession, sql: string) {
    return session.connection.run(sql);
  }

  private async query(session: EngineSession, sql: string): Promise<ResultSet> {
    return readDuckDBResult(await this.run(session, sql));
  }

  private async relationKind(session: EngineSession, name: ResolvedName): Promise<RelationKind | undefined> {
    const result = await this.query(
      session,
      `SELECT table_type FROM system.information_schema.tables WHERE table_catalog = ${duckdbString(this.duckdbCatalog(name.catalog))} ` +
        `AND lower(table_schema) = ${duckdbString(name.schema)} AND lower(table_name) = ${duckdbString(name.name)}`,
    );
    if (!result.rows.length) return undefined;
    return result.rows[0][0] === 'VIEW' ? 'view' : 'table';
  }

  private async requireTable(session: EngineSession, name: ResolvedName): Promise<void> {
    const kind = await this.relationKind(session, name);
    if (!kind) throw notFound(this.display(name));
    if (kind === 'view') throw expectTable(this.display(name));
  }

  private async schemaExists(session: EngineSession, catalog: string, schema: string): Promise<boolean> {
    this.requireCatalog(catalog);
    if (schema === DUCKDB_MAIN_SCHEMA) return this.catalogsWithMain.has(catalog);
    const result = await this.query(
      session,
      `SELECT 1 FROM duckdb_schemas() WHERE database_name = ${duckdbString(this.duckdbCatalog(catalog))} AND lower(schema_name) = ${duckdbString(schema)}`,
    );
    return result.rows.length > 0;
  }

  private async commit(
    session: EngineSession,
    name: ResolvedName,
    operation: string,
    parameters: Record<string, string> = {},
    metrics: Record<string, string> = {},
    change: FileChange = { kind: 'rewrite' },
  ) {
    const key = this.key(name);
    return this.history.commit(session.connection, key, this.duckdbRelation(name), operation, parameters, metrics, change, retentionOf(this.relations.get(key)));
  }

  /** The relation's kind as Unity Catalog knows it: a materialized view or streaming table is a table to DuckDB. */
  private async storedKind(session: EngineSession, name: ResolvedName): Promise<StoredKind | undefined> {
    const kind = await this.relationKind(session, name);
    if (!kind) return undefined;
    return this.relations.get(this.key(name))?.kind ?? kind;
  }

  /** The relation's metadata, made on first use for relations created before the emulator kept it. */
  private metadataOf(name: ResolvedName, kind: StoredKind): RelationMetadata {
    const key = this.key(name);
    let metadata = this.relations.get(key);
    if (!metadata) {
      metadata = newMetadata(kind, emptyClauses(), new Date(this.history.clock.now()));
      this.relations.set(key, metadata);
    }
    return metadata;
  }

  private forgetRelations(prefix: string): void {
    for (const key of [...this.relations.keys()]) if (key.startsWith(prefix)) this.relations.delete(key);
    for (const key of [...this.schemaGrants.keys()]) if (`${key}.`.startsWith(prefix)) this.schemaGrants.delete(key);
  }

  // ---- session statements ----

  private async set(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('SET');
    const keyStart = parser.tokenIndex;
    if (parser.accept('TIME', 'ZONE')) return this.setTimeZone(session, renderTokensAsText(parser.tokens.slice(parser.tokenIndex)));
    parser.skipUntilSymbol('=');
    const key = renderTokens(parser.tokens.slice(keyStart, parser.tokenIndex)).trim();
    if (!parser.acceptSymbol('=')) return { result: resultSet([['key', 'string'], ['value', 'string']], []) };
    const value = renderTokensAsText(parser.tokens.slice(parser.tokenIndex));
    if (key.toLowerCase() === 'statement_timeout') {
      const seconds = Number(value);
      if (!Number.isInteger(seconds) || seconds < 0 || seconds > 172800) {
        throw new DatabricksSqlError('INVALID_CONF_VALUE.OUT_OF_RANGE_OF_OPTIONS', `The value '${value}' in the config "STATEMENT_TIMEOUT" is invalid.`, '22022');
      }
      session.statementTimeoutSeconds = seconds;
    }
    if (key.toLowerCase() === 'timezone' || key.toLowerCase() === 'spark.sql.session.timezone') return this.setTimeZone(session, value, key);
    const emulated = EMULATED_SETTINGS[key.toLowerCase()];
    if (emulated && emulated !== value.trim().toUpperCase()) {
      throw new DatabricksSqlError('EMULATOR_UNSUPPORTED', `The Databricks emulator computes with ${key} = ${emulated} only; it does not support ${value}.`, '0A000');
    }
    session.config.set(key.toLowerCase(), value);
    return { result: resultSet([['key', 'string'], ['value', 'string']], [[key, value]]) };
  }

  /** Every date and time function computes in UTC: another session time zone would give other results. */
  private setTimeZone(session: EngineSession, zone: string, key = 'timezone'): StatementOutcome {
    if (!UTC_ZONES.has(zone.trim().toUpperCase())) {
      throw new DatabricksSqlError('EMULATOR_UNSUPPORTED', `The Databricks emulator computes in UTC only; it does not support the session time zone ${zone}.`, '0A000');
    }
    session.config.set(key.toLowerCase(), zone.trim());
    return { result: resultSet([['key', 'string'], ['value', 'string']], [[key, zone.trim()]]) };
  }

  private async use(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('USE');
    const kind = parser.oneOf('CATALOG', 'SCHEMA', 'DATABASE', 'NAMESPACE');
    const name = parser.name();
    if (kind === 'CATALOG') {
      const catalog = name.parts[0].toLowerCase();
      this.requireCatalog(catalog);
      await this.useNamespace(session, catalog, DEFAULT_SCHEMA);
    } else {
      const { catalog, schema } = this.resolveSchema(session, name.parts);
      await this.useNamespace(session, catalog, schema);
    }
    return {};
  }

  private async useNamespace(session: EngineSession, catalog: string, schema: string): Promise<void> {
    if (!(await this.schemaExists(session, catalog, schema))) throw schemaNotFound(catalog, schema);
    await this.run(session, `USE ${this.duckdbSchema(catalog, schema)}`);
    session.catalog = catalog;
    session.schema = schema;
  }

  // ---- SHOW and DESCRIBE ----

  private async show(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('SHOW');
    if (parser.accept('TBLPROPERTIES')) return this.showProperties(session, parser);
    if (parser.oneOf('GRANTS', 'GRANT')) return this.showGrants(session, parser);
    const what = parser.oneOf('SCHEMAS', 'DATABASES', 'NAMESPACES', 'TABLES', 'VIEWS', 'CATALOGS');
    if (!what) throw unsupported(`SHOW ${renderTokens(parser.tokens.slice(parser.tokenIndex)).trim()}`);
    let scope: string[] | undefined;
    if (parser.oneOf('FROM', 'IN')) scope = parser.name().parts;
    parser.accept('LIKE');
    const pattern = parser.atEnd() ? undefined : showPattern(parser.string());

    if (what === 'CATALOGS') {
      const rows = [...this.catalogs].sort().filter((c) => !pattern || pattern.test(c)).map((c) => [c]);
      return { result: resultSet([['catalog', 'string']], rows) };
    }
    if (what === 'SCHEMAS' || what === 'DATABASES' || what === 'NAMESPACES') {
      const catalog = scope ? scope[0].toLowerCase() : session.catalog;
      this.requireCatalog(catalog);
      const result = await this.query(
        session,
        `SELECT schema_name FROM duckdb_schemas() WHERE database_name = ${duckdbString(this.duckdbCatalog(catalog))} AND NOT internal`,
      );
      const names = [...result.rows.map((row) => String(row[0])), ...(catalog === HIVE_METASTORE ? [] : ['information_schema'])];
      if (this.catalogsWithMain.has(catalog)) names.push(DUCKDB_MAIN_SCHEMA);
      names.sort();
      return { result: resultSet([['databaseName', 'string']], names.filter((n) => !pattern || pattern.test(n)).map((n) => [n])) };
    }
    const { catalog, schema } = scope ? this.resolveSchema(session, scope) : { catalog: session.catalog, schema: session.schema };
    if (!(await this.schemaExists(session, catalog, schema))) throw schemaNotFound(catalog, schema);
    const result = await this.query(
      session,
      `SELECT table_name, table_type FROM system.information_schema.tables WHERE table_catalog = ${duckdbString(this.duckdbCatalog(catalog))} ` +
        `AND lower(table_schema) = ${duckdbString(schema)} ORDER BY table_name`,
    );
    const relations = result.rows
      .filter((row) => (what === 'VIEWS' ? row[1] === 'VIEW' : true))
      .map((row) => String(row[0]))
      .filter((name) => !pattern || pattern.test(name));
    if (what === 'VIEWS') {
      return { result: resultSet([['namespace', 'string'], ['viewName', 'string'], ['isTemporary', 'boolean']], relations.map((n) => [schema, n, false])) };
    }
    return { result: resultSet([['database', 'string'], ['tableName', 'string'], ['isTemporary', 'boolean']], relations.map((n) => [schema, n, false])) };
  }

  private async describe(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.oneOf('DESCRIBE', 'DESC');
    if (parser.accept('HISTORY')) return this.describeHistory(session, parser);
    if (parser.accept('DETAIL')) return this.describeDetail(session, parser);
    if (parser.oneOf('SCHEMA', 'DATABASE', 'CATALOG', 'QUERY', 'FUNCTION')) throw unsupported('this DESCRIBE form');
    parser.accept('TABLE');
    const extended = parser.oneOf('EXTENDED', 'FORMATTED') !== undefined;
    const name = this.resolve(session, parser.name().parts);
    if (!parser.atEnd()) throw unsupported('DESCRIBE with a column or AS JSON');
    const kind = await this.relationKind(session, name);
    if (!kind) throw notFound(this.display(name));
    const columns = await this.query(
      session,
      `SELECT column_name, data_type FROM system.information_schema.columns WHERE table_catalog = ${duckdbString(this.duckdbCatalog(name.catalog))} ` +
        `AND lower(table_schema) = ${duckdbString(name.schema)} AND lower(table_name) = ${duckdbString(name.name)} ORDER BY ordinal_position`,
    );
    const metadata = this.metadataOf(name, kind);
    const types = new Map(columns.rows.map((row) => [String(row[0]).toLowerCase(), databricksTypeName(String(row[1]))]));
    const rows: Cell[][] = columns.rows.map((row) => [String(row[0]), databricksTypeName(String(row[1])), metadata.columnComments.get(String(row[0]).toLowerCase()) ?? null]);
    const layout = (title: string, names: string[]) => {
      if (!names.length) return;
      rows.push([title, '', ''], ['# col_name', 'data_type', 'comment']);
      for (const column of names) rows.push([column, types.get(column.toLowerCase()) ?? '', metadata.columnComments.get(column.toLowerCase()) ?? null]);
    };
    layout('# Partition Information', metadata.partitionColumns);
    layout('# Clustering Information', metadata.clusteringColumns);
    if (extended) {
      rows.push(
        ['', '', ''],
        ['# Detailed Table Information', '', ''],
        ['Catalog', name.catalog, ''],
        ['Database', name.schema, ''],
        ['Table', name.name, ''],
        ['Created Time', metadata.createdAt.toUTCString(), ''],
        ['Last Access', 'UNKNOWN', ''],
        ['Created By', 'Spark', ''],
        ['Type', tableType(metadata), ''],
      );
      if (metadata.comment !== undefined) rows.push(['Comment', metadata.comment, '']);
      if (metadata.kind !== 'view') rows.push(['Location', this.locationOf(name, metadata), ''], ['Provider', metadata.provider ?? 'delta', '']);
      rows.push(['Owner', 'emulator', '']);
      if (metadata.kind === 'table' && !metadata.location) rows.push(['Is_managed_location', 'true', '']);
      const properties = this.shownProperties(metadata);
      if (properties.length) rows.push(['Table Properties', `[${properties.map(([k, v]) => `${k}=${v}`).join(',')}]`, '']);
    }
    return { result: resultSet([['col_name', 'string'], ['data_type', 'string'], ['comment', 'string']], rows) };
  }

  /** An external table's LOCATION, or the managed storage Unity Catalog picked. */
  private locationOf(name: ResolvedName, metadata: RelationMetadata): string {
    return metadata.location ?? `s3://emulator-metastore/__unitystorage/catalogs/${name.catalog}/tables/${metadata.id}`;
  }

  /** The properties SHOW TBLPROPERTIES lists: a Delta table's protocol versions, then the table's own. */
  private shownProperties(metadata: RelationMetadata): Array<[string, string]> {
    const protocol: Array<[string, string]> = metadata.kind === 'view' ? [] : [['delta.minReaderVersion', '1'], ['delta.minWriterVersion', '2']];
    return [...protocol, ...[...metadata.properties].sort(([a], [b]) => a.localeCompare(b))];
  }

  private async describeDetail(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.accept('TABLE');
    const name = this.resolve(session, parser.name().parts);
    const kind = await this.relationKind(session, name);
    if (!kind) throw notFound(this.display(name));
    if (kind === 'view') throw expectTable(this.display(name), 'DESCRIBE DETAIL');
    const metadata = this.metadataOf(name, kind);
    const latest = this.history.entries(this.key(name))[0];
    const rows = await this.count(session, this.duckdbRelation(name));
    const columns: Array<[string, string]> = [
      ['format', 'string'], ['id', 'string'], ['name', 'string'], ['description', 'string'], ['location', 'string'],
      ['createdAt', 'timestamp'], ['lastModified', 'timestamp'], ['partitionColumns', 'string'], ['clusteringColumns', 'string'],
      ['numFiles', 'bigint'], ['sizeInBytes', 'bigint'], ['properties', 'string'], ['minReaderVersion', 'int'], ['minWriterVersion', 'int'],
      ['tableFeatures', 'string'], ['statistics', 'string'],
    ];
    const micros = (date: Date) => BigInt(date.getTime()) * 1000n;
    return {
      result: resultSet(columns, [[
        metadata.provider ?? 'delta', metadata.id, `${name.catalog}.${name.schema}.${name.name}`, metadata.comment ?? null,
        this.locationOf(name, metadata), micros(metadata.createdAt), micros(latest?.timestamp ?? metadata.createdAt),
        JSON.stringify(metadata.partitionColumns), JSON.stringify(metadata.clusteringColumns), BigInt(latest?.files.length ?? 0),
        BigInt(rows * 100), JSON.stringify(Object.fromEntries(metadata.properties)), 1, 2, JSON.stringify(['appendOnly', 'invariants']), '{}',
      ]]),
    };
  }

  private async showProperties(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    const name = this.resolve(session, parser.name().parts);
    const keys = isSymbol(parser.peek(), '(') ? readPropertyKeys(parser) : undefined;
    const kind = await this.relationKind(session, name);
    if (!kind) throw notFound(this.display(name));
    const properties = this.shownProperties(this.metadataOf(name, kind));
    const columns: Array<[string, string]> = [['key', 'string'], ['value', 'string']];
    if (!keys) return { result: resultSet(columns, properties) };
    return {
      result: resultSet(columns, keys.map((key) => {
        const found = properties.find(([k]) => k.toLowerCase() === key.toLowerCase());
        return [key, found ? found[1] : `Table ${this.display(name)} does not have property: ${key}`];
      })),
    };
  }

  private async describeHistory(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    const name = this.resolve(session, parser.name().parts);
    const limit = parser.accept('LIMIT') ? parser.integer() : Infinity;
    await this.requireTable(session, name);
    const entries = this.history.entries(this.key(name)).slice(0, limit);
    const columns: Array<[string, string]> = [
      ['version', 'bigint'], ['timestamp', 'timestamp'], ['userId', 'string'], ['userName', 'string'], ['operation', 'string'],
      ['operationParameters', 'string'], ['job', 'string'], ['notebook', 'string'], ['clusterId', 'string'], ['readVersion', 'bigint'],
      ['isolationLevel', 'string'], ['isBlindAppend', 'boolean'], ['operationMetrics', 'string'], ['userMetadata', 'string'], ['engineInfo', 'string'],
    ];
    const rows: Cell[][] = entries.map((entry) => [
      BigInt(entry.version), BigInt(this.history.clock.toClient(entry.timestamp.getTime())) * 1000n, 'emulator', 'emulator', entry.operation,
      JSON.stringify(entry.parameters), null, null, null, entry.version > 0 ? BigInt(entry.version - 1) : null,
      'WriteSerializable', entry.operation === 'WRITE' && entry.parameters.mode === 'Append', JSON.stringify(entry.metrics), null,
      'Sluice Databricks emulator',
    ]);
    return { result: resultSet(columns, rows) };
  }

  // ---- DDL ----

  private async create(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('CREATE');
    const orReplace = parser.accept('OR', 'REPLACE');
    const temporary = parser.accept('GLOBAL', 'TEMPORARY') || parser.oneOf('TEMPORARY', 'TEMP') !== undefined;
    // Materialized views and streaming tables are tables to DuckDB, recorded as what they are.
    let tableKind: StoredKind = 'table';
    let external = false;
    if (parser.accept('MATERIALIZED', 'VIEW')) tableKind = 'materialized_view';
    else if (parser.accept('STREAMING', 'TABLE')) tableKind = 'streaming_table';
    else external = parser.accept('EXTERNAL');
    const object = tableKind === 'table' ? parser.oneOf('CATALOG', 'SCHEMA', 'DATABASE', 'TABLE', 'VIEW') : 'TABLE';
    const ifNotExists = parser.accept('IF', 'NOT', 'EXISTS');
    switch (object) {
      case 'CATALOG': {
        const catalog = parser.name().parts[0];
        checkObjectName(catalog.toLowerCase(), 'catalog', catalog);
        await this.createCatalog(catalog, ifNotExists);
        return {};
      }
      case 'SCHEMA':
      case 'DATABASE': {
        const { catalog, schema } = this.resolveSchema(session, parser.name().parts);
        this.requireCatalog(catalog);
        checkObjectName(catalog, 'schema', schema);
        if (await this.schemaExists(session, catalog, schema)) {
          if (ifNotExists) return {};
          throw new DatabricksSqlError('SCHEMA_ALREADY_EXISTS', `Cannot create schema \`${catalog}\`.\`${schema}\` because it already exists.`, '42P06');
        }
        if (schema === DUCKDB_MAIN_SCHEMA) this.catalogsWithMain.add(catalog);
        else await this.run(session, `CREATE SCHEMA ${this.duckdbSchema(catalog, schema)}`);
        return {};
      }
      case 'VIEW':
        return this.createView(session, parser, orReplace, temporary, ifNotExists);
      case 'TABLE':
        if (temporary) throw unsupported('temporary tables');
        return this.createTable(session, parser, { orReplace, ifNotExists, kind: tableKind, external });
      default:
        throw unsupported(`CREATE ${renderTokens(parser.tokens.slice(parser.tokenIndex)).trim().split(/\s+/)[0]}`);
    }
  }

  private async createView(session: EngineSession, parser: StatementParser, orReplace: boolean, temporary: boolean, ifNotExists: boolean): Promise<StatementOutcome> {
    const nameParts = parser.name().parts;
    let columnList = '';
    let comments = new Map<string, string>();
    if (isSymbol(parser.peek(), '(')) {
      const group = parser.group();
      const tokens = parser.tokens.slice(group.start, group.end);
      columnList = ` (${this.render(session, withoutComments(tokens))})`;
      comments = columnComments(tokens);
    }
    const clauses = readTableClauses(parser);
    parser.expect('AS');
    const query = await this.renderTyped(session, parser.tokens.slice(parser.tokenIndex));
    const name = temporary ? duckdbIdentifier(nameParts.at(-1)!.toLowerCase()) : this.duckdbRelation(this.resolve(session, nameParts));
    if (!temporary) {
      const resolved = this.resolve(session, nameParts);
      checkObjectName(resolved.catalog, 'relation', resolved.name);
      if (!(await this.schemaExists(session, resolved.catalog, resolved.schema))) throw schemaNotFound(resolved.catalog, resolved.schema);
      const kind = await this.storedKind(session, resolved);
      if (kind && kind !== 'view') throw expectView(this.display(resolved));
      if (kind === 'view' && ifNotExists) return {};
      if (kind === 'view' && !orReplace) throw alreadyExists(this.display(resolved));
    }
    await this.run(session, `CREATE ${orReplace ? 'OR REPLACE ' : ''}${temporary ? 'TEMP ' : ''}VIEW ${name}${columnList} AS ${query}`);
    if (!temporary) {
      // OR REPLACE is DROP + CREATE: a new view, without the old one's grants.
      const metadata = newMetadata('view', clauses, new Date(this.history.clock.now()));
      metadata.columnComments = comments;
      this.relations.set(this.key(this.resolve(session, nameParts)), metadata);
    }
    return {};
  }

  private async createTable(
    session: EngineSession,
    parser: StatementParser,
    options: { orReplace: boolean; ifNotExists: boolean; kind: StoredKind; external: boolean },
  ): Promise<StatementOutcome> {
    const { orReplace, ifNotExists } = options;
    const name = this.resolve(session, parser.name().parts);
    // Before CLONE too: a clone is a new table of the target's name.
    checkObjectName(name.catalog, 'relation', name.name);
    let definitions: string | undefined;
    let columnNames: string[] | undefined;
    let comments = new Map<string, string>();
    if (isSymbol(parser.peek(), '(') && !isWord(parser.peek(1), 'SELECT', 'WITH', 'VALUES', 'FROM')) {
      const group = parser.group();
      const tokens = parser.tokens.slice(group.start, group.end);
      comments = columnComments(tokens);
      // A CTAS may name its columns without types: `(a COMMENT '…', b)`.
      columnNames = namesOnly(tokens);
      if (!columnNames) definitions = this.columnDefinitions(session, tokens).join(', ');
    }
    const clauses = readTableClauses(parser);
    checkProperties(clauses.properties);
    if (options.external && !clauses.location) {
      throw new DatabricksSqlError('INVALID_SQL_SYNTAX.CREATE_EXTERNAL_TABLE_WITHOUT_LOCATION', 'CREATE EXTERNAL TABLE must be accompanied by LOCATION.', '42000');
    }
    const clone = parser.oneOf('SHALLOW', 'DEEP');
    if (clone || isWord(parser.peek(), 'CLONE')) {
      parser.expect('CLONE');
      return this.cloneTable(session, parser, name, clauses, orReplace, ifNotExists, clone !== 'DEEP');
    }
    let query: string | undefined;
    if (parser.accept('AS') || isWord(parser.peek(), 'SELECT', 'WITH', 'VALUES', 'FROM') || isSymbol(parser.peek(), '(')) {
      query = await this.renderTyped(session, parser.tokens.slice(parser.tokenIndex));
    } else if (!parser.atEnd()) {
      throw syntaxError(`Syntax error at or near '${renderTokens([parser.peek()!])}'.`);
    }
    if (definitions === undefined && query === undefined) throw syntaxError('CREATE TABLE needs columns or a query.');
    if (columnNames && query === undefined) throw syntaxError('CREATE TABLE needs a type for every column.');

    if (!(await this.schemaExists(session, name.catalog, name.schema))) throw schemaNotFound(name.catalog, name.schema);
    const existing = await this.storedKind(session, name);
    if (existing && ifNotExists) return {};
    if (existing && !orReplace) throw alreadyExists(this.display(name));
    if (existing === 'view') throw expectTable(this.display(name));
    if (existing && existing !== options.kind) throw wrongObjectType(this.display(name), existing, options.kind);
    this.checkLocation(name, clauses.location);
    if (!existing) await this.history.drop(session.connection, this.key(name));

    const relation = this.duckdbRelation(name);
    const verb = existing ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE';
    let rows: number | undefined;
    if (query === undefined) {
      await this.run(session, `${verb} ${relation} (${definitions})`);
    } else {
      // Column definitions with a query: DuckDB takes the query's columns, cast to the declared types.
      let select = query;
      if (definitions !== undefined) select = await this.castToDefinitions(session, definitions, query);
      if (columnNames) select = `SELECT * FROM (${query}) AS ${duckdbIdentifier('__query')}(${columnNames.map(duckdbIdentifier).join(', ')})`;
      await this.run(session, `${verb} ${relation} AS ${select}`);
      rows = await this.count(session, relation);
    }
    this.recordTable(name, options.kind, clauses, comments);
    if (options.kind === 'table') {
      const operation = `${orReplace ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE'}${query === undefined ? '' : ' AS SELECT'}`;
      await this.commit(session, name, operation, {}, rows === undefined ? {} : { numOutputRows: String(rows) });
    }
    if (rows === undefined) return {};
    return { result: metrics({ num_affected_rows: rows, num_inserted_rows: rows }), modifiedRows: rows };
  }

  /**
   * Unity Catalog keeps tables' files apart: a LOCATION that is another table's, or lies inside or around
   * another table's, is refused (a table being replaced keeps its own). The Hive metastore does not check.
   */
  private checkLocation(name: ResolvedName, location: string | undefined): void {
    if (!location || name.catalog === HIVE_METASTORE) return;
    const path = location.replace(/\/+$/, '').toLowerCase();
    for (const [key, metadata] of this.relations) {
      const other = metadata.location?.replace(/\/+$/, '').toLowerCase();
      if (!other || key === this.key(name) || key.startsWith(`${HIVE_METASTORE}.`)) continue;
      if (path === other || path.startsWith(`${other}/`) || other.startsWith(`${path}/`)) {
        throw new DatabricksSqlError(
          'INVALID_PARAMETER_VALUE.LOCATION_OVERLAP',
          `Input path url '${location}' overlaps with other external tables or volumes within 'CreateTable' call. Conflicting tables/volumes: ${key}.`,
          '22023',
        );
      }
    }
  }

  /**
   * A created or replaced table's metadata. Replacing keeps the table's identity and grants (Delta's
   * CREATE OR REPLACE is the same table); its clauses replace the old ones.
   */
  private recordTable(name: ResolvedName, kind: StoredKind, clauses: TableClauses, comments: Map<string, string>): RelationMetadata {
    const key = this.key(name);
    const previous = this.relations.get(key);
    const metadata = newMetadata(kind, clauses, new Date(this.history.clock.now()));
    metadata.columnComments = comments;
    if (previous && previous.kind === kind) {
      metadata.id = previous.id;
      metadata.grants = previous.grants;
      metadata.createdAt = previous.createdAt;
    }
    this.relations.set(key, metadata);
    return metadata;
  }

  /** Column definitions in DuckDB text; the column names quoted, since Spark allows names DuckDB reserves (`at`, `order`). */
  private columnDefinitions(session: EngineSession, tokens: Token[]): string[] {
    return splitTopLevel(withoutComments(tokens)).map((definition) => {
      const first = definition.findIndex(isSignificant);
      const token = definition[first];
      if (token.kind !== 'word' || isWord(token, 'CONSTRAINT', 'PRIMARY', 'FOREIGN', 'CHECK', 'UNIQUE')) return this.render(session, definition);
      return this.render(session, [...definition.slice(0, first), { kind: 'quoted', name: token.text }, ...definition.slice(first + 1)]);
    });
  }

  private async castToDefinitions(session: EngineSession, definitions: string, query: string): Promise<string> {
    const probe = `__sluice_probe_${Math.random().toString(36).slice(2)}`;
    await this.run(session, `CREATE TEMP TABLE ${duckdbIdentifier(probe)} (${definitions})`);
    try {
      const columns = await this.query(session, `SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ${duckdbString(probe)} ORDER BY column_index`);
      const casts = columns.rows.map((row, index) => `CAST(#${index + 1} AS ${String(row[1])}) AS ${duckdbIdentifier(String(row[0]))}`);
      return `SELECT ${casts.join(', ')} FROM (${query})`;
    } finally {
      await this.run(session, `DROP TABLE ${duckdbIdentifier(probe)}`);
    }
  }

  /**
   * CLONE, with Unity Catalog's rules: a shallow clone is managed→managed or external→external (the
   * clone of an external table needs a LOCATION), of Unity Catalog Delta tables only — not of a view, a
   * materialized view, a streaming table or a hive_metastore table. A deep clone copies any table.
   */
  private async cloneTable(
    session: EngineSession,
    parser: StatementParser,
    target: ResolvedName,
    targetClauses: TableClauses,
    orReplace: boolean,
    ifNotExists: boolean,
    shallow: boolean,
  ): Promise<StatementOutcome> {
    const sourceName = parser.name();
    const source = this.resolve(session, sourceName.parts);
    const travel = timeTravel(parser.tokens, sourceName.end);
    if (travel) parser.skipRest();
    const clauses = { ...targetClauses, ...definedClauses(readTableClauses(parser)) };
    checkProperties(clauses.properties);
    if (!parser.atEnd()) throw syntaxError(`Syntax error at or near '${renderTokens([parser.peek()!])}'.`);
    const sourceKind = await this.storedKind(session, source);
    if (!sourceKind) throw notFound(this.display(source));
    if (sourceKind === 'view') throw expectTable(this.display(source), 'CLONE');
    const sourceMetadata = this.metadataOf(source, sourceKind);
    if (shallow) {
      const notManaged = (display: string, why: string) =>
        new DatabricksSqlError(
          'CANNOT_SHALLOW_CLONE_NON_UC_MANAGED_TABLE_AS_SOURCE_OR_TARGET',
          `Shallow clone is only supported for the MANAGED table type. The table ${display} is not MANAGED table (${why}).`,
          '0AKUC',
        );
      if (source.catalog === HIVE_METASTORE) throw notManaged(this.display(source), 'it is in the Hive metastore, not in Unity Catalog');
      if (target.catalog === HIVE_METASTORE) throw notManaged(this.display(target), 'the Hive metastore is not Unity Catalog');
      if (sourceKind !== 'table') throw notManaged(this.display(source), `it is a ${tableType(sourceMetadata)}`);
      if ((sourceMetadata.provider ?? 'delta') !== 'delta') {
        throw new DatabricksSqlError('DELTA_CLONE_UNSUPPORTED_SOURCE', `Unsupported clone source '${this.display(source)}', whose format is ${sourceMetadata.provider}. Unity Catalog shallow clones only Delta tables.`, '0AKDC');
      }
      if (sourceMetadata.location && !clauses.location) throw notManaged(this.display(target), `the source is EXTERNAL, so the clone needs a LOCATION to be EXTERNAL too`);
      if (!sourceMetadata.location && clauses.location) throw notManaged(this.display(source), `a clone with a LOCATION is EXTERNAL, and its source must be EXTERNAL too`);
    } else if (sourceKind !== 'table') {
      throw new DatabricksSqlError('DELTA_CLONE_UNSUPPORTED_SOURCE', `Unsupported clone source '${this.display(source)}', whose format is ${tableType(sourceMetadata)}.`, '0AKDC');
    }
    const sourceRelation = travel ? this.versionRelation(source, travel.version) : this.duckdbRelation(source);
    const sourceVersion = travel?.version ?? this.history.entries(this.key(source))[0]?.version ?? 0;

    if (!(await this.schemaExists(session, target.catalog, target.schema))) throw schemaNotFound(target.catalog, target.schema);
    const existing = await this.storedKind(session, target);
    if (existing && ifNotExists) return {};
    if (existing && !orReplace) throw alreadyExists(this.display(target));
    if (existing && existing !== 'table') throw existing === 'view' ? expectTable(this.display(target)) : wrongObjectType(this.display(target), existing, 'table');
    this.checkLocation(target, clauses.location);
    if (!existing) await this.history.drop(session.connection, this.key(target));
    const relation = this.duckdbRelation(target);
    await this.run(session, `${existing ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE'} ${relation} AS SELECT * FROM ${sourceRelation}`);
    // A clone takes the source's metadata (format, comments, properties, layout); the statement's clauses win.
    this.recordTable(target, 'table', {
      provider: sourceMetadata.provider,
      location: clauses.location,
      comment: sourceMetadata.comment,
      properties: [...sourceMetadata.properties, ...clauses.properties],
      partitionColumns: sourceMetadata.partitionColumns,
      clusteringColumns: sourceMetadata.clusteringColumns,
    }, new Map(sourceMetadata.columnComments));
    const rows = await this.count(session, relation);
    await this.commit(session, target, 'CLONE', { source: this.display(source), sourceVersion: String(sourceVersion), isShallow: String(shallow) });
    return {
      result: metrics({
        source_table_size: rows * 100,
        source_num_of_files: 1,
        num_removed_files: 0,
        num_copied_files: shallow ? 0 : 1,
        removed_files_size: 0,
        copied_files_size: shallow ? 0 : rows * 100,
      }),
    };
  }

  private async drop(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('DROP');
    const object = parser.accept('MATERIALIZED', 'VIEW') ? 'MATERIALIZED VIEW' : parser.oneOf('CATALOG', 'SCHEMA', 'DATABASE', 'TABLE', 'VIEW');
    const ifExists = parser.accept('IF', 'EXISTS');
    const nameParts = parser.name().parts;
    const cascade = parser.oneOf('CASCADE', 'RESTRICT') === 'CASCADE';
    parser.accept('PURGE');
    switch (object) {
      case 'CATALOG': {
        const catalog = nameParts[0].toLowerCase();
        if (!this.catalogs.has(catalog)) {
          if (ifExists) return {};
          this.requireCatalog(catalog);
        }
        await this.admin.run(`DETACH ${duckdbIdentifier(this.duckdbCatalog(catalog))}`);
        await this.history.dropCatalog(this.admin, catalog);
        this.forgetRelations(`${catalog}.`);
        this.catalogGrants.delete(catalog);
        this.catalogs.delete(catalog);
        this.catalogsWithMain.delete(catalog);
        return {};
      }
      case 'SCHEMA':
      case 'DATABASE': {
        const { catalog, schema } = this.resolveSchema(session, nameParts);
        if (!(await this.schemaExists(session, catalog, schema))) {
          if (ifExists) return {};
          throw schemaNotFound(catalog, schema);
        }
        if (!cascade) {
          const contents = await this.query(
            session,
            `SELECT 1 FROM system.information_schema.tables WHERE table_catalog = ${duckdbString(this.duckdbCatalog(catalog))} AND lower(table_schema) = ${duckdbString(schema)} LIMIT 1`,
          );
          if (contents.rows.length) {
            throw new DatabricksSqlError('SCHEMA_NOT_EMPTY', `Cannot drop a schema \`${schema}\` because it contains objects. Use DROP SCHEMA ... CASCADE to drop the schema and all its objects.`, '2BP01');
          }
        }
        if (session.catalog === catalog && session.schema === schema) await this.useNamespace(session, catalog, DEFAULT_SCHEMA);
        if (schema === DUCKDB_MAIN_SCHEMA) await this.emptyMainSchema(session, catalog);
        else await this.run(session, `DROP SCHEMA ${this.duckdbSchema(catalog, schema)} CASCADE`);
        await this.history.dropSchema(session.connection, `${catalog}.${schema}`);
        this.forgetRelations(`${catalog}.${schema}.`);
        return {};
      }
      case 'TABLE':
      case 'VIEW':
      case 'MATERIALIZED VIEW': {
        const name = this.resolve(session, nameParts);
        const kind = await this.storedKind(session, name);
        if (!kind) {
          if (ifExists) return {};
          throw notFound(this.display(name));
        }
        // DROP TABLE drops tables and streaming tables; views and materialized views have their own DROP.
        const wanted: StoredKind[] = object === 'TABLE' ? ['table', 'streaming_table'] : object === 'VIEW' ? ['view'] : ['materialized_view'];
        if (!wanted.includes(kind)) {
          const actual = objectTypeName(kind);
          const command = kind === 'streaming_table' ? 'TABLE' : actual;
          throw new DatabricksSqlError('WRONG_COMMAND_FOR_OBJECT_TYPE', `The operation DROP ${object} requires a ${object}. But ${this.display(name)} is a ${actual}. Use DROP ${command} instead.`, '42809');
        }
        await this.run(session, `DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} ${this.duckdbRelation(name)}`);
        await this.history.drop(session.connection, this.key(name));
        this.relations.delete(this.key(name));
        return {};
      }
      default:
        throw unsupported('this DROP form');
    }
  }

  /** Dropping the Databricks schema `main`: DuckDB's stays, emptied. */
  private async emptyMainSchema(session: EngineSession, catalog: string): Promise<void> {
    const relations = await this.query(
      session,
      `SELECT table_name, table_type FROM system.information_schema.tables WHERE table_catalog = ${duckdbString(this.duckdbCatalog(catalog))} ` +
        `AND table_schema = ${duckdbString(DUCKDB_MAIN_SCHEMA)} ORDER BY table_type = 'VIEW' DESC`,
    );
    for (const [name, type] of relations.rows) {
      await this.run(session, `DROP ${type === 'VIEW' ? 'VIEW' : 'TABLE'} ${this.duckdbRelation({ catalog, schema: DUCKDB_MAIN_SCHEMA, name: String(name) })}`);
    }
    this.catalogsWithMain.delete(catalog);
  }

  private async alter(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('ALTER');
    const object = parser.oneOf('TABLE', 'VIEW', 'SCHEMA', 'DATABASE', 'CATALOG');
    if (object !== 'TABLE' && object !== 'VIEW') return {};
    const name = this.resolve(session, parser.name().parts);
    const kind = await this.relationKind(session, name);
    if (!kind) throw notFound(this.display(name));

    if (parser.accept('RENAME', 'TO')) {
      const target = parser.name().parts.map((part) => part.toLowerCase());
      const newName = target.at(-1)!;
      const targetSchema = target.length === 3 ? { catalog: target[0], schema: target[1] } : target.length === 2 ? { catalog: name.catalog, schema: target[0] } : name;
      if (targetSchema.catalog !== name.catalog || targetSchema.schema !== name.schema) {
        throw new DatabricksSqlError('CANNOT_RENAME_ACROSS_SCHEMA', `Renaming a ${kind} across schemas is not allowed.`, '0AKD0');
      }
      const renamed = { ...name, name: newName };
      checkObjectName(name.catalog, 'relation', newName, 'UpdateTable');
      if (await this.relationKind(session, renamed)) throw alreadyExists(this.display(renamed));
      await this.run(session, `ALTER ${kind === 'view' ? 'VIEW' : 'TABLE'} ${this.duckdbRelation(name)} RENAME TO ${duckdbIdentifier(newName)}`);
      this.history.rename(this.key(name), this.key(renamed));
      const metadata = this.relations.get(this.key(name));
      this.relations.delete(this.key(name));
      if (metadata) this.relations.set(this.key(renamed), metadata);
      return {};
    }
    const metadata = this.metadataOf(name, kind);
    // Metadata changes are commits of a Delta table (its files stay); a view has no history.
    const commitMetadata = (operation: string) => (kind === 'table' ? this.commit(session, name, operation, {}, {}, { kind: 'none' }) : undefined);
    if (object === 'VIEW' && parser.accept('AS')) {
      if (metadata.kind !== 'view') throw expectView(this.display(name));
      // ALTER VIEW … AS keeps the view: its grants, comments and properties.
      const query = await this.renderTyped(session, parser.tokens.slice(parser.tokenIndex));
      await this.run(session, `CREATE OR REPLACE VIEW ${this.duckdbRelation(name)} AS ${query}`);
      return {};
    }
    if (parser.accept('ADD')) {
      parser.oneOf('COLUMNS', 'COLUMN');
      const range = isSymbol(parser.peek(), '(') ? parser.group() : { start: parser.tokenIndex, end: parser.tokens.length };
      const tokens = parser.tokens.slice(range.start, range.end);
      for (const definition of this.columnDefinitions(session, tokens)) {
        await this.run(session, `ALTER TABLE ${this.duckdbRelation(name)} ADD COLUMN ${definition}`);
      }
      for (const [column, comment] of columnComments(tokens)) metadata.columnComments.set(column, comment);
      await this.commit(session, name, 'ADD COLUMNS', {}, {}, { kind: 'none' });
      return {};
    }
    if (parser.accept('DROP')) {
      // Delta drops columns only with column mapping by name; the data files keep them, unread.
      parser.oneOf('COLUMNS', 'COLUMN');
      const ifExists = parser.accept('IF', 'EXISTS');
      const columns = isSymbol(parser.peek(), '(') ? readColumnNames(parser) : [parser.name().parts.at(-1)!];
      const mapping = [...metadata.properties].find(([key]) => key.toLowerCase() === 'delta.columnmapping.mode')?.[1];
      if (mapping?.toLowerCase() !== 'name') {
        throw new DatabricksSqlError(
          'DELTA_UNSUPPORTED_DROP_COLUMN',
          "DROP COLUMN is not supported for your Delta table. Please enable Column Mapping on your Delta table by setting delta.columnMapping.mode to 'name'.",
          '0AKDC',
        );
      }
      for (const column of columns) {
        if (ifExists) {
          const present = (await this.query(session, `SELECT * FROM ${this.duckdbRelation(name)} LIMIT 0`)).columns.some((c) => c.name.toLowerCase() === column.toLowerCase());
          if (!present) continue;
        } else await this.requireColumn(session, name, column);
        await this.run(session, `ALTER TABLE ${this.duckdbRelation(name)} DROP COLUMN "${column.replaceAll('"', '""')}"`);
        metadata.columnComments.delete(column.toLowerCase());
      }
      await commitMetadata('DROP COLUMNS');
      return {};
    }
    if (parser.accept('SET', 'TBLPROPERTIES')) {
      const properties = readProperties(parser);
      checkProperties(properties);
      for (const [key, value] of properties) setProperty(metadata.properties, key, value);
      await commitMetadata('SET TBLPROPERTIES');
      return {};
    }
    if (parser.accept('UNSET', 'TBLPROPERTIES')) {
      const ifExists = parser.accept('IF', 'EXISTS');
      const keys = readPropertyKeys(parser);
      const missing = keys.filter((key) => !deleteProperty(metadata.properties, key));
      if (missing.length && !ifExists) {
        throw new DatabricksSqlError('UNSET_NONEXISTENT_PROPERTIES', `Attempted to unset non-existent properties [${missing.map((k) => `\`${k}\``).join(', ')}] in table ${this.display(name)}.`, '42K0J');
      }
      await commitMetadata('UNSET TBLPROPERTIES');
      return {};
    }
    if (parser.accept('ALTER', 'COLUMN') || parser.accept('CHANGE', 'COLUMN') || parser.oneOf('ALTER', 'CHANGE')) {
      const column = parser.name().parts.at(-1)!;
      if (parser.accept('COMMENT')) {
        const comment = parser.string();
        await this.requireColumn(session, name, column);
        metadata.columnComments.set(column.toLowerCase(), comment);
        await commitMetadata('CHANGE COLUMN');
      }
      // Other column changes (NOT NULL, types, positions) are not emulated.
      return {};
    }
    if (parser.accept('CLUSTER', 'BY')) {
      if (parser.accept('NONE')) metadata.clusteringColumns = [];
      else if (!parser.accept('AUTO')) metadata.clusteringColumns = readColumnNames(parser);
      await commitMetadata('CLUSTER BY');
      return {};
    }
    // Owners, tags and the like change nothing the emulator shows.
    return {};
  }

  private async requireColumn(session: EngineSession, name: ResolvedName, column: string): Promise<void> {
    const columns = (await this.query(session, `SELECT * FROM ${this.duckdbRelation(name)} LIMIT 0`)).columns.map((c) => c.name.toLowerCase());
    if (!columns.includes(column.toLowerCase())) {
      throw new DatabricksSqlError(
        'UNRESOLVED_COLUMN.WITH_SUGGESTION',
        `A column, variable, or function parameter with name \`${column}\` cannot be resolved. Did you mean one of the following? [${columns.map((c) => `\`${c}\``).join(', ')}].`,
        '42703',
      );
    }
  }

  // ---- DML ----

  private async insert(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('INSERT');
    const mode = parser.oneOf('INTO', 'OVERWRITE');
    if (!mode) throw syntaxError('INSERT needs INTO or OVERWRITE.');
    parser.accept('TABLE');
    const name = this.resolve(session, parser.name().parts);
    if (parser.oneOf('PARTITION', 'REPLACE')) throw unsupported('INSERT with PARTITION or REPLACE WHERE');
    await this.requireTable(session, name);
    const rest = this.render(session, parser.tokens.slice(parser.tokenIndex));
    const relation = this.duckdbRelation(name);
    let rows: number;
    if (mode === 'OVERWRITE') {
      // One Delta commit replaces the rows: one DuckDB transaction here.
      await this.run(session, 'BEGIN TRANSACTION');
      try {
        await this.run(session, `DELETE FROM ${relation}`);
        rows = Number((await this.run(session, `INSERT INTO ${relation} ${rest}`)).rowsChanged);
        await this.run(session, 'COMMIT');
      } catch (error) {
        await this.run(session, 'ROLLBACK');
        throw error;
      }
    } else {
      rows = Number((await this.run(session, `INSERT INTO ${relation} ${rest}`)).rowsChanged);
    }
    await this.commit(session, name, 'WRITE', { mode: mode === 'OVERWRITE' ? 'Overwrite' : 'Append' }, { numOutputRows: String(rows) }, { kind: mode === 'OVERWRITE' ? 'rewrite' : 'append' });
    return { result: metrics({ num_affected_rows: rows, num_inserted_rows: rows }), modifiedRows: rows };
  }

  private async merge(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('MERGE');
    if (parser.accept('WITH', 'SCHEMA', 'EVOLUTION')) throw unsupported('MERGE WITH SCHEMA EVOLUTION');
    parser.expect('INTO');
    const targetName = parser.name();
    const target = this.resolve(session, targetName.parts);
    const targetAlias = readAlias(parser, 'USING') ?? target.name;
    parser.expect('USING');
    const sourceStart = parser.tokenIndex;
    let sourceAlias: string | undefined;
    if (isSymbol(parser.peek(), '(')) parser.group();
    else sourceAlias = parser.name().parts.at(-1);
    const sourceEnd = parser.tokenIndex;
    sourceAlias = readAlias(parser, 'ON') ?? sourceAlias ?? '__source';
    parser.expect('ON');
    const onStart = parser.tokenIndex;
    parser.skipUntil('WHEN');
    const onEnd = parser.tokenIndex;
    await this.requireTable(session, target);

    const relation = this.duckdbRelation(target);
    const source = this.render(session, parser.tokens.slice(sourceStart, sourceEnd));
    const condition = this.render(session, parser.tokens.slice(onStart, onEnd));
    const targetColumns = (await this.query(session, `SELECT * FROM ${relation} LIMIT 0`)).columns.map((column) => column.name);
    const clauses = this.mergeClauses(session, parser, sourceAlias, targetColumns);

    // Delta refuses a MERGE in which one target row is matched by several source rows to be changed.
    if (clauses.changesMatchedRows) {
      const duplicates = await this.query(
        session,
        `SELECT 1 FROM ${relation} AS ${duckdbIdentifier(targetAlias)} JOIN ${source} AS ${duckdbIdentifier(sourceAlias)} ON ${condition} ` +
          `GROUP BY ${duckdbIdentifier(targetAlias)}.rowid HAVING count(*) > 1 LIMIT 1`,
      );
      if (duplicates.rows.length) {
        throw new DatabricksSqlError(
          'DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE',
          'Cannot perform Merge as multiple source rows matched and attempted to modify the same target row in the Delta table in possibly conflicting ways.',
          '21506',
        );
      }
    }
    const merged = await this.query(
      session,
      `MERGE INTO ${relation} AS ${duckdbIdentifier(targetAlias)} USING ${source} AS ${duckdbIdentifier(sourceAlias)} ON ${condition} ${clauses.sql} RETURNING merge_action`,
    );
    const count = (action: string) => merged.rows.filter((row) => row[0] === action).length;
    const counts = { updated: count('UPDATE'), deleted: count('DELETE'), inserted: count('INSERT') };
    const affected = counts.updated + counts.deleted + counts.inserted;
    await this.commit(session, target, 'MERGE', {}, {
      numTargetRowsUpdated: String(counts.updated),
      numTargetRowsDeleted: String(counts.deleted),
      numTargetRowsInserted: String(counts.inserted),
    });
    return {
      result: metrics({ num_affected_rows: affected, num_updated_rows: counts.updated, num_deleted_rows: counts.deleted, num_inserted_rows: counts.inserted }),
      modifiedRows: affected,
    };
  }

  /** The WHEN clauses, with Spark's by-name `UPDATE SET *` and `INSERT *` spelled out (DuckDB's are by position). */
  private mergeClauses(session: EngineSession, parser: StatementParser, sourceAlias: string, targetColumns: string[]) {
    const parts: string[] = [];
    let changesMatchedRows = false;
    const source = duckdbIdentifier(sourceAlias);
    while (!parser.atEnd()) {
      const clauseStart = parser.tokenIndex;
      parser.expect('WHEN');
      const notMatched = parser.accept('NOT');
      parser.expect('MATCHED');
      parser.skipUntil('THEN');
      const conditional = parser.tokens.slice(clauseStart, parser.tokenIndex).some((token) => isWord(token, 'AND'));
      const header = this.render(session, parser.tokens.slice(clauseStart, parser.tokenIndex));
      parser.expect('THEN');
      const actionStart = parser.tokenIndex;
      const action = parser.oneOf('UPDATE', 'DELETE', 'INSERT');
      if (!notMatched && (action === 'UPDATE' || (action === 'DELETE' && conditional))) changesMatchedRows = true;
      let actionSql: string;
      if (action === 'UPDATE' && isWord(parser.peek(), 'SET') && isSymbol(parser.peek(1), '*')) {
        parser.next();
        parser.next();
        actionSql = `UPDATE SET ${targetColumns.map((c) => `${duckdbIdentifier(c)} = ${source}.${duckdbIdentifier(c)}`).join(', ')}`;
      } else if (action === 'INSERT' && isSymbol(parser.peek(), '*')) {
        parser.next();
        actionSql = `INSERT (${targetColumns.map(duckdbIdentifier).join(', ')}) VALUES (${targetColumns.map((c) => `${source}.${duckdbIdentifier(c)}`).join(', ')})`;
      } else {
        parser.skipUntil('WHEN');
        actionSql = this.render(session, parser.tokens.slice(actionStart, parser.tokenIndex));
      }
      parser.skipUntil('WHEN');
      parts.push(`${header} THEN ${actionSql}`);
    }
    return { sql: parts.join(' '), changesMatchedRows };
  }

  private async rowChange(session: EngineSession, parser: StatementParser, verb: string): Promise<StatementOutcome> {
    parser.next();
    if (verb === 'DELETE') parser.expect('FROM');
    if (verb === 'TRUNCATE') parser.expect('TABLE');
    const nameStart = parser.tokenIndex;
    const nameParts = parser.name();
    const name = this.resolve(session, nameParts.parts);
    await this.requireTable(session, name);
    const relation = this.duckdbRelation(name);
    let rows: number;
    if (verb === 'TRUNCATE') {
      rows = Number((await this.run(session, `DELETE FROM ${relation}`)).rowsChanged);
    } else {
      const sql = this.render(session, [...parser.tokens.slice(0, nameStart), { kind: 'raw', text: relation }, ...parser.tokens.slice(nameParts.end)]);
      rows = Number((await this.run(session, sql)).rowsChanged);
    }
    await this.commit(session, name, verb, {}, { numAffectedRows: String(rows) });
    if (verb === 'TRUNCATE') return { modifiedRows: rows };
    return { result: metrics({ num_affected_rows: rows }), modifiedRows: rows };
  }

  private async restore(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('RESTORE');
    parser.accept('TABLE');
    const name = this.resolve(session, parser.name().parts);
    parser.accept('TO');
    await this.requireTable(session, name);
    let version: number;
    if (parser.accept('VERSION', 'AS', 'OF')) {
      version = parser.integer();
    } else {
      parser.expect('TIMESTAMP', 'AS', 'OF');
      const at = this.history.clock.fromClient(Date.parse(parser.string()));
      const entry = this.history.entries(this.key(name)).find((e) => e.timestamp.getTime() <= at);
      if (!entry) throw new DatabricksSqlError('DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION', 'The provided timestamp is before the earliest version available to this table.', '42816');
      version = entry.version;
    }
    const snapshot = this.versionRelation(name, version, true);
    const relation = this.duckdbRelation(name);
    const before = await this.count(session, relation);
    await this.run(session, `CREATE OR REPLACE TABLE ${relation} AS SELECT * FROM ${snapshot}`);
    const after = await this.count(session, relation);
    await this.commit(session, name, 'RESTORE', { version: String(version) }, {}, { kind: 'restore', version });
    return {
      result: metrics({
        table_size_after_restore: after * 100,
        num_of_files_after_restore: 1,
        num_removed_files: before ? 1 : 0,
        num_restored_files: 1,
        removed_files_size: before * 100,
        restored_files_size: after * 100,
      }),
    };
  }

  // ---- comments, privileges, VACUUM ----

  /** COMMENT ON TABLE t IS '…' (a table or a view), COMMENT ON COLUMN t.c IS '…'; IS NULL removes it. */
  private async commentOn(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('COMMENT', 'ON');
    const object = parser.oneOf('TABLE', 'VIEW', 'COLUMN', 'SCHEMA', 'DATABASE', 'CATALOG', 'VOLUME', 'CONNECTION', 'SHARE', 'RECIPIENT', 'PROVIDER');
    if (!object) throw syntaxError('COMMENT ON needs TABLE, COLUMN, SCHEMA, CATALOG, … ');
    const parts = parser.name().parts;
    parser.expect('IS');
    const comment = parser.accept('NULL') ? undefined : parser.string();
    // Comments on schemas, catalogs and the other securables are not shown by the emulator.
    if (object !== 'TABLE' && object !== 'VIEW' && object !== 'COLUMN') return {};
    const name = this.resolve(session, object === 'COLUMN' ? parts.slice(0, -1) : parts);
    const kind = await this.relationKind(session, name);
    if (!kind) throw notFound(this.display(name));
    const metadata = this.metadataOf(name, kind);
    if (object === 'COLUMN') {
      const column = parts.at(-1)!;
      await this.requireColumn(session, name, column);
      if (comment === undefined) metadata.columnComments.delete(column.toLowerCase());
      else metadata.columnComments.set(column.toLowerCase(), comment);
    } else {
      metadata.comment = comment;
    }
    if (kind === 'table') await this.commit(session, name, object === 'COLUMN' ? 'CHANGE COLUMN' : 'SET TBLPROPERTIES', {}, {}, { kind: 'none' });
    return {};
  }

  /** GRANT privileges ON securable TO principal; REVOKE … FROM principal. */
  private async grantOrRevoke(session: EngineSession, parser: StatementParser, verb: string): Promise<StatementOutcome> {
    parser.next();
    const privileges = readPrivileges(parser);
    parser.expect('ON');
    const securable = await this.securable(session, parser);
    parser.expect(verb === 'GRANT' ? 'TO' : 'FROM');
    const principal = identifierOf(parser.next());
    if (principal === undefined || !parser.atEnd()) throw syntaxError(`${verb} names one principal, e.g. \`someone@example.com\` or \`data-readers\`.`);
    checkPrivileges(privileges, securable.type, securable.key);
    if (verb === 'GRANT') grant(securable.grants, principal, privileges);
    else revoke(securable.grants, principal, privileges);
    return {};
  }

  /**
   * SHOW GRANTS [principal] ON securable: what was granted on it and what it inherits from its schema
   * and catalog, as Principal, ActionType, ObjectType, ObjectKey.
   */
  private async showGrants(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    let principal: string | undefined;
    if (!isWord(parser.peek(), 'ON')) principal = identifierOf(parser.next());
    parser.expect('ON');
    const securable = await this.securable(session, parser);
    const rows = securable.inherited.flatMap((level) => grantRows(level.grants, level.objectType, level.key, principal));
    return { result: resultSet([['Principal', 'string'], ['ActionType', 'string'], ['ObjectType', 'string'], ['ObjectKey', 'string']], rows) };
  }

  /** The securable a GRANT, REVOKE or SHOW GRANTS names, with its grants and those of its parents. */
  private async securable(session: EngineSession, parser: StatementParser) {
    const catalogLevel = (catalog: string) => {
      const grants = this.catalogGrants.get(catalog) ?? new Map<string, Set<string>>();
      this.catalogGrants.set(catalog, grants);
      return { objectType: 'CATALOG', key: catalog, grants };
    };
    const schemaLevel = (catalog: string, schema: string) => {
      const key = `${catalog}.${schema}`;
      const grants = this.schemaGrants.get(key) ?? new Map<string, Set<string>>();
      this.schemaGrants.set(key, grants);
      return { objectType: 'SCHEMA', key, grants };
    };
    if (parser.accept('CATALOG')) {
      const catalog = parser.name().parts[0].toLowerCase();
      this.requireCatalog(catalog);
      const level = catalogLevel(catalog);
      return { type: 'CATALOG' as SecurableType, ...level, inherited: [level] };
    }
    if (parser.oneOf('SCHEMA', 'DATABASE')) {
      const { catalog, schema } = this.resolveSchema(session, parser.name().parts);
      if (!(await this.schemaExists(session, catalog, schema))) throw schemaNotFound(catalog, schema);
      const level = schemaLevel(catalog, schema);
      return { type: 'SCHEMA' as SecurableType, ...level, inherited: [level, catalogLevel(catalog)] };
    }
    if (!parser.accept('MATERIALIZED', 'VIEW')) parser.oneOf('TABLE', 'VIEW');
    const name = this.resolve(session, parser.name().parts);
    const kind = await this.storedKind(session, name);
    if (!kind) throw notFound(this.display(name));
    const metadata = this.metadataOf(name, kind);
    // Unity Catalog's securable type for tables and views alike is TABLE.
    const level = { objectType: 'TABLE', key: `${name.catalog}.${name.schema}.${name.name}`, grants: metadata.grants };
    return { type: securableOf(kind), ...level, inherited: [level, schemaLevel(name.catalog, name.schema), catalogLevel(name.catalog)] };
  }

  /**
   * VACUUM t [LITE|FULL] [RETAIN n HOURS] [DRY RUN]: deletes the files removed from the table longer
   * ago than the retention (delta-history.ts). A retention below the table's
   * delta.deletedFileRetentionDuration needs spark.databricks.delta.retentionDurationCheck.enabled = false.
   */
  private async vacuum(session: EngineSession, parser: StatementParser): Promise<StatementOutcome> {
    parser.expect('VACUUM');
    const name = this.resolve(session, parser.name().parts);
    parser.oneOf('LITE', 'FULL');
    let retainHours: number | undefined;
    if (parser.accept('RETAIN')) {
      const token = parser.next();
      retainHours = token?.kind === 'number' ? Number(token.text) : NaN;
      if (!Number.isFinite(retainHours)) throw syntaxError('RETAIN needs a number of hours.');
      parser.expect('HOURS');
    }
    const dryRun = parser.accept('DRY', 'RUN');
    if (!parser.atEnd()) throw syntaxError(`Syntax error at or near '${renderTokens([parser.peek()!])}'.`);
    await this.requireTable(session, name);
    const metadata = this.metadataOf(name, 'table');
    const retention = retentionOf(metadata);
    const retainMs = retainHours === undefined ? retention.deletedFileRetentionMs : retainHours * 3600_000;
    const setting = session.config.get('spark.databricks.delta.retentiondurationcheck.enabled') ?? session.config.get('delta.retentiondurationcheck.enabled');
    const checkEnabled = setting?.trim().toLowerCase() !== 'false';
    if (checkEnabled && retainMs < retention.deletedFileRetentionMs) {
      throw new DatabricksSqlError(
        'DELTA_VACUUM_RETENTION_PERIOD_TOO_SHORT',
        'The specified VACUUM retention period is too low and may corrupt this Delta table if any writes are in progress. ' +
          'If no operations (insert, upsert, delete, optimize) are running, you can disable this safety check by setting: ' +
          `delta.retentionDurationCheck.enabled = false. Otherwise, use a retention period of at least ${formatHours(retention.deletedFileRetentionMs)} hours.`,
        '22003',
      );
    }
    const location = this.locationOf(name, metadata);
    if (dryRun) return { result: resultSet([['path', 'string']], []) };
    await this.commit(session, name, 'VACUUM START', {
      retentionCheckEnabled: String(checkEnabled),
      defaultRetentionMillis: String(retention.deletedFileRetentionMs),
      specifiedRetentionMillis: String(retainMs),
    }, {}, { kind: 'none' });
    const deleted = this.history.vacuum(this.key(name), this.history.clock.now() - retainMs);
    await this.commit(session, name, 'VACUUM END', { status: 'COMPLETED' }, { numDeletedFiles: String(deleted), numVacuumedDirectories: '1' }, { kind: 'none' });
    return { result: resultSet([['path', 'string']], [[location]]) };
  }

  /**
   * The table a write statement changes, fully named, and its latest version: what a concurrent-write
   * conflict names (faults.ts). Undefined for a statement that writes no table.
   */
  async writeTarget(session: EngineSession, sql: string): Promise<{ table: string; version: number } | undefined> {
    try {
      const parser = new StatementParser(sql);
      const verb = parser.oneOf('INSERT', 'MERGE', 'UPDATE', 'DELETE', 'CREATE', 'TRUNCATE', 'RESTORE');
      if (verb === 'INSERT') parser.oneOf('INTO', 'OVERWRITE');
      if (verb === 'MERGE') {
        parser.accept('WITH', 'SCHEMA', 'EVOLUTION');
        parser.expect('INTO');
      }
      if (verb === 'DELETE') parser.expect('FROM');
      if (verb === 'CREATE') parser.accept('OR', 'REPLACE');
      if (!verb) return undefined;
      parser.accept('TABLE');
      parser.accept('IF', 'NOT', 'EXISTS');
      const name = this.resolve(session, parser.name().parts);
      return { table: this.display(name), version: this.history.entries(this.key(name))[0]?.version ?? 0 };
    } catch {
      return undefined;
    }
  }

  private async count(session: EngineSession, relation: string): Promise<number> {
    const result = await this.query(session, `SELECT count(*) FROM ${relation}`);
    return Number(result.rows[0][0]);
  }
}

function metrics(values: Record<string, number>): ResultSet {
  return resultSet(
    Object.keys(values).map((name) => [name, 'bigint']),
    [Object.values(values).map((value) => BigInt(value))],
  );
}

function notFound(display: string): DatabricksSqlError {
  return new DatabricksSqlError(
    'TABLE_OR_VIEW_NOT_FOUND',
    `The table or view ${display} cannot be found. Verify the spelling and correctness of the schema and catalog.`,
    '42P01',
  );
}

function schemaNotFound(catalog: string, schema: string): DatabricksSqlError {
  return new DatabricksSqlError('SCHEMA_NOT_FOUND', `The schema \`${catalog}\`.\`${schema}\` cannot be found. Verify the spelling and correctness of the schema and catalog.`, '42704');
}

function alreadyExists(display: string): DatabricksSqlError {
  return new DatabricksSqlError('TABLE_OR_VIEW_ALREADY_EXISTS', `Cannot create table or view ${display} because it already exists.`, '42P07');
}

function unsupported(what: string): DatabricksSqlError {
  return new DatabricksSqlError('EMULATOR_UNSUPPORTED', `The Databricks emulator does not support ${what}.`, '0A000');
}

function lastSignificant(tokens: Token[]): Token | undefined {
  for (let i = tokens.length - 1; i >= 0; i--) if (isSignificant(tokens[i])) return tokens[i];
  return undefined;
}

function nextSignificantIndex(tokens: Token[], from: number): number {
  let i = from;
  while (i < tokens.length && !isSignificant(tokens[i])) i++;
  return i;
}

const NOT_AN_ALIAS = new Set([
  'WHERE', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'SEMI', 'ANTI', 'ON', 'USING', 'GROUP', 'ORDER', 'LIMIT',
  'UNION', 'EXCEPT', 'INTERSECT', 'MINUS', 'HAVING', 'WINDOW', 'QUALIFY', 'LATERAL', 'PIVOT', 'UNPIVOT', 'TABLESAMPLE', 'OFFSET', 'SORT',
  'CLUSTER', 'DISTRIBUTE', 'WHEN', 'SET', 'VERSION', 'TIMESTAMP',
]);

/** Whether the tokens at `from` begin an alias for the relation just before them. */
function startsAlias(tokens: Token[], from: number): boolean {
  const token = tokens[nextSignificantIndex(tokens, from)];
  if (token?.kind === 'quoted') return true;
  return token?.kind === 'word' && (token.text.toUpperCase() === 'AS' || !NOT_AN_ALIAS.has(token.text.toUpperCase()));
}

/** `[AS] alias` before the keyword `until`, consumed; or undefined. */
function readAlias(parser: StatementParser, until: string): string | undefined {
  if (parser.accept('AS')) return identifierOf(parser.next());
  const token = parser.peek();
  if (identifierOf(token) !== undefined && !isWord(token, until)) {
    parser.next();
    return identifierOf(token);
  }
  return undefined;
}

/**
 * `current_catalog()`, Spark's `current_schema()`/`current_database()` (the schema) and
 * `current_timezone()` (Databricks' default is Etc/UTC), as the session's values.
 */
function sessionFunction(session: EngineSession, tokens: Token[], index: number): { value: string; end: number } | undefined {
  const token = tokens[index];
  if (token.kind !== 'word') return undefined;
  const name = token.text.toLowerCase();
  if (name !== 'current_catalog' && name !== 'current_schema' && name !== 'current_database' && name !== 'current_timezone') return undefined;
  const open = nextSignificantIndex(tokens, index + 1);
  const close = nextSignificantIndex(tokens, open + 1);
  if (!isSymbol(tokens[open], '(') || !isSymbol(tokens[close], ')')) return undefined;
  const values: Record<string, string> = {
    current_catalog: session.catalog,
    current_schema: session.schema,
    current_database: session.schema,
    current_timezone: session.config.get('timezone') ?? session.config.get('spark.sql.session.timezone') ?? 'Etc/UTC',
  };
  return { value: values[name], end: close + 1 };
}

/** `VERSION AS OF n` or `@vN` right after a name that ends before token `from`. */
function timeTravel(tokens: Token[], from: number): { version: number; end: number } | undefined {
  const at = nextSignificantIndex(tokens, from);
  if (isSymbol(tokens[at], '@')) {
    const word = tokens[at + 1];
    const match = word?.kind === 'word' ? /^v(\d+)$/i.exec(word.text) : null;
    return match ? { version: Number(match[1]), end: at + 2 } : undefined;
  }
  if (!isWord(tokens[at], 'VERSION')) return undefined;
  const as = nextSignificantIndex(tokens, at + 1);
  const of = nextSignificantIndex(tokens, as + 1);
  const number = nextSignificantIndex(tokens, of + 1);
  const token = tokens[number];
  if (!isWord(tokens[as], 'AS') || !isWord(tokens[of], 'OF') || token?.kind !== 'number') return undefined;
  return { version: Number(token.text), end: number + 1 };
}

/** Tokens without `COMMENT '…'` pairs (column comments DuckDB has no place for). */
function withoutComments(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (isWord(tokens[i], 'COMMENT')) {
      const next = nextSignificantIndex(tokens, i + 1);
      if (tokens[next]?.kind === 'string') {
        i = next;
        continue;
      }
    }
    out.push(tokens[i]);
  }
  return out;
}

/** Splits tokens on commas at parenthesis depth 0. */
function splitTopLevel(tokens: Token[]): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (isSymbol(token, '(')) depth++;
    if (isSymbol(token, ')')) depth--;
    if (depth === 0 && isSymbol(token, ',')) parts.push([]);
    else parts.at(-1)!.push(token);
  }
  return parts.filter((part) => part.some(isSignificant));
}

/** A SET value as text: a string literal's value, or the words as written. */
function renderTokensAsText(tokens: Token[]): string {
  const significant = tokens.filter(isSignificant);
  if (significant.length === 1 && significant[0].kind === 'string') return significant[0].value;
  return renderTokens(tokens).trim();
}

/** SHOW … LIKE patterns: `*` for any characters, `|` between alternatives, case-insensitive. */
function showPattern(pattern: string): RegExp {
  const alternatives = pattern.trim().split('|').map((alternative) => alternative.trim().replaceAll('*', '.*'));
  try {
    return new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
  } catch {
    return new RegExp(`^${pattern.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
  }
}

function timeTravelOnView(): DatabricksSqlError {
  return new DatabricksSqlError('DELTA_UNSUPPORTED_TIME_TRAVEL_VIEWS', 'Cannot time travel views, subqueries, streams or change data feed queries.', '0AKDC');
}

function expectTable(display: string, command = 'this command'): DatabricksSqlError {
  return new DatabricksSqlError('EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE', `${command === 'this command' ? display : `'${command}' expects a table but ${display}`} is a view${command === 'this command' ? ', but this command expects a table' : ''}.`, '42809');
}

function expectView(display: string): DatabricksSqlError {
  return new DatabricksSqlError('EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE', `${display} is a table, but this command expects a view.`, '42809');
}

/** TABLE, VIEW, MATERIALIZED VIEW, STREAMING TABLE: how Databricks names a relation's kind in its errors. */
function objectTypeName(kind: StoredKind): string {
  return kind.toUpperCase().replace('_', ' ');
}

function wrongObjectType(display: string, actual: StoredKind, wanted: StoredKind): DatabricksSqlError {
  return new DatabricksSqlError(
    'WRONG_COMMAND_FOR_OBJECT_TYPE',
    `The operation requires a ${objectTypeName(wanted)}. But ${display} is a ${objectTypeName(actual)}. Use DROP ${actual === 'materialized_view' ? 'MATERIALIZED VIEW' : 'TABLE'} first.`,
    '42809',
  );
}

function emptyClauses(): TableClauses {
  return { properties: [], partitionColumns: [], clusteringColumns: [] };
}

/** The clauses a statement wrote (those it left out do not override others). */
function definedClauses(clauses: TableClauses): Partial<TableClauses> {
  const defined: Partial<TableClauses> = {};
  if (clauses.provider !== undefined) defined.provider = clauses.provider;
  if (clauses.location !== undefined) defined.location = clauses.location;
  if (clauses.comment !== undefined) defined.comment = clauses.comment;
  if (clauses.properties.length) defined.properties = clauses.properties;
  return defined;
}

/** `COMMENT '…'` of each column definition (`name type … COMMENT '…'` or a view's `name COMMENT '…'`), by lower-case name. */
function columnComments(tokens: Token[]): Map<string, string> {
  const comments = new Map<string, string>();
  for (const definition of splitTopLevel(tokens)) {
    const significant = definition.filter(isSignificant);
    const name = identifierOf(significant[0]);
    if (name === undefined || isWord(significant[0], 'CONSTRAINT', 'PRIMARY', 'FOREIGN', 'CHECK', 'UNIQUE')) continue;
    for (let i = 1; i < significant.length - 1; i++) {
      const next = significant[i + 1];
      if (isWord(significant[i], 'COMMENT') && next.kind === 'string') comments.set(name.toLowerCase(), next.value);
    }
  }
  return comments;
}

/** The column names of a list without types (`(a COMMENT '…', b)`), or undefined when a column has a type. */
function namesOnly(tokens: Token[]): string[] | undefined {
  const names: string[] = [];
  for (const definition of splitTopLevel(withoutComments(tokens))) {
    const significant = definition.filter(isSignificant);
    const name = identifierOf(significant[0]);
    if (significant.length !== 1 || name === undefined) return undefined;
    names.push(name);
  }
  return names;
}

/** Sets a property, replacing one whose key differs only in case. */
function setProperty(properties: Map<string, string>, key: string, value: string): void {
  deleteProperty(properties, key);
  properties.set(key, value);
}

function deleteProperty(properties: Map<string, string>, key: string): boolean {
  for (const existing of properties.keys()) {
    if (existing.toLowerCase() === key.toLowerCase()) return properties.delete(existing);
  }
  return false;
}
