import { createRequire as __sluiceCreateRequire } from 'node:module';
import { dirname as __sluiceDirname } from 'node:path';
import { fileURLToPath as __sluiceFileURLToPath } from 'node:url';
const require = __sluiceCreateRequire(import.meta.url);
const __filename = __sluiceFileURLToPath(import.meta.url);
const __dirname = __sluiceDirname(__filename);
if (!globalThis.__sluiceQuietBuffer) {
  globalThis.__sluiceQuietBuffer = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) { const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1]; if (code === 'DEP0005') return; return emitWarning.call(this, warning, ...rest); };
}
import {
  plainDecimal
} from "./chunk-JX4R2A6J.js";
import {
  DuckDBDialect
} from "./chunk-M3UQV36C.js";
import {
  WarehouseError
} from "./chunk-MMQEHTF6.js";
import "./chunk-CXFOSMQA.js";
import {
  WarehouseConnectionError
} from "./chunk-5FWABYZE.js";
import "./chunk-3BX4YTM4.js";

// src/warehouse/duckdb/duckdb-connection.ts
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

// sluice-duckdb:duckdb
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
async function load() {
  try {
    return await import("@duckdb/node-api");
  } catch (error) {
    if (error?.code !== "ERR_MODULE_NOT_FOUND") throw error;
  }
  const workspace = createRequire(join(process.env.GITHUB_WORKSPACE || process.cwd(), "package.json"));
  return import(pathToFileURL(workspace.resolve("@duckdb/node-api")).href);
}
var driver = await load();
var ANY = driver.ANY;
var ARRAY = driver.ARRAY;
var BIGINT = driver.BIGINT;
var BIGNUM = driver.BIGNUM;
var BIT = driver.BIT;
var BLOB = driver.BLOB;
var BOOLEAN = driver.BOOLEAN;
var BaseDuckDBType = driver.BaseDuckDBType;
var DATE = driver.DATE;
var DECIMAL = driver.DECIMAL;
var DOUBLE = driver.DOUBLE;
var DuckDBAnyType = driver.DuckDBAnyType;
var DuckDBAppender = driver.DuckDBAppender;
var DuckDBArrayLogicalType = driver.DuckDBArrayLogicalType;
var DuckDBArrayType = driver.DuckDBArrayType;
var DuckDBArrayValue = driver.DuckDBArrayValue;
var DuckDBArrayVector = driver.DuckDBArrayVector;
var DuckDBBigIntType = driver.DuckDBBigIntType;
var DuckDBBigIntVector = driver.DuckDBBigIntVector;
var DuckDBBigNumType = driver.DuckDBBigNumType;
var DuckDBBigNumVector = driver.DuckDBBigNumVector;
var DuckDBBindInfo = driver.DuckDBBindInfo;
var DuckDBBitType = driver.DuckDBBitType;
var DuckDBBitValue = driver.DuckDBBitValue;
var DuckDBBitVector = driver.DuckDBBitVector;
var DuckDBBlobType = driver.DuckDBBlobType;
var DuckDBBlobValue = driver.DuckDBBlobValue;
var DuckDBBlobVector = driver.DuckDBBlobVector;
var DuckDBBooleanType = driver.DuckDBBooleanType;
var DuckDBBooleanVector = driver.DuckDBBooleanVector;
var DuckDBClientContext = driver.DuckDBClientContext;
var DuckDBConnection = driver.DuckDBConnection;
var DuckDBDataChunk = driver.DuckDBDataChunk;
var DuckDBDataChunkWriter = driver.DuckDBDataChunkWriter;
var DuckDBDateType = driver.DuckDBDateType;
var DuckDBDateValue = driver.DuckDBDateValue;
var DuckDBDateVector = driver.DuckDBDateVector;
var DuckDBDecimal128Vector = driver.DuckDBDecimal128Vector;
var DuckDBDecimal16Vector = driver.DuckDBDecimal16Vector;
var DuckDBDecimal32Vector = driver.DuckDBDecimal32Vector;
var DuckDBDecimal64Vector = driver.DuckDBDecimal64Vector;
var DuckDBDecimalLogicalType = driver.DuckDBDecimalLogicalType;
var DuckDBDecimalType = driver.DuckDBDecimalType;
var DuckDBDecimalValue = driver.DuckDBDecimalValue;
var DuckDBDoubleType = driver.DuckDBDoubleType;
var DuckDBDoubleVector = driver.DuckDBDoubleVector;
var DuckDBEnum16Vector = driver.DuckDBEnum16Vector;
var DuckDBEnum32Vector = driver.DuckDBEnum32Vector;
var DuckDBEnum8Vector = driver.DuckDBEnum8Vector;
var DuckDBEnumLogicalType = driver.DuckDBEnumLogicalType;
var DuckDBEnumType = driver.DuckDBEnumType;
var DuckDBExtractedStatements = driver.DuckDBExtractedStatements;
var DuckDBFloatType = driver.DuckDBFloatType;
var DuckDBFloatVector = driver.DuckDBFloatVector;
var DuckDBFunctionInfo = driver.DuckDBFunctionInfo;
var DuckDBGeometryLogicalType = driver.DuckDBGeometryLogicalType;
var DuckDBGeometryType = driver.DuckDBGeometryType;
var DuckDBGeometryValue = driver.DuckDBGeometryValue;
var DuckDBGeometryVector = driver.DuckDBGeometryVector;
var DuckDBHugeIntType = driver.DuckDBHugeIntType;
var DuckDBHugeIntVector = driver.DuckDBHugeIntVector;
var DuckDBInstance = driver.DuckDBInstance;
var DuckDBInstanceCache = driver.DuckDBInstanceCache;
var DuckDBIntegerLiteralType = driver.DuckDBIntegerLiteralType;
var DuckDBIntegerType = driver.DuckDBIntegerType;
var DuckDBIntegerVector = driver.DuckDBIntegerVector;
var DuckDBIntervalType = driver.DuckDBIntervalType;
var DuckDBIntervalValue = driver.DuckDBIntervalValue;
var DuckDBIntervalVector = driver.DuckDBIntervalVector;
var DuckDBListLogicalType = driver.DuckDBListLogicalType;
var DuckDBListType = driver.DuckDBListType;
var DuckDBListValue = driver.DuckDBListValue;
var DuckDBListVector = driver.DuckDBListVector;
var DuckDBLogicalType = driver.DuckDBLogicalType;
var DuckDBMapLogicalType = driver.DuckDBMapLogicalType;
var DuckDBMapType = driver.DuckDBMapType;
var DuckDBMapValue = driver.DuckDBMapValue;
var DuckDBMapVector = driver.DuckDBMapVector;
var DuckDBMaterializedResult = driver.DuckDBMaterializedResult;
var DuckDBPendingResult = driver.DuckDBPendingResult;
var DuckDBPendingResultState = driver.DuckDBPendingResultState;
var DuckDBPreparedStatement = driver.DuckDBPreparedStatement;
var DuckDBResult = driver.DuckDBResult;
var DuckDBResultReader = driver.DuckDBResultReader;
var DuckDBSQLNullType = driver.DuckDBSQLNullType;
var DuckDBScalarFunction = driver.DuckDBScalarFunction;
var DuckDBScalarFunctionBindInfo = driver.DuckDBScalarFunctionBindInfo;
var DuckDBScalarFunctionInfo = driver.DuckDBScalarFunctionInfo;
var DuckDBScalarFunctionInitInfo = driver.DuckDBScalarFunctionInitInfo;
var DuckDBSmallIntType = driver.DuckDBSmallIntType;
var DuckDBSmallIntVector = driver.DuckDBSmallIntVector;
var DuckDBStringLiteralType = driver.DuckDBStringLiteralType;
var DuckDBStructLogicalType = driver.DuckDBStructLogicalType;
var DuckDBStructType = driver.DuckDBStructType;
var DuckDBStructValue = driver.DuckDBStructValue;
var DuckDBStructVector = driver.DuckDBStructVector;
var DuckDBTableFunction = driver.DuckDBTableFunction;
var DuckDBTableFunctionBindInfo = driver.DuckDBTableFunctionBindInfo;
var DuckDBTableFunctionInfo = driver.DuckDBTableFunctionInfo;
var DuckDBTableFunctionInitInfo = driver.DuckDBTableFunctionInitInfo;
var DuckDBTimeNSType = driver.DuckDBTimeNSType;
var DuckDBTimeNSValue = driver.DuckDBTimeNSValue;
var DuckDBTimeNSVector = driver.DuckDBTimeNSVector;
var DuckDBTimeTZType = driver.DuckDBTimeTZType;
var DuckDBTimeTZValue = driver.DuckDBTimeTZValue;
var DuckDBTimeTZVector = driver.DuckDBTimeTZVector;
var DuckDBTimeType = driver.DuckDBTimeType;
var DuckDBTimeValue = driver.DuckDBTimeValue;
var DuckDBTimeVector = driver.DuckDBTimeVector;
var DuckDBTimestampMicrosecondsType = driver.DuckDBTimestampMicrosecondsType;
var DuckDBTimestampMicrosecondsValue = driver.DuckDBTimestampMicrosecondsValue;
var DuckDBTimestampMillisecondsType = driver.DuckDBTimestampMillisecondsType;
var DuckDBTimestampMillisecondsValue = driver.DuckDBTimestampMillisecondsValue;
var DuckDBTimestampMillisecondsVector = driver.DuckDBTimestampMillisecondsVector;
var DuckDBTimestampNanosecondsType = driver.DuckDBTimestampNanosecondsType;
var DuckDBTimestampNanosecondsValue = driver.DuckDBTimestampNanosecondsValue;
var DuckDBTimestampNanosecondsVector = driver.DuckDBTimestampNanosecondsVector;
var DuckDBTimestampSecondsType = driver.DuckDBTimestampSecondsType;
var DuckDBTimestampSecondsValue = driver.DuckDBTimestampSecondsValue;
var DuckDBTimestampSecondsVector = driver.DuckDBTimestampSecondsVector;
var DuckDBTimestampTZType = driver.DuckDBTimestampTZType;
var DuckDBTimestampTZValue = driver.DuckDBTimestampTZValue;
var DuckDBTimestampTZVector = driver.DuckDBTimestampTZVector;
var DuckDBTimestampType = driver.DuckDBTimestampType;
var DuckDBTimestampValue = driver.DuckDBTimestampValue;
var DuckDBTimestampVector = driver.DuckDBTimestampVector;
var DuckDBTinyIntType = driver.DuckDBTinyIntType;
var DuckDBTinyIntVector = driver.DuckDBTinyIntVector;
var DuckDBTypeId = driver.DuckDBTypeId;
var DuckDBUBigIntType = driver.DuckDBUBigIntType;
var DuckDBUBigIntVector = driver.DuckDBUBigIntVector;
var DuckDBUHugeIntType = driver.DuckDBUHugeIntType;
var DuckDBUHugeIntVector = driver.DuckDBUHugeIntVector;
var DuckDBUIntegerType = driver.DuckDBUIntegerType;
var DuckDBUIntegerVector = driver.DuckDBUIntegerVector;
var DuckDBUSmallIntType = driver.DuckDBUSmallIntType;
var DuckDBUSmallIntVector = driver.DuckDBUSmallIntVector;
var DuckDBUTinyIntType = driver.DuckDBUTinyIntType;
var DuckDBUTinyIntVector = driver.DuckDBUTinyIntVector;
var DuckDBUUIDType = driver.DuckDBUUIDType;
var DuckDBUUIDValue = driver.DuckDBUUIDValue;
var DuckDBUUIDVector = driver.DuckDBUUIDVector;
var DuckDBUnionLogicalType = driver.DuckDBUnionLogicalType;
var DuckDBUnionType = driver.DuckDBUnionType;
var DuckDBUnionValue = driver.DuckDBUnionValue;
var DuckDBUnionVector = driver.DuckDBUnionVector;
var DuckDBVarCharType = driver.DuckDBVarCharType;
var DuckDBVarCharVector = driver.DuckDBVarCharVector;
var DuckDBVariantType = driver.DuckDBVariantType;
var DuckDBVariantValue = driver.DuckDBVariantValue;
var DuckDBVariantVector = driver.DuckDBVariantVector;
var DuckDBVector = driver.DuckDBVector;
var ENUM = driver.ENUM;
var ENUM16 = driver.ENUM16;
var ENUM32 = driver.ENUM32;
var ENUM8 = driver.ENUM8;
var FLOAT = driver.FLOAT;
var GEOMETRY = driver.GEOMETRY;
var HUGEINT = driver.HUGEINT;
var INTEGER = driver.INTEGER;
var INTEGER_LITERAL = driver.INTEGER_LITERAL;
var INTERVAL = driver.INTERVAL;
var JSDuckDBValueConverter = driver.JSDuckDBValueConverter;
var JSToDuckDBValueConverter = driver.JSToDuckDBValueConverter;
var JsonDuckDBValueConverter = driver.JsonDuckDBValueConverter;
var LIST = driver.LIST;
var MAP = driver.MAP;
var ResultReturnType = driver.ResultReturnType;
var SMALLINT = driver.SMALLINT;
var SQLNULL = driver.SQLNULL;
var STRING_LITERAL = driver.STRING_LITERAL;
var STRUCT = driver.STRUCT;
var StatementType = driver.StatementType;
var TIME = driver.TIME;
var TIMESTAMP = driver.TIMESTAMP;
var TIMESTAMPTZ = driver.TIMESTAMPTZ;
var TIMESTAMP_MS = driver.TIMESTAMP_MS;
var TIMESTAMP_NS = driver.TIMESTAMP_NS;
var TIMESTAMP_S = driver.TIMESTAMP_S;
var TIMETZ = driver.TIMETZ;
var TIME_NS = driver.TIME_NS;
var TINYINT = driver.TINYINT;
var UBIGINT = driver.UBIGINT;
var UHUGEINT = driver.UHUGEINT;
var UINTEGER = driver.UINTEGER;
var UNION = driver.UNION;
var USMALLINT = driver.USMALLINT;
var UTINYINT = driver.UTINYINT;
var UUID = driver.UUID;
var VARCHAR = driver.VARCHAR;
var VARIANT = driver.VARIANT;
var __esModule = driver.__esModule;
var arrayFromArrayValue = driver.arrayFromArrayValue;
var arrayFromListValue = driver.arrayFromListValue;
var arrayValue = driver.arrayValue;
var arrayValueFromArray = driver.arrayValueFromArray;
var bigintFromBigIntValue = driver.bigintFromBigIntValue;
var bigintFromNumeric = driver.bigintFromNumeric;
var bigintFromTimeNSValue = driver.bigintFromTimeNSValue;
var bigintFromTimeValue = driver.bigintFromTimeValue;
var bitValue = driver.bitValue;
var bitValueFromBytes = driver.bitValueFromBytes;
var blobValue = driver.blobValue;
var blobValueFromBytes = driver.blobValueFromBytes;
var booleanFromValue = driver.booleanFromValue;
var bytesFromBitValue = driver.bytesFromBitValue;
var bytesFromBlobValue = driver.bytesFromBlobValue;
var bytesFromGeometryValue = driver.bytesFromGeometryValue;
var configurationOptionDescriptions = driver.configurationOptionDescriptions;
var createDuckDBValueConverter = driver.createDuckDBValueConverter;
var createToDuckDBValueConverter = driver.createToDuckDBValueConverter;
var dateFromDateValue = driver.dateFromDateValue;
var dateFromTimestampMillisecondsValue = driver.dateFromTimestampMillisecondsValue;
var dateFromTimestampNanosecondsValue = driver.dateFromTimestampNanosecondsValue;
var dateFromTimestampSecondsValue = driver.dateFromTimestampSecondsValue;
var dateFromTimestampTZValue = driver.dateFromTimestampTZValue;
var dateFromTimestampValue = driver.dateFromTimestampValue;
var dateValue = driver.dateValue;
var dateValueFromDate = driver.dateValueFromDate;
var decimalValue = driver.decimalValue;
var decimalValueFromNumeric = driver.decimalValueFromNumeric;
var doubleFromDecimalValue = driver.doubleFromDecimalValue;
var double_to_hugeint = driver.double_to_hugeint;
var double_to_uhugeint = driver.double_to_uhugeint;
var fromVariantValue = driver.fromVariantValue;
var geometryValue = driver.geometryValue;
var geometryValueFromBytes = driver.geometryValueFromBytes;
var hugeint_to_double = driver.hugeint_to_double;
var intervalValue = driver.intervalValue;
var intervalValueFromObject = driver.intervalValueFromObject;
var jsToDuckDBValue = driver.jsToDuckDBValue;
var jsonNumberFromValue = driver.jsonNumberFromValue;
var jsonObjectFromIntervalValue = driver.jsonObjectFromIntervalValue;
var listValue = driver.listValue;
var listValueFromArray = driver.listValueFromArray;
var mapValue = driver.mapValue;
var mapValueFromEntries = driver.mapValueFromEntries;
var nullConverter = driver.nullConverter;
var nullFromNull = driver.nullFromNull;
var numberFromValue = driver.numberFromValue;
var objectArrayFromMapValue = driver.objectArrayFromMapValue;
var objectFromIntervalValue = driver.objectFromIntervalValue;
var objectFromStructValue = driver.objectFromStructValue;
var objectFromTimeTZValue = driver.objectFromTimeTZValue;
var objectFromUnionValue = driver.objectFromUnionValue;
var quotedIdentifier = driver.quotedIdentifier;
var quotedString = driver.quotedString;
var readValue = driver.readValue;
var stringFromValue = driver.stringFromValue;
var structValue = driver.structValue;
var structValueFromObject = driver.structValueFromObject;
var timeNSValue = driver.timeNSValue;
var timeNSValueFromNanos = driver.timeNSValueFromNanos;
var timeTZValue = driver.timeTZValue;
var timeTZValueFromObject = driver.timeTZValueFromObject;
var timeValue = driver.timeValue;
var timeValueFromMicros = driver.timeValueFromMicros;
var timestampMillisValue = driver.timestampMillisValue;
var timestampMillisValueFromDate = driver.timestampMillisValueFromDate;
var timestampNanosValue = driver.timestampNanosValue;
var timestampNanosValueFromDate = driver.timestampNanosValueFromDate;
var timestampSecondsValue = driver.timestampSecondsValue;
var timestampSecondsValueFromDate = driver.timestampSecondsValueFromDate;
var timestampTZValue = driver.timestampTZValue;
var timestampTZValueFromDate = driver.timestampTZValueFromDate;
var timestampValue = driver.timestampValue;
var timestampValueFromDate = driver.timestampValueFromDate;
var uhugeint_to_double = driver.uhugeint_to_double;
var unionValue = driver.unionValue;
var unionValueFromObject = driver.unionValueFromObject;
var unsupportedConverter = driver.unsupportedConverter;
var unwritableConverter = driver.unwritableConverter;
var uuidValue = driver.uuidValue;
var uuidValueFromString = driver.uuidValueFromString;
var valueFromBoolean = driver.valueFromBoolean;
var valueFromNumber = driver.valueFromNumber;
var valueFromString = driver.valueFromString;
var variantValue = driver.variantValue;
var variantValueFromJS = driver.variantValueFromJS;
var version = driver.version;

