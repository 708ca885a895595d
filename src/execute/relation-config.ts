/**
 * The adapter configs that shape a model's table or view, read as dbt-databricks reads them:
 * `partition_by`, `liquid_clustered_by` (or `cluster_by`), `tblproperties`, `location_root`
 * (+ `include_full_name_in_path`), `file_format`, `persist_docs`, `grants`, and the merge's
 * `merge_update_columns`, `merge_exclude_columns`, `incremental_predicates`. Each either changes the SQL
 * or is refused before any SQL runs, naming the model and the key — never accepted and then ignored.
 * Clauses that only Databricks has (partitioning, clustering, properties, location) leave DuckDB's SQL
 * as it is, as dbt-duckdb leaves them.
 */
import { SluiceError } from '../errors.js';
import type { Node } from '../project/types.js';
import type { MergeOptions, Relation, RelationType, SqlDialect, TableOptions, Warehouse } from '../warehouse/warehouse.js';

/** Where a relation is built: production (or a plain target) as dbt would, or a Sluice environment's copy. */
export interface RelationPlacement {
  /** In a pull request's (or promote's audit) environment: grants are left for production, and an external location gets the environment's schema in its path, so it can never be production's. */
  inEnvironment: boolean;
}

function configError(node: Node, key: string, message: string, hint: string): SluiceError {
  return new SluiceError(`Model '${node.name}': ${key} ${message}`, { file: node.originalFilePath, hint });
}

function columnList(node: Node, key: string): string[] {
  const value = node.config[key];
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value as string[];
  throw configError(node, key, `must be a column name or a list of column names, got ${JSON.stringify(value)}`, `e.g. ${key}: ['region', 'order_date']`);
}

function stringMap(node: Node, key: string): Record<string, string> {
  const value = node.config[key];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw configError(node, key, `must be a mapping, got ${JSON.stringify(value)}`, `e.g. ${key}: {'delta.enableChangeDataFeed': 'true'}`);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, item]) => [name, String(item)]));
}

/** The grants a model asks for: privilege → principals (dbt's `grants`, keys may carry a `+`). */
export function wantedGrants(node: Node): Map<string, string[]> {
  const value = node.config.grants;
  const grants = new Map<string, string[]>();
  if (value === undefined || value === null) return grants;
  if (typeof value !== 'object' || Array.isArray(value)) throw configError(node, 'grants', `must be a mapping of privilege to principals, got ${JSON.stringify(value)}`, "e.g. grants: {select: ['analysts']}");
  for (const [privilege, principals] of Object.entries(value as Record<string, unknown>)) {
    const list = principals === null || principals === undefined ? [] : Array.isArray(principals) ? principals : [principals];
    if (!list.every((principal) => typeof principal === 'string')) throw configError(node, 'grants', `lists principals by name: ${privilege} has ${JSON.stringify(principals)}`, "e.g. grants: {select: ['analysts', 'reporting@example.com']}");
    grants.set(privilege.replace(/^\+/, '').toUpperCase().replace(/_/g, ' '), list as string[]);
  }
  return grants;
}

function persistDocs(node: Node): { relation: boolean; columns: boolean } {
  const value = node.config.persist_docs;
  if (value === undefined || value === null) return { relation: false, columns: false };
  if (typeof value !== 'object' || Array.isArray(value)) throw configError(node, 'persist_docs', `must be a mapping, got ${JSON.stringify(value)}`, 'e.g. persist_docs: {relation: true, columns: true}');
  const record = value as Record<string, unknown>;
  return { relation: record.relation === true, columns: record.columns === true };
}

/**
 * Refuses what Sluice cannot do as dbt-databricks does, before any SQL runs: a file format other than
 * Delta (publishing, rollback and pull-request clones rely on Delta's CREATE OR REPLACE, RESTORE and
 * CLONE), and `sql_header` on Databricks (a SQL warehouse runs one statement per request).
 */
export function checkRelationConfig(node: Node, dialect: SqlDialect): void {
  if (node.resourceType !== 'model' && node.resourceType !== 'seed' && node.resourceType !== 'snapshot') return;
  columnList(node, 'partition_by');
  columnList(node, 'liquid_clustered_by');
  columnList(node, 'cluster_by');
  stringMap(node, 'tblproperties');
  wantedGrants(node);
  persistDocs(node);
  mergeOptions(node);
  if (dialect.name !== 'databricks') return;
  const format = node.config.file_format;
  if (format !== undefined && format !== null && String(format).toLowerCase() !== 'delta') {
    throw configError(node, 'file_format', `'${String(format)}' is not supported: Sluice publishes, rolls back and clones Delta tables`, "leave file_format out (Delta is the default) or set file_format: delta");
  }
  if (node.config.sql_header !== undefined && node.config.sql_header !== null && String(node.config.sql_header).trim()) {
    throw configError(node, 'sql_header', 'is not supported on Databricks: a SQL warehouse runs one statement per request, so the header could not share the session with the model', 'put the statement in a pre_hook, or into the model itself (a CTE or a SQL function)');
  }
  if (columnList(node, 'partition_by').length && (columnList(node, 'liquid_clustered_by').length || columnList(node, 'cluster_by').length)) {
    throw configError(node, 'liquid_clustered_by', 'cannot be combined with partition_by: Delta tables are either partitioned or liquid-clustered', 'keep one of the two');
  }
}

