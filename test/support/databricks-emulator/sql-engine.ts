/**
 * Runs Databricks SQL on DuckDB. Each Unity Catalog catalog is an attached in-memory DuckDB database,
 * so three-part names keep working; each session is its own DuckDB connection with its own current
 * catalog and schema. Statements DuckDB cannot run as written (Delta clauses, SHOW, DESCRIBE, CLONE,
 * RESTORE, history, Spark's MERGE by name, result metrics) are handled here; the rest is translated
 * token by token.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DatabricksSqlError, fromDuckDBError } from './databricks-errors.js';
import { DeltaHistory, HISTORY_CATALOG } from './delta-history.js';
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
      case 'GRANT':
      case 'REVOKE':
      case 'OPTIMIZE':
      case 'VACUUM':
      case 'ANALYZE':
      case 'REFRESH':
      case 'REPAIR':
      case 'MSCK':
      case 'CACHE':
      case 'UNCACHE':
        // Metadata, permissions and file maintenance: nothing to do on DuckDB.
        return {};
      default:
        return { result: await this.query(session, this.render(session, parser.tokens)) };
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

  private versionRelation(name: ResolvedName, version: number): string {
    const entry = this.history.version(this.key(name), version);
    if (!entry) {
      const available = this.history.entries(this.key(name)).map((e) => e.version);
      throw new DatabricksSqlError(
        'DELTA_VERSION_NOT_FOUND',
        `Cannot time travel Delta table ${this.display(name)} to version ${version}. Available versions: [${available.length ? `${Math.min(...available)}, ${Math.max(...available)}` : ''}].`,
        '22003',
      );
    }
    return entry.snapshot;
  }

  private informationSchemaView(catalog: string, view: string): string {
    const user = [...this.catalogs];
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
          `CASE WHEN table_type = 'VIEW' THEN 'VIEW' ELSE 'MANAGED' END AS table_type, ` +
          `CASE WHEN table_type = 'VIEW' THEN NULL ELSE 'DELTA' END AS data_source_format, ` +
          `'emulator' AS table_owner, CAST(NULL AS VARCHAR) AS comment ` +
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
          `${fullType} AS full_data_type, numeric_precision, numeric_scale, CAST(NULL AS VARCHAR) AS comment ` +
          `FROM system.information_schema.columns WHERE ${inCatalogs('table_catalog')} AND table_schema ${hidden}`
        );
      }
      default:
        throw new DatabricksSqlError('TABLE_OR_VIEW_NOT_FOUND', `The table or view \`${catalog}\`.\`information_schema\`.\`${view}\` cannot be found.`, '42P01');
    }
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
    if (kind === 'view') {
      throw new DatabricksSqlError('EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE', `${this.display(name)} is a view, but this command expects a table.`, '42809');
    }
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

  private async commit(session: EngineSession, name: ResolvedName, operation: string, parameters: Record<string, string> = {}, metrics: Record<string, string> = {}) {
    return this.history.commit(session.connection, this.key(name), this.duckdbRelation(name), operation, parameters, metrics);
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
      const names = [...result.rows.map((row) => String(row[0])), 'information_schema'];
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
    if (parser.oneOf('SCHEMA', 'DATABASE', 'CATALOG', 'QUERY', 'FUNCTION', 'DETAIL')) throw unsupported('this DESCRIBE form');
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
    const rows: Cell[][] = columns.rows.map((row) => [String(row[0]), databricksTypeName(String(row[1])), null]);
    if (extended) {
      rows.push(
        ['', '', ''],
        ['# Detailed Table Information', '', ''],
        ['Catalog', name.catalog, ''],
        ['Database', name.schema, ''],
        ['Table', name.name, ''],
        ['Owner', 'emulator', ''],
        ['Type', kind === 'view' ? 'VIEW' : 'MANAGED', ''],
      );
      if (kind === 'table') rows.push(['Provider', 'delta', '']);
    }
    return { result: resultSet([['col_name', 'string'], ['data_type', 'string'], ['comment', 'string']], rows) };
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
      BigInt(entry.version), BigInt(entry.timestamp.getTime()) * 1000n, 'emulator', 'emulator', entry.operation,
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
    const object = parser.oneOf('CATALOG', 'SCHEMA', 'DATABASE', 'TABLE', 'VIEW');
    const ifNotExists = parser.accept('IF', 'NOT', 'EXISTS');
    switch (object) {
      case 'CATALOG':
        await this.createCatalog(parser.name().parts[0], ifNotExists);
        return {};
      case 'SCHEMA':
      case 'DATABASE': {
        const { catalog, schema } = this.resolveSchema(session, parser.name().parts);
        this.requireCatalog(catalog);
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
        return this.createTable(session, parser, orReplace, ifNotExists);
      default:
        throw unsupported(`CREATE ${renderTokens(parser.tokens.slice(parser.tokenIndex)).trim().split(/\s+/)[0]}`);
    }
  }

  private async createView(session: EngineSession, parser: StatementParser, orReplace: boolean, temporary: boolean, ifNotExists: boolean): Promise<StatementOutcome> {
    const nameParts = parser.name().parts;
    let columnList = '';
    if (isSymbol(parser.peek(), '(')) {
      const group = parser.group();
      columnList = ` (${this.render(session, withoutComments(parser.tokens.slice(group.start, group.end)))})`;
    }
    this.skipTableClauses(parser);
    parser.expect('AS');
    const query = this.render(session, parser.tokens.slice(parser.tokenIndex));
    const name = temporary ? duckdbIdentifier(nameParts.at(-1)!.toLowerCase()) : this.duckdbRelation(this.resolve(session, nameParts));
    if (!temporary) {
      const resolved = this.resolve(session, nameParts);
      if (!(await this.schemaExists(session, resolved.catalog, resolved.schema))) throw schemaNotFound(resolved.catalog, resolved.schema);
      const kind = await this.relationKind(session, resolved);
      if (kind === 'table') {
        throw new DatabricksSqlError('EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE', `${this.display(resolved)} is a table, but this command expects a view.`, '42809');
      }
      if (kind === 'view' && !orReplace && !ifNotExists) throw alreadyExists(this.display(resolved));
    }
    await this.run(
      session,
      `CREATE ${orReplace ? 'OR REPLACE ' : ''}${temporary ? 'TEMP ' : ''}VIEW ${ifNotExists ? 'IF NOT EXISTS ' : ''}${name}${columnList} AS ${query}`,
    );
    return {};
  }

  /** Delta and Databricks clauses of CREATE TABLE/VIEW that mean nothing to DuckDB. Stops at AS, CLONE or the end. */
  private skipTableClauses(parser: StatementParser): void {
    for (;;) {
      if (parser.accept('USING')) parser.name();
      else if (parser.oneOf('OPTIONS', 'TBLPROPERTIES')) parser.group();
      else if (parser.accept('PARTITIONED', 'BY') || parser.accept('CLUSTERED', 'BY')) parser.group();
      else if (parser.accept('CLUSTER', 'BY')) {
        if (!parser.oneOf('AUTO', 'NONE')) parser.group();
      } else if (parser.oneOf('LOCATION', 'COMMENT')) parser.string();
      else if (parser.accept('WITH', 'SCHEMA')) parser.oneOf('BINDING', 'COMPENSATION', 'EVOLUTION', 'TYPE');
      else return;
    }
  }

  private async createTable(session: EngineSession, parser: StatementParser, orReplace: boolean, ifNotExists: boolean): Promise<StatementOutcome> {
    const name = this.resolve(session, parser.name().parts);
    let definitions: string | undefined;
    if (isSymbol(parser.peek(), '(') && !isWord(parser.peek(1), 'SELECT', 'WITH', 'VALUES', 'FROM')) {
      const group = parser.group();
      definitions = this.columnDefinitions(session, parser.tokens.slice(group.start, group.end)).join(', ');
    }
    this.skipTableClauses(parser);
    const clone = parser.oneOf('SHALLOW', 'DEEP');
    if (clone || isWord(parser.peek(), 'CLONE')) {
      parser.expect('CLONE');
      return this.cloneTable(session, parser, name, orReplace, ifNotExists, clone !== 'DEEP');
    }
    let query: string | undefined;
    if (parser.accept('AS') || isWord(parser.peek(), 'SELECT', 'WITH', 'VALUES', 'FROM') || isSymbol(parser.peek(), '(')) {
      query = this.render(session, parser.tokens.slice(parser.tokenIndex));
    } else if (!parser.atEnd()) {
      throw syntaxError(`Syntax error at or near '${renderTokens([parser.peek()!])}'.`);
    }
    if (definitions === undefined && query === undefined) throw syntaxError('CREATE TABLE needs columns or a query.');

    if (!(await this.schemaExists(session, name.catalog, name.schema))) throw schemaNotFound(name.catalog, name.schema);
    const existing = await this.relationKind(session, name);
    if (existing && ifNotExists) return {};
    if (existing && !orReplace) throw alreadyExists(this.display(name));
    if (existing === 'view') throw new DatabricksSqlError('EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE', `${this.display(name)} is a view, but this command expects a table.`, '42809');
    if (!existing) await this.history.drop(session.connection, this.key(name));

    const relation = this.duckdbRelation(name);
    const verb = existing ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE';
    if (query === undefined) {
      await this.run(session, `${verb} ${relation} (${definitions})`);
      await this.commit(session, name, orReplace ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE');
      return {};
    }
    // Column definitions with a query: DuckDB takes the query's columns, cast to the declared types.
    const select = definitions === undefined ? query : await this.castToDefinitions(session, definitions, query);
    await this.run(session, `${verb} ${relation} AS ${select}`);
    const rows = await this.count(session, relation);
    await this.commit(session, name, orReplace ? 'CREATE OR REPLACE TABLE AS SELECT' : 'CREATE TABLE AS SELECT', {}, { numOutputRows: String(rows) });
    return { result: metrics({ num_affected_rows: rows, num_inserted_rows: rows }), modifiedRows: rows };
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

  private async cloneTable(
    session: EngineSession,
    parser: StatementParser,
    target: ResolvedName,
    orReplace: boolean,
    ifNotExists: boolean,
    shallow: boolean,
  ): Promise<StatementOutcome> {
    const sourceName = parser.name();
    const source = this.resolve(session, sourceName.parts);
    const travel = timeTravel(parser.tokens, sourceName.end);
    if (travel) parser.skipRest();
    this.skipTableClauses(parser);
    if (!parser.atEnd()) throw syntaxError(`Syntax error at or near '${renderTokens([parser.peek()!])}'.`);
    await this.requireTable(session, source);
    const sourceRelation = travel ? this.versionRelation(source, travel.version) : this.duckdbRelation(source);
    const sourceVersion = travel?.version ?? this.history.entries(this.key(source))[0]?.version ?? 0;

    if (!(await this.schemaExists(session, target.catalog, target.schema))) throw schemaNotFound(target.catalog, target.schema);
    const existing = await this.relationKind(session, target);
    if (existing && ifNotExists) return {};
    if (existing && !orReplace) throw alreadyExists(this.display(target));
    if (!existing) await this.history.drop(session.connection, this.key(target));
    const relation = this.duckdbRelation(target);
    await this.run(session, `${existing ? 'CREATE OR REPLACE TABLE' : 'CREATE TABLE'} ${relation} AS SELECT * FROM ${sourceRelation}`);
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
    const object = parser.oneOf('CATALOG', 'SCHEMA', 'DATABASE', 'TABLE', 'VIEW');
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
        return {};
      }
      case 'TABLE':
      case 'VIEW': {
        const name = this.resolve(session, nameParts);
        const kind = await this.relationKind(session, name);
        if (!kind) {
          if (ifExists) return {};
          throw notFound(this.display(name));
        }
        if (kind !== object.toLowerCase()) {
          throw new DatabricksSqlError('WRONG_COMMAND_FOR_OBJECT_TYPE', `The operation DROP ${object} requires a ${object}. But ${this.display(name)} is a ${kind.toUpperCase()}. Use DROP ${kind.toUpperCase()} instead.`, '42809');
        }
        await this.run(session, `DROP ${object} ${this.duckdbRelation(name)}`);
        await this.history.drop(session.connection, this.key(name));
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
      if (await this.relationKind(session, renamed)) throw alreadyExists(this.display(renamed));
      await this.run(session, `ALTER ${kind === 'view' ? 'VIEW' : 'TABLE'} ${this.duckdbRelation(name)} RENAME TO ${duckdbIdentifier(newName)}`);
      this.history.rename(this.key(name), this.key(renamed));
      return {};
    }
    if (object === 'VIEW' && parser.accept('AS')) {
      const query = this.render(session, parser.tokens.slice(parser.tokenIndex));
      await this.run(session, `CREATE OR REPLACE VIEW ${this.duckdbRelation(name)} AS ${query}`);
      return {};
    }
    if (parser.accept('ADD')) {
      parser.oneOf('COLUMNS', 'COLUMN');
      const range = isSymbol(parser.peek(), '(') ? parser.group() : { start: parser.tokenIndex, end: parser.tokens.length };
      for (const definition of this.columnDefinitions(session, parser.tokens.slice(range.start, range.end))) {
        await this.run(session, `ALTER TABLE ${this.duckdbRelation(name)} ADD COLUMN ${definition}`);
      }
      await this.commit(session, name, 'ADD COLUMNS');
      return {};
    }
    // Properties, owners, comments and the like change nothing DuckDB can see.
    return {};
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
    await this.commit(session, name, 'WRITE', { mode: mode === 'OVERWRITE' ? 'Overwrite' : 'Append' }, { numOutputRows: String(rows) });
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
      const at = Date.parse(parser.string());
      const entry = this.history.entries(this.key(name)).find((e) => e.timestamp.getTime() <= at);
      if (!entry) throw new DatabricksSqlError('DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION', 'The provided timestamp is before the earliest version available to this table.', '42816');
      version = entry.version;
    }
    const snapshot = this.versionRelation(name, version);
    const relation = this.duckdbRelation(name);
    const before = await this.count(session, relation);
    await this.run(session, `CREATE OR REPLACE TABLE ${relation} AS SELECT * FROM ${snapshot}`);
    const after = await this.count(session, relation);
    await this.commit(session, name, 'RESTORE', { version: String(version) });
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