// src/warehouse/duckdb/duckdb-values.ts
async function readResult(result) {
  const names = result.deduplicatedColumnNames();
  const types = result.columnTypes();
  const columns = names.map((name, index) => ({ name, type: types[index].toString() }));
  const jsonRows = await result.getRowsJson();
  const rows = jsonRows.map((jsonRow) => {
    const row = {};
    names.forEach((name, index) => {
      row[name] = toSqlValue(jsonRow[index], types[index].typeId);
    });
    return row;
  });
  return { columns, rows, rowsAffected: rowsAffected(result, rows) };
}
function rowsAffected(result, rows) {
  if (result.returnType === ResultReturnType.CHANGED_ROWS) return result.rowsChanged;
  if (result.statementType === StatementType.CREATE && rows.length === 1 && typeof rows[0].Count === "number") {
    return rows[0].Count;
  }
  return void 0;
}
var wideIntegers = /* @__PURE__ */ new Set([DuckDBTypeId.BIGINT, DuckDBTypeId.UBIGINT, DuckDBTypeId.HUGEINT, DuckDBTypeId.UHUGEINT, DuckDBTypeId.BIGNUM]);
function toSqlValue(value, typeId) {
  if (value === null || value === void 0) return null;
  if (typeof value === "string" && wideIntegers.has(typeId)) return integerValue(value);
  if (typeof value === "string" && typeId === DuckDBTypeId.DECIMAL) return decimalValue2(value);
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}
function integerValue(text) {
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : text;
}
function decimalValue2(text) {
  const number = Number(text);
  return plainDecimal(String(number)) === plainDecimal(text) ? number : text;
}

