/**
 * The data-aware impact scenario (issue 15), added to a project written by generate-project.js: a hub
 * model read by 20 descendants, of which 3 read its column `c_x` and the others read other columns of it
 * (by name, through a `select *` over a CTE that picks other columns, after a join, in aggregates, or
 * downstream of such a reader). Changing `c_x` in the hub must rebuild the hub, its 3 readers of `c_x`
 * and the readers of the columns those 3 change — and defer every other descendant.
 *
 * Each descendant declares, next to its SQL, what it reads of each parent and where each of its columns
 * comes from. `expectedImpact` walks that declaration (not Sluice's lineage code) to say which models a
 * change to the hub's `c_x` reaches, so that the scenario's expectation is independent of the code it checks.
 *
 *   const scenario = addImpactScenario(dir, { other: 'stg_crm__accounts' });
 *   createSourceTablesSql([SOURCE], rows)   // the hub's source table, in the warehouse
 *   changeHubColumn(dir, scenario);
 *   expectedImpact(scenario) // → { built: [...], deferred: [...] }
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const HUB = 'impact_hub';
/** The hub's own source table, with the generator's five columns: its size is the scenario's. */
export const SOURCE = { source: 'impact', schema: 'raw_impact', table: 'orders' };
/** The hub's column whose values the change alters. */
export const CHANGED_COLUMN = 'c_x';
/** How many models `addImpactScenario` writes: the hub and its descendants. */
export const SCENARIO_MODELS = 21;

const HUB_COLUMNS = ['id', 'account_id', 'amount', 'status', 'updated_at', 'c_x', 'c_y', 'c_z'];
const HUB_SELECT = 'c_x, c_y, c_z from derived';
const HUB_SELECT_CHANGED = 'c_x + 1 as c_x, c_y, c_z from derived';

const ref = (name) => `{{ ref('${name}') }}`;
const table = "{{ config(materialized='table') }}\n";
const view = "{{ config(materialized='view') }}\n";
/** Same-name columns taken from one parent. */
const from = (parent, columns) => Object.fromEntries(columns.map((column) => [column, [`${parent}.${column}`]]));

/**
 * The hub's descendants, parents before children. `reads`: parent → the columns the SQL names of it, or
 * '*' when it selects every column of it. `columns`: each output column → the parent columns its values
 * come from ([] for a row count). `key`: the column the unique and not_null tests are on (the diff's key).
 */
