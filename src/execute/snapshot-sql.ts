/**
 * The SELECTs a snapshot runs, as data dbt would write: the first version of every row when the table
 * does not exist yet, and afterwards a change set — one row per version to insert and per version to
 * close — that the dialect applies (`applySnapshotChanges`). Pure text: the warehouse's differences
 * (hashing, the deleted flag, how changes are applied) come from its dialect.
 *
 * The rules are dbt's (dbt-adapters' snapshot materialization and its adapters'):
 *  - a version's `dbt_scd_id` is md5 of the unique key's values and its `updated_at`, '|'-joined;
 *  - `dbt_updated_at` and `dbt_valid_from` hold `updated_at` — the source column for the timestamp
 *    strategy, the time of the snapshot for the check strategy (unless it sets `updated_at`);
 *  - `dbt_valid_to` is NULL (or `dbt_valid_to_current`) while a version is current;
 *  - a changed row (newer `updated_at`, or a check column that differs, NULLs compared as values) closes
 *    its current version at the new `updated_at` and gets a new version;
 *  - hard deletes: `invalidate` closes the version of a row missing from the source at the time of the
 *    snapshot; `new_record` also inserts a version flagged deleted (its scd id hashes the closed one's and
 *    the time); a row that comes back gets a new version and, under `new_record`, closes the deleted one.
 */
import type { Relation, SnapshotChangeSet, SqlDialect } from '../warehouse/warehouse.js';
import type { SnapshotSettings } from './snapshot-config.js';

/** What the change set's staging table calls the kind of each change: 'insert', 'update' or 'delete'. */
export const CHANGE_COLUMN = 'sluice_change';

const KEY_PREFIX = 'sluice_key_';
const UPDATED_AT = 'sluice_updated_at';

export interface SnapshotQueryContext {
  dialect: SqlDialect;
  settings: SnapshotSettings;
  /** The compiled snapshot query. */
  sql: string;
  /** The snapshot's time, as the project's `snapshot_get_time()` renders it. */
  now: string;
}

/** The expression `updated_at` stands for: the configured column, or the time of the snapshot. */
function updatedAtExpression(context: SnapshotQueryContext): string {
  return context.settings.updatedAt ?? context.now;
}

/** A NULL of `updated_at`'s type (or `dbt_valid_to_current`): what a current version's dbt_valid_to holds. */
function currentValidTo(updatedAt: string, validToCurrent: string | null): string {
  return `CASE WHEN FALSE THEN ${updatedAt} ELSE ${validToCurrent ?? 'NULL'} END`;
}

/** The first run: every row of the query as its first version. */
export function firstSnapshotSelect(context: SnapshotQueryContext): string {
  const { dialect, settings } = context;
  const q = (name: string) => dialect.quoteIdentifier(name);
  const updatedAt = updatedAtExpression(context);
  const meta = [
    `${dialect.snapshotHash([...settings.uniqueKey, updatedAt])} AS ${q(settings.columns.scdId)}`,
    `${updatedAt} AS ${q(settings.columns.updatedAt)}`,
    `${updatedAt} AS ${q(settings.columns.validFrom)}`,
    `${currentValidTo(updatedAt, settings.validToCurrent)} AS ${q(settings.columns.validTo)}`,
  ];
  if (settings.hardDeletes === 'new_record') meta.push(`${dialect.snapshotDeletedFlag(false)} AS ${q(settings.columns.isDeleted)}`);
  // The query goes on lines of its own, so that a trailing `-- comment` in it cannot swallow what follows.
  return `SELECT *,\n  ${meta.join(',\n  ')}\nFROM (\n${context.sql}\n) AS snapshot_query`;
}

/** Whether a version (under `alias`) is current: dbt_valid_to NULL, or dbt_valid_to_current. */
export function isCurrentVersion(dialect: SqlDialect, settings: SnapshotSettings, alias: string): string {
  const validTo = `${alias}.${dialect.quoteIdentifier(settings.columns.validTo)}`;
  return settings.validToCurrent ? `(${validTo} = ${settings.validToCurrent} OR ${validTo} IS NULL)` : `${validTo} IS NULL`;
}

export interface ChangeSetInputs extends SnapshotQueryContext {
  target: Relation;
  /** The snapshot query's columns, in order. */
  sourceColumns: string[];
  /** The snapshot table's columns. */
  targetColumns: string[];
}

/** Case-insensitive lookup of a column name in a list (both warehouses resolve names without case). */
function findColumn(columns: string[], name: string): string | undefined {
  return columns.find((column) => column.toLowerCase() === name.toLowerCase());
}

/**
 * Check strategy: the expression that says a current version differs from the incoming row. A compared
 * column the table does not have yet (the query gained it) makes every row changed, as in dbt.
 */
function checkChanged(inputs: ChangeSetInputs): string {
  const { dialect, settings, sourceColumns, targetColumns } = inputs;
  const wanted = settings.checkCols === 'all' ? sourceColumns : settings.checkCols.map((name) => findColumn(sourceColumns, name) ?? name);
  const compared = wanted.filter((column) => findColumn(targetColumns, column) !== undefined);
  if (compared.length < wanted.length || !compared.length) return 'TRUE';
  return compared
    .map((column) => `current_rows.${dialect.quoteIdentifier(column)} IS DISTINCT FROM incoming.${dialect.quoteIdentifier(column)}`)
    .map((test) => `(${test})`)
    .join(' OR ');
}