// src/warehouse/duckdb/duckdb-connection.ts
var DuckDBConnectionPool = class _DuckDBConnectionPool {
  constructor(instance, connections) {
    this.instance = instance;
    this.connections = connections;
    this.idle = [...connections];
  }
  instance;
  connections;
  idle;
  running = /* @__PURE__ */ new Map();
  queue = [];
  closed = false;
  static async open(options) {
    const inMemory = options.path === ":memory:" || options.path === "";
    if (!inMemory) mkdirSync(dirname(resolve(options.path)), { recursive: true });
    let instance;
    try {
      instance = await DuckDBInstance.create(inMemory ? ":memory:" : options.path);
    } catch (error) {
      throw new WarehouseConnectionError(`Could not open DuckDB database '${options.path}': ${messageOf(error)}`, { hint: "check the DuckDB target's path in profiles.yml: a file Sluice may create and write" });
    }
    const size = Math.max(1, Math.floor(options.threads) || 1);
    const connections = await Promise.all(Array.from({ length: size }, () => instance.connect()));
    return new _DuckDBConnectionPool(instance, connections);
  }
  /** Runs one or more statements on the next free connection; the result is the last statement's. */
  run(sql) {
    return this.withConnection(sql, (connection) => connection.run(sql).then(readResult));
  }
  /** Runs `work` with a connection of its own (e.g. temp tables and an appender), queued like a statement. */
  withConnection(label, work) {
    if (this.closed) return Promise.reject(new WarehouseError("The DuckDB connection is closed", label));
    return new Promise((resolve2, reject) => {
      this.queue.push({ sql: label, work, resolve: resolve2, reject });
      this.dispatch();
    });
  }
  /** Interrupts every running statement and rejects those still waiting; resolves once they have stopped. */
  async cancel() {
    const queued = this.queue;
    this.queue = [];
    for (const statement of queued) statement.reject(new WarehouseError("Cancelled before it started", statement.sql));
    const cancelled = [...this.running];
    const interrupt = () => {
      for (const [connection, statement] of cancelled) if (this.running.get(connection) === statement) connection.interrupt();
    };
    interrupt();
    const timer = setInterval(interrupt, 20);
    await Promise.allSettled(cancelled.map(([, statement]) => statement));
    clearInterval(timer);
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.cancel();
    for (const connection of this.connections) connection.closeSync();
    this.instance.closeSync();
  }
  // Starting a statement happens synchronously with taking its connection, so that cancel() always sees
  // a statement either queued or running, never in between.
  dispatch() {
    while (this.idle.length && this.queue.length) {
      const { sql, work, resolve: resolve2, reject } = this.queue.shift();
      const connection = this.idle.pop();
      const statement = work(connection);
      this.running.set(connection, statement);
      statement.then(resolve2, (error) => reject(new WarehouseError(messageOf(error), sql))).finally(() => {
        this.running.delete(connection);
        if (this.closed) return;
        this.idle.push(connection);
        this.dispatch();
      });
    }
  }
};
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