function descendants(other) {
  const hub = HUB;
  return [
    // The 3 readers of c_x.
    { name: 'impact_x_passthrough', key: 'id', sql: `${table}select id, c_x, c_y from ${ref(hub)}\n`,
      reads: { [hub]: ['id', 'c_x', 'c_y'] }, columns: from(hub, ['id', 'c_x', 'c_y']) },
    // dbt's import CTE: a * over the hub that reads only what the model names later.
    { name: 'impact_x_scaled', key: 'id', sql: `${table}with hub as (\n    select * from ${ref(hub)}\n)\n\nselect hub.id, hub.c_x * 10 as x_scaled, hub.c_z from hub\n`,
      reads: { [hub]: ['id', 'c_x', 'c_z'] }, columns: { ...from(hub, ['id', 'c_z']), x_scaled: [`${hub}.c_x`] } },
    { name: 'impact_x_totals', key: 'account_id', sql: `${table}select account_id, sum(c_x) as x_total, count(*) as orders\nfrom ${ref(hub)}\ngroup by account_id\n`,
      reads: { [hub]: ['account_id', 'c_x'] }, columns: { ...from(hub, ['account_id']), x_total: [`${hub}.c_x`], orders: [] } },

    // Readers of the 3: of a changed column (by name, through *), or of unchanged ones only.
    { name: 'impact_x_plus_y', key: 'id', sql: `${table}select id, c_x + c_y as x_plus_y from ${ref('impact_x_passthrough')}\n`,
      reads: { impact_x_passthrough: ['id', 'c_x', 'c_y'] }, columns: { id: ['impact_x_passthrough.id'], x_plus_y: ['impact_x_passthrough.c_x', 'impact_x_passthrough.c_y'] } },
    { name: 'impact_y_of_passthrough', key: 'id', sql: `${table}select id, c_y from ${ref('impact_x_passthrough')}\nwhere c_y >= 0\n`,
      reads: { impact_x_passthrough: ['id', 'c_y'] }, columns: from('impact_x_passthrough', ['id', 'c_y']) },
    { name: 'impact_x_scaled_all', key: 'id', sql: `${table}select * from ${ref('impact_x_scaled')}\n`,
      reads: { impact_x_scaled: '*' }, columns: from('impact_x_scaled', ['id', 'x_scaled', 'c_z']) },
    { name: 'impact_z_of_scaled', key: 'id', sql: `${view}select id, c_z from ${ref('impact_x_scaled')}\n`,
      reads: { impact_x_scaled: ['id', 'c_z'] }, columns: from('impact_x_scaled', ['id', 'c_z']) },
    { name: 'impact_orders_per_account', key: 'account_id', sql: `${table}select account_id, orders from ${ref('impact_x_totals')}\n`,
      reads: { impact_x_totals: ['account_id', 'orders'] }, columns: from('impact_x_totals', ['account_id', 'orders']) },
    // A row count of a rebuilt model whose rows did not change, and a reader of a rebuilt model's key only.
    { name: 'impact_scaled_row_count', key: null, sql: `${table}select count(*) as scaled_rows from ${ref('impact_x_scaled_all')}\n`,
      reads: { impact_x_scaled_all: [] }, columns: { scaled_rows: [] } },
    { name: 'impact_x_plus_y_ids', key: 'id', sql: `${table}select id from ${ref('impact_x_plus_y')}\nwhere id > 10\n`,
      reads: { impact_x_plus_y: ['id'] }, columns: from('impact_x_plus_y', ['id']) },

    // Readers of the hub that read other columns.
    { name: 'impact_amounts', key: 'id', sql: `${table}with hub as (\n    select * from ${ref(hub)}\n)\n\nselect id, amount, c_z from hub\n`,
      reads: { [hub]: ['id', 'amount', 'c_z'] }, columns: from(hub, ['id', 'amount', 'c_z']) },
    { name: 'impact_status_counts', key: 'status', sql: `${view}select status, count(*) as orders from ${ref(hub)}\ngroup by status\n`,
      reads: { [hub]: ['status'] }, columns: { ...from(hub, ['status']), orders: [] } },
    { name: 'impact_y_via_cte', key: 'id', sql: `${table}with picked as (\n    select id, c_y from ${ref(hub)}\n)\n\nselect * from picked\n`,
      reads: { [hub]: ['id', 'c_y'] }, columns: from(hub, ['id', 'c_y']) },
    { name: 'impact_joined', key: 'id', sql: `${table}select h.id, h.c_y, a.amount as account_amount\nfrom ${ref(hub)} as h\nleft join ${ref(other)} as a on h.id = a.id\n`,
      reads: { [hub]: ['id', 'c_y'], [other]: ['id', 'amount'] }, columns: { ...from(hub, ['id', 'c_y']), account_amount: [`${other}.amount`] } },
    { name: 'impact_recent', key: 'id', sql: `${table}select id, status, updated_at from ${ref(hub)}\nwhere updated_at >= '2021-02-01'\n`,
      reads: { [hub]: ['id', 'status', 'updated_at'] }, columns: from(hub, ['id', 'status', 'updated_at']) },
    { name: 'impact_max_amount', key: 'account_id', sql: `${table}select account_id, max(amount) as max_amount, max(c_z) as max_z\nfrom ${ref(hub)}\ngroup by account_id\n`,
      reads: { [hub]: ['account_id', 'amount', 'c_z'] }, columns: { ...from(hub, ['account_id']), max_amount: [`${hub}.amount`], max_z: [`${hub}.c_z`] } },

    // Downstream of those: deferred with their parents.
    { name: 'impact_amounts_all', key: 'id', sql: `${table}select * from ${ref('impact_amounts')}\n`,
      reads: { impact_amounts: '*' }, columns: from('impact_amounts', ['id', 'amount', 'c_z']) },
    { name: 'impact_joined_y', key: 'id', sql: `${table}select id, c_y, account_amount from ${ref('impact_joined')}\n`,
      reads: { impact_joined: ['id', 'c_y', 'account_amount'] }, columns: from('impact_joined', ['id', 'c_y', 'account_amount']) },
    { name: 'impact_status_all', key: 'status', sql: `${table}select * from ${ref('impact_status_counts')}\n`,
      reads: { impact_status_counts: '*' }, columns: from('impact_status_counts', ['status', 'orders']) },
    // Two parents: a rebuilt reader of c_x (of which it reads unchanged columns) and a deferred model.
    { name: 'impact_y_and_amount', key: 'id', sql: `${table}select p.id, p.c_y, a.amount\nfrom ${ref('impact_x_passthrough')} as p\ninner join ${ref('impact_amounts')} as a on p.id = a.id\n`,
      reads: { impact_x_passthrough: ['id', 'c_y'], impact_amounts: ['id', 'amount'] }, columns: { ...from('impact_x_passthrough', ['id', 'c_y']), amount: ['impact_amounts.amount'] } },
  ];
}