/** The clauses of the model's table: Databricks' partitioning, clustering, properties, location and comment. */
export function tableOptions(node: Node, relation: Relation, placement: RelationPlacement): TableOptions {
  const options: TableOptions = {};
  const partitionBy = columnList(node, 'partition_by');
  const clusterBy = [...columnList(node, 'liquid_clustered_by'), ...columnList(node, 'cluster_by')];
  const properties = stringMap(node, 'tblproperties');
  if (partitionBy.length) options.partitionBy = partitionBy;
  if (clusterBy.length) options.clusterBy = clusterBy;
  if (Object.keys(properties).length) options.properties = properties;
  const root = node.config.location_root;
  if (typeof root === 'string' && root) {
    // dbt-databricks: <root>/<alias>, or <root>/<catalog>/<schema>/<alias> with include_full_name_in_path.
    // An environment's copy always takes the full name: its schema keeps it apart from production's files.
    const full = placement.inEnvironment || node.config.include_full_name_in_path === true;
    const parts = full ? [relation.database ?? 'hive_metastore', relation.schema, relation.identifier] : [relation.identifier];
    options.location = [root.replace(/\/+$/, ''), ...parts].join('/');
  }
  if (persistDocs(node).relation && node.description) options.comment = node.description;
  return options;
}

/** The merge's options: which columns a matched row updates, and extra conditions on the target's rows. */
export function mergeOptions(node: Node): MergeOptions {
  const update = columnList(node, 'merge_update_columns');
  const exclude = columnList(node, 'merge_exclude_columns');
  if (update.length && exclude.length) {
    throw configError(node, 'merge_update_columns', 'and merge_exclude_columns cannot both be set', 'keep the one that names fewer columns');
  }
  const predicates = node.config.incremental_predicates;
  const list = predicates === undefined || predicates === null ? [] : Array.isArray(predicates) ? predicates : [predicates];
  if (!list.every((predicate) => typeof predicate === 'string')) {
    throw configError(node, 'incremental_predicates', `must be a list of SQL conditions, got ${JSON.stringify(predicates)}`, "e.g. incremental_predicates: [\"DBT_INTERNAL_DEST.order_date > dateadd(day, -7, current_date)\"]");
  }
  const options: MergeOptions = {};
  if (update.length) options.updateColumns = update;
  if (exclude.length) options.excludeColumns = exclude;
  if (list.length) options.predicates = list as string[];
  return options;
}

/**
 * What follows a create or replace: persist_docs' column comments, then the grants — given where the
 * model asks for them and taken from those it no longer lists, as dbt does (only when `grants` is set).
 * Statements in order; the relation's grants are read only when the model sets some. Statements made
 * before the relation is (re)built say where its columns are (`columnsFrom`) and whether it will be
 * new (`fresh`: no grants to keep).
 */
export async function afterCreateStatements(
  warehouse: Pick<Warehouse, 'dialect' | 'query' | 'getColumns'>,
  node: Node,
  relation: Relation,
  type: RelationType,
  placement: RelationPlacement,
  options: { fresh?: boolean; columnsFrom?: Relation } = {},
): Promise<string[]> {
  const { dialect } = warehouse;
  const statements: string[] = [];
  const docs = persistDocs(node);
  // Databricks writes a table's comment in its CREATE (tableOptions); a view's, and DuckDB's, come after.
  const commentInCreate = type === 'table' && dialect.name === 'databricks';
  if (docs.relation && node.description && !commentInCreate && dialect.commentOn) statements.push(dialect.commentOn(relation, type, node.description));
  if (docs.columns && dialect.commentOn) {
    const documented = Object.values(node.columns).filter((column) => column.description);
    if (documented.length) {
      const existing = new Set(((await warehouse.getColumns(options.columnsFrom ?? relation)) ?? []).map((column) => column.name.toLowerCase()));
      for (const column of documented) if (existing.has(column.name.toLowerCase())) statements.push(dialect.commentOn(relation, type, column.description, column.name));
    }
  }
  const wanted = wantedGrants(node);
  if (!wanted.size || placement.inEnvironment || !dialect.grant || !dialect.showGrants) return statements;
  // A replaced table keeps its grants and an altered view too; a new or re-created one has none.
  const current = options.fresh ? new Map<string, Set<string>>() : await currentGrants(warehouse, relation, type);
  for (const [privilege, principals] of current) {
    const keep = new Set((wanted.get(privilege) ?? []).map((principal) => principal.toLowerCase()));
    for (const principal of principals) if (!keep.has(principal.toLowerCase())) statements.push(dialect.revoke!(relation, type, privilege, principal));
  }
  for (const [privilege, principals] of wanted) {
    const has = new Set([...(current.get(privilege) ?? [])].map((principal) => principal.toLowerCase()));
    for (const principal of principals) if (!has.has(principal.toLowerCase())) statements.push(dialect.grant(relation, type, privilege, principal));
  }
  return statements;
}

/** The privileges granted on the relation itself (not inherited from its schema or catalog; ownership aside). */
async function currentGrants(warehouse: Pick<Warehouse, 'dialect' | 'query'>, relation: Relation, type: RelationType): Promise<Map<string, Set<string>>> {
  const result = await warehouse.query(warehouse.dialect.showGrants!(relation, type));
  const grants = new Map<string, Set<string>>();
  for (const row of result.rows) {
    const objectType = String(row.ObjectType ?? row.object_type ?? '').toUpperCase();
    const privilege = String(row.ActionType ?? row.action_type ?? '').toUpperCase();
    if (objectType !== 'TABLE' && objectType !== 'VIEW') continue;
    if (privilege === 'OWN' || !privilege) continue;
    const set = grants.get(privilege) ?? new Set<string>();
    set.add(String(row.Principal ?? row.principal));
    grants.set(privilege, set);
  }
  return grants;
}