// src/warehouse/duckdb/duckdb-introspector.ts
var DuckDBIntrospector = class {
  constructor(query, dialect, defaultDatabase) {
    this.query = query;
    this.dialect = dialect;
    this.defaultDatabase = defaultDatabase;
  }
  query;
  dialect;
  defaultDatabase;
  // DESCRIBE binds only this relation; information_schema.columns binds every view in the database,
  // which makes it slower the bigger the project.
  async getColumns(relation) {
    let result;
    try {
      result = await this.query(`DESCRIBE ${this.dialect.relationName({ ...relation, database: relation.database ?? this.defaultDatabase })}`);
    } catch (error) {
      if (error instanceof Error && /Catalog Error|does not exist/i.test(error.message)) return null;
      throw error;
    }
    return result.rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
  }
  async getRelationType(relation) {
    const result = await this.query(`SELECT table_type FROM information_schema.tables
WHERE ${this.relationFilter(relation)}`);
    if (!result.rows.length) return null;
    return relationType(result.rows[0].table_type);
  }
  async listSchemas(database) {
    const result = await this.query(
      `SELECT schema_name FROM information_schema.schemata
WHERE ${this.matches("catalog_name", database ?? this.defaultDatabase)}
ORDER BY schema_name`
    );
    return result.rows.map((row) => String(row.schema_name));
  }
  async listRelations(database, schema) {
    const result = await this.query(
      `SELECT table_name, table_type FROM information_schema.tables
WHERE ${this.matches("table_catalog", database ?? this.defaultDatabase)} AND ${this.matches("table_schema", schema)}
ORDER BY table_name`
    );
    return result.rows.map((row) => ({ identifier: String(row.table_name), type: relationType(row.table_type) }));
  }
  relationFilter(relation) {
    return [
      this.matches("table_catalog", relation.database ?? this.defaultDatabase),
      this.matches("table_schema", relation.schema),
      this.matches("table_name", relation.identifier)
    ].join(" AND ");
  }
  matches(column, name) {
    return `lower(${column}) = lower(${this.dialect.literal(name)})`;
  }
};
function relationType(tableType) {
  return tableType === "VIEW" ? "view" : "table";
}

