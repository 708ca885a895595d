/**
 * The names a catalog accepts for what it stores. Unity Catalog (docs.databricks.com, sql-ref-names and
 * "Unity Catalog requirements and limitations"): at most 255 characters, and no period, space, forward
 * slash, ASCII control character (00–1F) or DELETE (7F), even in backticks; names are stored lower-case
 * (the emulator lower-cases them where it resolves them). Column names may hold any character (an empty one
 * DuckDB already refuses). The legacy hive_metastore is stricter, not laxer: Spark's session catalog takes schema, table and
 * view names of ASCII letters, digits and underscores only (the docs: "Schemas created in hive_metastore
 * can only contain alphanumeric ASCII characters and underscores").
 *
 * Unity Catalog refuses a name in its service, and the SQL warehouse passes the service's error on: the
 * wording below is the service's as public reports quote it (`Invalid input: RPC CreateTable Field
 * managedcatalog.ColumnInfo.name: … name "" is not a valid name`, `CreateTable … too long. Maximum length is
 * 255 characters.`, error classes INVALID_PARAMETER_VALUE and INVALID_PARAMETER_VALUE.INVALID_FIELD_LENGTH).
 * The warehouse prefixes it with `[RequestId=… ErrorClass=…]`; the emulator writes the class the way it
 * writes every class, `[CLASS] … SQLSTATE: …`, and its SQLSTATE (22023, as for INVALID_PARAMETER_VALUE's
 * other subclasses) is not confirmed for these two.
 */
import { DatabricksSqlError } from './databricks-errors.js';

export type NamedObject = 'catalog' | 'schema' | 'relation';

const HIVE_METASTORE = 'hive_metastore';
const MAX_LENGTH = 255;
// Period, space, slash, 00–1F and 7F.
const FORBIDDEN = /[. /\u0000-\u001f\u007f]/;
const HIVE_NAME = /^[A-Za-z0-9_]+$/;

// The service call and field Unity Catalog names in its refusal.
const SERVICE_FIELDS: Record<NamedObject, { rpc: string; field: string }> = {
  catalog: { rpc: 'CreateCatalog', field: 'managedcatalog.CatalogInfo.name' },
  schema: { rpc: 'CreateSchema', field: 'managedcatalog.SchemaInfo.name' },
  relation: { rpc: 'CreateTable', field: 'managedcatalog.TableInfo.name' },
};

/**
 * Refuses the name of a catalog, schema, table or view being created (or a relation's new name) in
 * `catalog` as that catalog would; `rpc` names the service call when it is not a create (a rename).
 */
export function checkObjectName(catalog: string, object: NamedObject, name: string, rpc?: string): void {
  if (catalog === HIVE_METASTORE && object !== 'catalog') {
    if (!HIVE_NAME.test(name)) {
      throw new DatabricksSqlError(
        'INVALID_SCHEMA_OR_RELATION_NAME',
        `\`${name.replaceAll('`', '``')}\` is not a valid name for tables/schemas. Valid names only contain alphabet characters, numbers and _.`,
        '42602',
      );
    }
    return;
  }
  const service = { ...SERVICE_FIELDS[object], ...(rpc ? { rpc } : {}) };
  if (name.length > MAX_LENGTH) {
    throw new DatabricksSqlError('INVALID_PARAMETER_VALUE.INVALID_FIELD_LENGTH', `${service.rpc} ${object === 'relation' ? 'table' : object}.name too long. Maximum length is ${MAX_LENGTH} characters.`, '22023');
  }
  if (!name.length || FORBIDDEN.test(name)) {
    throw new DatabricksSqlError(
      'INVALID_PARAMETER_VALUE',
      `Invalid input: RPC ${service.rpc} Field ${service.field}: name ${JSON.stringify(name)} is not a valid name. Valid names cannot contain spaces, periods, forward slashes, or control characters.`,
      '22023',
    );
  }
}