function hubSql() {
  return `${table}with source as (

    select * from {{ source('${SOURCE.source}', '${SOURCE.table}') }}

),

derived as (

    select
        id,
        account_id,
        amount,
        status,
        updated_at,
        id % 7 as c_x,
        id % 11 as c_y,
        amount * 2 as c_z
    from source

)

select id, account_id, amount, status, updated_at, ${HUB_SELECT}
`;
}

function propertiesYaml(models) {
  const lines = ['version: 2', '', 'models:'];
  for (const model of models) {
    if (!model.key) continue;
    lines.push(`  - name: ${model.name}`, '    columns:', `      - name: ${model.key}`, '        data_tests:', '          - unique', '          - not_null');
  }
  return lines.join('\n') + '\n';
}

/**
 * Writes the hub (reading its own source, SOURCE) and its 20 descendants (one joins `other`, a model of
 * the project with the generator's five columns) into models/impact/ of the project at `dir`. The
 * source table is created by `createSourceTablesSql([SOURCE], rows)`.
 */
export function addImpactScenario(dir, { other }) {
  const hub = { name: HUB, key: 'id', sql: hubSql(), reads: {}, columns: {} };
  const models = [hub, ...descendants(other)];
  const folder = join(dir, 'models', 'impact');
  mkdirSync(folder, { recursive: true });
  for (const model of models) writeFileSync(join(folder, `${model.name}.sql`), model.sql);
  writeFileSync(join(folder, '_impact__models.yml'), propertiesYaml(models));
  writeFileSync(join(folder, '_impact__sources.yml'), `version: 2\n\nsources:\n  - name: ${SOURCE.source}\n    schema: ${SOURCE.schema}\n    tables:\n      - name: ${SOURCE.table}\n`);
  return { hub: HUB, column: CHANGED_COLUMN, hubColumns: HUB_COLUMNS, models, source: SOURCE };
}

/** Changes the values of the hub's `c_x` (`c_x + 1 as c_x`), nothing else: same rows, same type. */
export function changeHubColumn(dir) {
  const path = join(dir, 'models', 'impact', `${HUB}.sql`);
  const sql = readFileSync(path, 'utf8');
  if (!sql.includes(HUB_SELECT)) throw new Error(`${path} does not select '${HUB_SELECT}': already changed?`);
  writeFileSync(path, sql.replace(HUB_SELECT, HUB_SELECT_CHANGED));
}

/**
 * Which models the change to the hub's `c_x` must rebuild, from the declared reads and column sources:
 * a descendant is rebuilt when it reads a changed column of a rebuilt parent (by name, or every column
 * through '*'); its changed columns are those whose values come from a changed column. The rows of no
 * model change (no filter, join or grouping reads a changed column), and the declarations say so: a
 * model that filtered on a changed column would be listed as reading it.
 */
export function expectedImpact(scenario) {
  const changed = new Map([[scenario.hub, new Set([scenario.column])]]);
  const built = [scenario.hub];
  const deferred = [];
  for (const model of scenario.models.slice(1)) {
    const reached = Object.entries(model.reads).some(([parent, columns]) => {
      const changedOfParent = changed.get(parent) ?? new Set();
      return columns === '*' ? changedOfParent.size > 0 : columns.some((column) => changedOfParent.has(column));
    });
    if (!reached) {
      deferred.push(model.name);
      continue;
    }
    built.push(model.name);
    const columns = new Set();
    for (const [column, sources] of Object.entries(model.columns)) {
      if (sources.some((source) => {
        const [parent, name] = source.split('.');
        return changed.get(parent)?.has(name);
      })) columns.add(column);
    }
    changed.set(model.name, columns);
  }
  return { built, deferred, changedColumns: changed };
}