/** The SELECT of the change set: one row per version to insert ('insert') or close ('update', 'delete'). */
export function snapshotChangesSelect(inputs: ChangeSetInputs): string {
  const { dialect, settings, sourceColumns, targetColumns } = inputs;
  const q = (name: string) => dialect.quoteIdentifier(name);
  const { columns } = settings;
  const keys = settings.uniqueKey.map((_, index) => `${KEY_PREFIX}${index + 1}`);
  const keyFields = settings.uniqueKey.map((expression, index) => `${expression} AS ${keys[index]}`).join(', ');
  const keysMatch = keys.map((key) => `current_rows.${key} = incoming.${key}`).join(' AND ');
  const newRecord = settings.hardDeletes === 'new_record';
  const tracksDeletes = settings.hardDeletes !== 'ignore';
  const deletedFlag = `current_rows.${q(columns.isDeleted)} = ${dialect.snapshotDeletedFlag(true)}`;
  const changed = settings.strategy === 'timestamp' ? `current_rows.${q(columns.validFrom)} < incoming.${UPDATED_AT}` : checkChanged(inputs);
  // A version to replace: the row changed or, under new_record, the current version says it was deleted.
  const replaced = newRecord ? `(${changed}) OR ${deletedFlag}` : `(${changed})`;
  const incomingColumns = sourceColumns.map((column) => `incoming.${q(column)}`);
  const nulls = sourceColumns.map((column) => `NULL AS ${q(column)}`);
  const closing = (kind: 'update' | 'delete', validTo: string) =>
    [`'${kind}' AS ${CHANGE_COLUMN}`, ...nulls, `current_rows.${q(columns.scdId)} AS ${q(columns.scdId)}`, `NULL AS ${q(columns.updatedAt)}`, `NULL AS ${q(columns.validFrom)}`, `${validTo} AS ${q(columns.validTo)}`, ...(newRecord ? [`NULL AS ${q(columns.isDeleted)}`] : [])];
  const updatedAt = `incoming.${UPDATED_AT}`;
  const branches: string[] = [];
  branches.push(
    [
      'SELECT',
      `  ${[
        `'insert' AS ${CHANGE_COLUMN}`,
        ...incomingColumns,
        `${dialect.snapshotHash([...keys.map((key) => `incoming.${key}`), updatedAt])} AS ${q(columns.scdId)}`,
        `${updatedAt} AS ${q(columns.updatedAt)}`,
        `${updatedAt} AS ${q(columns.validFrom)}`,
        `${currentValidTo(updatedAt, settings.validToCurrent)} AS ${q(columns.validTo)}`,
        ...(newRecord ? [`${dialect.snapshotDeletedFlag(false)} AS ${q(columns.isDeleted)}`] : []),
      ].join(',\n  ')}`,
      `FROM incoming LEFT JOIN current_rows ON ${keysMatch}`,
      `WHERE current_rows.${keys[0]} IS NULL OR ${replaced}`,
    ].join('\n'),
  );
  branches.push(['SELECT', `  ${closing('update', updatedAt).join(',\n  ')}`, `FROM incoming JOIN current_rows ON ${keysMatch}`, `WHERE ${replaced}`].join('\n'));
  if (tracksDeletes) {
    // Under new_record, a row whose current version already says deleted stays as it is.
    const strictlyCurrent = settings.validToCurrent ? `current_rows.${q(columns.validTo)} = ${settings.validToCurrent}` : `current_rows.${q(columns.validTo)} IS NULL`;
    const missing = `incoming.${keys[0]} IS NULL${newRecord ? ` AND NOT (${deletedFlag} AND ${strictlyCurrent})` : ''}`;
    branches.push(['SELECT', `  ${closing('delete', inputs.now).join(',\n  ')}`, `FROM current_rows LEFT JOIN incoming ON ${keysMatch}`, `WHERE ${missing}`].join('\n'));
    if (newRecord) {
      // The deleted version repeats the last values the table holds (NULL for a column it lacks).
      const lastValues = sourceColumns.map((column) => {
        const held = findColumn(targetColumns, column);
        return held ? `current_rows.${q(held)} AS ${q(column)}` : `NULL AS ${q(column)}`;
      });
      branches.push(
        [
          'SELECT',
          `  ${[
            `'insert' AS ${CHANGE_COLUMN}`,
            ...lastValues,
            `${dialect.snapshotHash([`current_rows.${q(columns.scdId)}`, inputs.now])} AS ${q(columns.scdId)}`,
            `${inputs.now} AS ${q(columns.updatedAt)}`,
            `${inputs.now} AS ${q(columns.validFrom)}`,
            `current_rows.${q(columns.validTo)} AS ${q(columns.validTo)}`,
            `${dialect.snapshotDeletedFlag(true)} AS ${q(columns.isDeleted)}`,
          ].join(',\n  ')}`,
          `FROM current_rows LEFT JOIN incoming ON ${keysMatch}`,
          `WHERE ${missing}`,
        ].join('\n'),
      );
    }
  }
  const ctes = [
    `snapshot_query AS (\n${inputs.sql}\n)`,
    `incoming AS (\n  SELECT *, ${keyFields}, ${updatedAtExpression(inputs)} AS ${UPDATED_AT}\n  FROM snapshot_query\n)`,
    `current_rows AS (\n  SELECT *, ${keyFields}\n  FROM ${dialect.relationName(inputs.target)} AS snapshotted\n  WHERE ${isCurrentVersion(dialect, settings, 'snapshotted')}\n)`,
  ];
  return `WITH ${ctes.join(',\n')}\n${branches.join('\nUNION ALL\n')}`;
}

/** The change set as the dialect applies it. */
export function changeSet(settings: SnapshotSettings, dialect: SqlDialect, changes: Relation, insertColumns: string[]): SnapshotChangeSet {
  return {
    changes,
    changeColumn: CHANGE_COLUMN,
    scdIdColumn: settings.columns.scdId,
    validToColumn: settings.columns.validTo,
    insertColumns,
    isCurrent: (alias) => isCurrentVersion(dialect, settings, alias),
  };
}
