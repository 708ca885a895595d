/**
 * Materializations: how a compiled SELECT becomes a relation. view, table, incremental (merge,
 * delete+insert, append) and seed, in the warehouse's dialect. Ephemeral models never get here.
 */
import { readFileSync } from 'node:fs';
import { SluiceError } from '../errors.js';
import { uniqueKeyColumns } from '../project/config.js';
import { readSeedCsv, seedColumnSqlType, seedRowsToLiterals, type SeedTable } from '../project/seed-csv.js';
import type { Node } from '../project/types.js';
import type { Column, IncrementalStrategy, Relation, RelationType, Warehouse } from '../warehouse/warehouse.js';
import { afterCreateStatements, mergeOptions, tableOptions, type RelationPlacement } from './relation-config.js';

export interface MaterializeResult {
  /** e.g. `CREATE TABLE`, `MERGE`, `INSERT`. */
  message: string;
  rowsAffected?: number;
}

const SEED_BATCH_ROWS = 500;

/** Creates a relation's schema once per run; concurrent callers share the one statement (two would conflict). */
export function ensureSchema(warehouse: Warehouse, relation: Relation, created: Map<string, Promise<unknown>>): Promise<unknown> {
  const key = `${relation.database ?? ''}.${relation.schema}`;
  let creating = created.get(key);
  if (!creating) {
    creating = warehouse.execute(warehouse.dialect.createSchema(relation.database, relation.schema));
    created.set(key, creating);
  }
  return creating;
}

async function replaceType(warehouse: Warehouse, relation: Relation, existing: RelationType | null, wanted: RelationType): Promise<void> {
  if (existing && existing !== wanted) await warehouse.execute(warehouse.dialect.dropRelation(relation, existing));
}

async function countRows(warehouse: Warehouse, relation: Relation): Promise<number> {
  const result = await warehouse.query(`select count(*) as row_count from ${warehouse.dialect.relationName(relation)}`);
  return Number(result.rows[0]?.row_count ?? 0);
}

/** What a materialization needs of the model besides its SQL: its configs, and where it is built. */
export interface Materializing {
  node: Node;
  relation: Relation;
  sql: string;
  existing: RelationType | null;
  placement: RelationPlacement;
}

/** A view's SQL: a view that exists is altered in place (it keeps its privileges and never goes missing). */
export function viewStatement(dialect: Warehouse['dialect'], relation: Relation, sql: string, existing: RelationType | null): string {
  return existing === 'view' && dialect.alterViewAs ? dialect.alterViewAs(relation, sql) : dialect.createViewAs(relation, sql);
}

export async function materializeView(warehouse: Warehouse, model: Materializing): Promise<MaterializeResult> {
  await replaceType(warehouse, model.relation, model.existing, 'view');
  await warehouse.execute(viewStatement(warehouse.dialect, model.relation, model.sql, model.existing));
  await applyAfterCreate(warehouse, model, 'view');
  return { message: 'CREATE VIEW' };
}

export async function materializeTable(warehouse: Warehouse, model: Materializing): Promise<MaterializeResult> {
  const { relation } = model;
  await replaceType(warehouse, relation, model.existing, 'table');
  const result = await warehouse.execute(warehouse.dialect.createTableAs(relation, model.sql, tableOptions(model.node, relation, model.placement)));
  await applyAfterCreate(warehouse, model, 'table');
  return { message: 'CREATE TABLE', rowsAffected: result.rowsAffected ?? (await countRows(warehouse, relation)) };
}

/** persist_docs and grants, after the relation is (re)built. */
export async function applyAfterCreate(warehouse: Warehouse, model: Pick<Materializing, 'node' | 'relation' | 'placement'>, type: RelationType): Promise<void> {
  for (const statement of await afterCreateStatements(warehouse, model.node, model.relation, type, model.placement)) await warehouse.execute(statement);
}

/** The strategy a node asks for, checked against what the warehouse can do. */
export function incrementalStrategy(node: Node, warehouse: Warehouse): IncrementalStrategy {
  const { dialect } = warehouse;
  const wanted = String(node.config.incremental_strategy ?? dialect.defaultIncrementalStrategy) as IncrementalStrategy;
  if (!dialect.incrementalStrategies.includes(wanted)) {
    throw new SluiceError(`incremental_strategy '${wanted}' is not available on ${dialect.name}`, {
      file: node.originalFilePath,
      hint: `use one of: ${dialect.incrementalStrategies.join(', ')}`,
    });
  }
  return wanted;
}