// src/warehouse/duckdb/duckdb-warehouse.ts
var DuckDBWarehouse = class _DuckDBWarehouse {
  constructor(pool, defaultDatabase) {
    this.pool = pool;
    this.defaultDatabase = defaultDatabase;
    this.introspector = new DuckDBIntrospector((sql) => this.query(sql), this.dialect, defaultDatabase);
  }
  pool;
  defaultDatabase;
  dialect = new DuckDBDialect();
  introspector;
  static async open(options) {
    const pool = await DuckDBConnectionPool.open(options);
    try {
      const { rows } = await pool.run("SELECT current_database() AS name");
      return new _DuckDBWarehouse(pool, String(rows[0].name));
    } catch (error) {
      await pool.close();
      throw error;
    }
  }
  async execute(sql) {
    const { rowsAffected: rowsAffected2 } = await this.pool.run(sql);
    return rowsAffected2 === void 0 ? {} : { rowsAffected: rowsAffected2 };
  }
  async query(sql) {
    const { columns, rows } = await this.pool.run(sql);
    return { columns, rows };
  }
  /**
   * Bulk load through DuckDB's appender: the values go into a temporary all-text table, then one
   * INSERT … SELECT casts them to the target's types, exactly as the literal path would.
   */
  insertRows(relation, columns, rows) {
    const target = this.dialect.relationName(relation);
    return this.pool.withConnection(`bulk insert into ${target}`, async (connection) => {
      const staging = `__sluice_load_${Math.random().toString(36).slice(2, 10)}`;
      const quoted = columns.map((column) => this.dialect.quoteIdentifier(column.name));
      await connection.run(`CREATE TEMP TABLE ${this.dialect.quoteIdentifier(staging)} (${quoted.map((name) => `${name} VARCHAR`).join(", ")})`);
      try {
        const appender = await connection.createAppender(staging, "main", "temp");
        for (const row of rows) {
          for (const value of row) {
            if (value === null) appender.appendNull();
            else appender.appendVarchar(String(value));
          }
          appender.endRow();
        }
        appender.closeSync();
        const casts = columns.map((column, index) => `CAST(${quoted[index]} AS ${column.type})`).join(", ");
        await connection.run(`INSERT INTO ${target} (${quoted.join(", ")}) SELECT ${casts} FROM temp.main.${this.dialect.quoteIdentifier(staging)}`);
        return rows.length;
      } finally {
        await connection.run(`DROP TABLE IF EXISTS temp.main.${this.dialect.quoteIdentifier(staging)}`);
      }
    });
  }
  /** One transaction on one connection: every statement, or none of them. */
  transaction(statements, afterStatement) {
    return this.pool.withConnection("transaction", async (connection) => {
      await connection.run("BEGIN TRANSACTION");
      try {
        for (const [index, statement] of statements.entries()) {
          await connection.run(statement);
          afterStatement?.(index + 1);
        }
        await connection.run("COMMIT");
      } catch (error) {
        await connection.run("ROLLBACK").catch(() => void 0);
        throw new WarehouseError(error instanceof Error ? error.message : String(error), statements.join(";\n"));
      }
    });
  }
  getColumns(relation) {
    return this.introspector.getColumns(relation);
  }
  /** DuckDB keeps no table versions: the row count and an order-independent hash of the rows. */
  async inputVersion(relation) {
    if (!await this.getRelationType(relation)) return null;
    const { rows } = await this.query(`select count(*) as n, coalesce(bit_xor(hash(t)), 0) as h from ${this.dialect.relationName(relation)} as t`);
    return `rows:${String(rows[0].n)}:${String(rows[0].h)}`;
  }
  getRelationType(relation) {
    return this.introspector.getRelationType(relation);
  }
  listSchemas(database) {
    return this.introspector.listSchemas(database);
  }
  listRelations(database, schema) {
    return this.introspector.listRelations(database, schema);
  }
  async ping() {
    await this.pool.run("SELECT 1");
  }
  cancel() {
    return this.pool.cancel();
  }
  close() {
    return this.pool.close();
  }
};
export {
  DuckDBWarehouse
};
