/**
 * The snapshot materialization: the first run creates the table from the query with each row's first
 * version; later runs stage the changes (see snapshot-sql.ts), add the columns the query gained, and
 * apply them in the dialect's way — one MERGE on Databricks, an UPDATE and an INSERT in one transaction
 * on DuckDB.
 */
import { SluiceError } from '../errors.js';
import type { Node } from '../project/types.js';
import type { Relation, RelationType, TableOptions, Warehouse } from '../warehouse/warehouse.js';
import type { MaterializeResult } from './materializations.js';
import { snapshotSettings, type SnapshotSettings } from './snapshot-config.js';
import { CHANGE_COLUMN, changeSet, firstSnapshotSelect, snapshotChangesSelect } from './snapshot-sql.js';

export interface SnapshotRun {
  node: Node;
  relation: Relation;
  /** The compiled snapshot query. */
  sql: string;
  existing: RelationType | null;
  /** The time of the snapshot as SQL (the project's `snapshot_get_time()`). */
  now: string;
  /** The table's clauses from the adapter's configs, for its first build. */
  table?: TableOptions;
}

export async function materializeSnapshot(warehouse: Warehouse, run: SnapshotRun): Promise<MaterializeResult> {
  const { dialect } = warehouse;
  const settings = snapshotSettings(run.node);
  const context = { dialect, settings, sql: run.sql, now: run.now };
  if (run.existing === 'view') {
    throw new SluiceError(`Snapshot '${run.node.name}' would write ${dialect.relationName(run.relation)}, which is a view`, {
      file: run.node.originalFilePath,
      hint: 'a snapshot is a table: drop the view, or point the snapshot elsewhere (target_schema, schema, alias)',
    });
  }
  if (!run.existing) {
    const result = await warehouse.execute(dialect.createTableAs(run.relation, firstSnapshotSelect(context), run.table));
    return { message: 'CREATE TABLE', rowsAffected: result.rowsAffected ?? (await countRows(warehouse, run.relation)) };
  }
  const targetColumns = ((await warehouse.getColumns(run.relation)) ?? []).map((column) => column.name);
  assertSnapshotTable(run, settings, targetColumns, dialect.relationName(run.relation));
  const sourceColumns = (await warehouse.query(`SELECT * FROM (\n${run.sql}\n) AS snapshot_query WHERE 1 = 0`)).columns.map((column) => column.name);
  const staging: Relation = { ...run.relation, identifier: `${run.relation.identifier}__dbt_tmp` };
  await warehouse.execute(dialect.createTableAs(staging, snapshotChangesSelect({ ...context, target: run.relation, sourceColumns, targetColumns })));
  try {
    const stagedColumns = (await warehouse.getColumns(staging)) ?? [];
    const held = new Set(targetColumns.map((column) => column.toLowerCase()));
    const written = stagedColumns.filter((column) => column.name.toLowerCase() !== CHANGE_COLUMN);
    // Columns the query gained since the table was made: added, never dropped (as dbt does).
    const added = written.filter((column) => !held.has(column.name.toLowerCase()));
    if (added.length) await warehouse.execute(dialect.addColumns(run.relation, added));
    const counts = await warehouse.query(`SELECT ${dialect.quoteIdentifier(CHANGE_COLUMN)} AS change_kind, count(*) AS n FROM ${dialect.relationName(staging)} GROUP BY 1`);
    const statements = dialect.applySnapshotChanges(run.relation, changeSet(settings, dialect, staging, written.map((column) => column.name)));
    if (statements.length > 1 && warehouse.transaction) await warehouse.transaction(statements);
    else for (const statement of statements) await warehouse.execute(statement);
    const changed = counts.rows.reduce((total, row) => total + Number(row.n ?? 0), 0);
    return { message: 'SNAPSHOT', rowsAffected: changed };
  } finally {
    await warehouse.execute(dialect.dropRelation(staging, 'table'));
  }
}

async function countRows(warehouse: Warehouse, relation: Relation): Promise<number> {
  const result = await warehouse.query(`SELECT count(*) AS row_count FROM ${warehouse.dialect.relationName(relation)}`);
  return Number(result.rows[0]?.row_count ?? 0);
}

/** dbt's check that the table is a snapshot: it has the scd id and validity columns (and, for new_record, the deleted flag). */
function assertSnapshotTable(run: SnapshotRun, settings: SnapshotSettings, targetColumns: string[], name: string): void {
  const held = new Set(targetColumns.map((column) => column.toLowerCase()));
  const needed = [settings.columns.scdId, settings.columns.validFrom, settings.columns.validTo, ...(settings.hardDeletes === 'new_record' ? [settings.columns.isDeleted] : [])];
  const missing = needed.filter((column) => !held.has(column.toLowerCase()));
  if (!missing.length) return;
  throw new SluiceError(`${name} is not a snapshot table of '${run.node.name}': it has no ${missing.join(', ')} column${missing.length === 1 ? '' : 's'}`, {
    file: run.node.originalFilePath,
    hint:
      settings.hardDeletes === 'new_record' && missing.length === 1 && missing[0] === settings.columns.isDeleted
        ? `hard_deletes: new_record needs the ${settings.columns.isDeleted} column: add it to the table first (dbt does not), or start a new snapshot table`
        : 'a snapshot writes only to a table it made: point it at another relation, or drop this one',
  });
}