/** An incremental model whose table exists: stage the new rows, reconcile columns, apply the strategy. */
export async function materializeIncremental(warehouse: Warehouse, model: Materializing): Promise<MaterializeResult> {
  const { node, relation, sql } = model;
  const { dialect } = warehouse;
  const strategy = incrementalStrategy(node, warehouse);
  const staging: Relation = { ...relation, identifier: `${relation.identifier}__dbt_tmp` };
  await warehouse.execute(dialect.createTableAs(staging, sql));
  try {
    const targetColumns = (await warehouse.getColumns(relation)) ?? [];
    const stagingColumns = (await warehouse.getColumns(staging)) ?? [];
    const columns = await reconcileColumns(warehouse, node, relation, targetColumns, stagingColumns);
    const keys = uniqueKeyColumns(node.config);
    const options = mergeOptions(node);
    let rowsAffected: number | undefined;
    if (strategy === 'merge' && keys.length) {
      rowsAffected = (await warehouse.execute(dialect.merge(relation, staging, keys, columns, options))).rowsAffected;
    } else if (strategy === 'delete+insert' && keys.length) {
      for (const statement of dialect.deleteInsert(relation, staging, keys, columns, options)) rowsAffected = (await warehouse.execute(statement)).rowsAffected;
    } else {
      rowsAffected = (await warehouse.execute(dialect.insertFrom(relation, staging, columns))).rowsAffected;
    }
    await applyAfterCreate(warehouse, model, 'table');
    return { message: strategy === 'merge' && keys.length ? 'MERGE' : 'INSERT', rowsAffected };
  } finally {
    await warehouse.execute(dialect.dropRelation(staging, 'table'));
  }
}

/** on_schema_change: ignore (shared columns only), append_new_columns, sync_all_columns, fail. */
async function reconcileColumns(warehouse: Warehouse, node: Node, relation: Relation, target: Column[], staged: Column[]): Promise<string[]> {
  const mode = String(node.config.on_schema_change ?? 'ignore');
  const targetNames = new Set(target.map((column) => column.name.toLowerCase()));
  const stagedNames = new Set(staged.map((column) => column.name.toLowerCase()));
  const added = staged.filter((column) => !targetNames.has(column.name.toLowerCase()));
  const removed = target.filter((column) => !stagedNames.has(column.name.toLowerCase()));
  if (!added.length && !removed.length) return staged.map((column) => column.name);
  if (mode === 'fail') {
    throw new SluiceError(`The columns of incremental model '${node.name}' changed (added: ${added.map((c) => c.name).join(', ') || 'none'}; removed: ${removed.map((c) => c.name).join(', ') || 'none'})`, {
      file: node.originalFilePath,
      hint: "set on_schema_change to 'append_new_columns' or 'sync_all_columns', or run with --full-refresh",
    });
  }
  if (mode === 'append_new_columns' || mode === 'sync_all_columns') {
    if (added.length) await warehouse.execute(warehouse.dialect.addColumns(relation, added));
    // sync_all_columns also removes what the model no longer returns, as dbt does.
    if (mode === 'sync_all_columns' && removed.length) {
      for (const statement of warehouse.dialect.dropColumns(relation, removed.map((column) => column.name))) await warehouse.execute(statement);
    }
    return staged.map((column) => column.name);
  }
  return staged.filter((column) => targetNames.has(column.name.toLowerCase())).map((column) => column.name);
}

/** Reads and checks a seed's CSV: called for every selected seed before anything runs, so a bad file stops the command. */
export function readSeed(node: Node): SeedTable {
  return readSeedCsv(node.originalFilePath, readFileSync(node.absolutePath, 'utf8'), {
    delimiter: node.config.delimiter as string | undefined,
    columnTypes: node.config.column_types as Record<string, string> | undefined,
  });
}

export async function materializeSeed(warehouse: Warehouse, table: SeedTable, relation: Relation, fullRefresh: boolean, existing: RelationType | null): Promise<MaterializeResult> {
  const { dialect } = warehouse;
  const columns: Column[] = table.columns.map((column) => ({ name: column.name, type: seedColumnSqlType(column, dialect) }));
  const existingColumns = existing === 'table' ? await warehouse.getColumns(relation) : null;
  const sameShape =
    existingColumns !== null &&
    existingColumns.length === columns.length &&
    existingColumns.every((column, index) => column.name.toLowerCase() === columns[index].name.toLowerCase());
  let message = 'INSERT';
  if (!fullRefresh && sameShape) {
    await warehouse.execute(`delete from ${dialect.relationName(relation)}`);
  } else {
    if (existing) await warehouse.execute(dialect.dropRelation(relation, existing));
    await warehouse.execute(dialect.createTable(relation, columns));
    message = 'CREATE';
  }
  if (warehouse.insertRows) {
    await warehouse.insertRows(relation, columns, table.rows);
    return { message, rowsAffected: table.rows.length };
  }
  const literals = seedRowsToLiterals(table, dialect);
  const names = columns.map((column) => column.name);
  for (let start = 0; start < literals.length; start += SEED_BATCH_ROWS) {
    await warehouse.execute(dialect.insertValues(relation, names, literals.slice(start, start + SEED_BATCH_ROWS)));
  }
  return { message, rowsAffected: table.rows.length };
}
