/**
 * Unit tests in dbt's YAML format: the model's SQL runs in the warehouse with each `given` input replaced
 * by a CTE of fixture rows (typed like the real input relation), and its rows are compared with `expect`
 * as multisets on the expected columns.
 */
import { SluiceError } from '../errors.js';
import type { Node, UnitTestInput } from '../project/types.js';
import type { Renderer } from '../templating/renderer.js';
import type { Column, SqlValue, Warehouse } from '../warehouse/warehouse.js';
import { injectCtes } from './compile-node.js';
import type { RefIndex } from '../graph/build-graph.js';

export interface UnitTestOutcome {
  status: 'pass' | 'fail';
  failures: number;
  message: string | null;
  sql: string;
}

interface ParsedInput {
  key: string;
  cte: string;
  node: Node;
}

function parseInput(test: Node, model: Node, input: string, refs: RefIndex): ParsedInput {
  const place = { file: test.yamlPlace?.file ?? test.originalFilePath, line: test.yamlPlace?.line };
  if (input === 'this') return { key: 'this', cte: `__dbt__cte__${model.name}`, node: model };
  const ref = /^ref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?(?:,\s*v(?:ersion)?\s*=\s*['"]?([\w.]+)['"]?\s*)?\)$/.exec(input);
  if (ref) {
    const call = ref[2] ? { package: ref[1], name: ref[2], version: ref[3] } : { name: ref[1], version: ref[3] };
    const node = refs.resolveRef(test, call);
    const key = `ref:${call.package ? `${call.package}.` : ''}${call.name}${call.version ? `.v${call.version}` : ''}`;
    return { key, cte: `__dbt__cte__${node.name}`, node };
  }
  const source = /^source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)$/.exec(input);
  if (source) {
    const node = refs.resolveSource(test, source[1], source[2]);
    return { key: `source:${source[1]}.${source[2]}`, cte: `__dbt__cte__${source[1]}__${source[2]}`, node };
  }
  throw new SluiceError(`Unit test input '${input}' is not ref(...), source(...) or this`, { ...place, hint: "write input: ref('model_name')" });
}

/** `select cast(v as type) as col, … union all …` for fixture rows; missing columns are typed nulls. */
export function fixtureSql(warehouse: Warehouse, columns: Column[], rows: Array<Record<string, unknown>>): string {
  const { dialect } = warehouse;
  const lookup = (row: Record<string, unknown>, name: string) => {
    const key = Object.keys(row).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    return key === undefined ? null : row[key];
  };
  const selectRow = (row: Record<string, unknown> | undefined) =>
    'select ' +
    columns
      .map((column) => {
        const value = row ? lookup(row, column.name) : null;
        return `${dialect.cast(dialect.literal(toSqlValue(value)), column.type)} as ${dialect.quoteIdentifier(column.name)}`;
      })
      .join(', ');
  if (!rows.length) return `${selectRow(undefined)} where 1 = 0`;
  return rows.map(selectRow).join('\nunion all\n');
}

function toSqlValue(value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace('Z', '');
  return JSON.stringify(value);
}

export async function runUnitTest(
  test: Node,
  model: Node,
  warehouse: Warehouse,
  renderer: Renderer,
  refs: RefIndex,
  relationOf: (node: Node) => import('../warehouse/warehouse.js').Relation,
): Promise<UnitTestOutcome> {
  const definition = test.unitTest!;
  const place = { file: test.yamlPlace?.file ?? test.originalFilePath, line: test.yamlPlace?.line };
  const ctes: Array<[string, string]> = [];
  const inputs = new Map<string, string>();
  for (const given of definition.given) {
    const parsed = parseInput(test, model, given.input, refs);
    inputs.set(parsed.key, parsed.cte);
    ctes.push([parsed.cte, await inputSql(warehouse, given, parsed, relationOf, place)]);
  }
  const isIncrementalOverride = definition.overrides.macros.is_incremental;
  if (model.config.materialized === 'incremental' && isIncrementalOverride === undefined) {
    throw new SluiceError(`Unit test '${test.name}' tests incremental model '${model.name}' without overriding is_incremental`, {
      ...place,
      hint: 'add overrides: {macros: {is_incremental: false}} (or true, with a given input for this)',
    });
  }
  const modelSql = await renderer.render(model, {
    warehouse,
    isIncremental: Boolean(isIncrementalOverride),
    unitTest: { inputs, macroOverrides: definition.overrides.macros, varOverrides: definition.overrides.vars, envOverrides: definition.overrides.env_vars },
  });
  const actualSql = injectCtes(modelSql, ctes);
  const { dialect } = warehouse;
  const actualColumns = (await warehouse.query(`select * from (\n${actualSql}\n) as sluice_actual where 1 = 0`)).columns;
  const expectSql = await expectedSql(warehouse, definition.expect, actualColumns, place);
  const expectedNames = expectSql.columns;
  const missing = expectedNames.filter((name) => !actualColumns.some((column) => column.name.toLowerCase() === name.toLowerCase()));
  if (missing.length) {
    return { status: 'fail', failures: 1, message: `The model does not return the expected column(s) ${missing.join(', ')}`, sql: actualSql };
  }
  const list = expectedNames.map((name) => dialect.quoteIdentifier(name)).join(', ');
  const compare = [
    `with sluice_actual as (select ${list} from (\n${actualSql}\n) as sluice_model),`,
    `sluice_expected as (${expectSql.sql}),`,
    `only_actual as (select ${list} from sluice_actual except all select ${list} from sluice_expected),`,
    `only_expected as (select ${list} from sluice_expected except all select ${list} from sluice_actual)`,
    `select 'actual' as sluice_side, ${list} from only_actual`,
    'union all',
    `select 'expected' as sluice_side, ${list} from only_expected`,
  ].join('\n');
  const difference = await warehouse.query(compare);
  if (!difference.rows.length) return { status: 'pass', failures: 0, message: null, sql: compare };
  const shown = difference.rows
    .slice(0, 10)
    .map((row) => `  ${row.sluice_side === 'actual' ? '+ actual  ' : '- expected'} ${expectedNames.map((name) => `${name}=${formatValue(row[name])}`).join(', ')}`);
  return {
    status: 'fail',
    failures: 1,
    message: `actual differs from expected (${difference.rows.length} row${difference.rows.length === 1 ? '' : 's'}):\n${shown.join('\n')}`,
    sql: compare,
  };
}

function formatValue(value: SqlValue | undefined): string {
  return value === null || value === undefined ? 'null' : String(value);
}

async function inputSql(
  warehouse: Warehouse,
  given: UnitTestInput,
  parsed: ParsedInput,
  relationOf: (node: Node) => import('../warehouse/warehouse.js').Relation,
  place: { file?: string; line?: number },
): Promise<string> {
  if (given.format === 'sql') return given.sql ?? '';
  const relation = relationOf(parsed.node);
  const columns = await warehouse.getColumns(relation);
  if (!columns) {
    throw new SluiceError(`Unit test input ${given.input} needs its relation ${warehouse.dialect.relationName(relation)} to exist, for its column types`, {
      ...place,
      hint: 'build the parents first (sluice build does), or give the input with format: sql',
    });
  }
  return fixtureSql(warehouse, columns, given.rows ?? []);
}

async function expectedSql(
  warehouse: Warehouse,
  expect: UnitTestInput,
  actualColumns: Column[],
  place: { file?: string; line?: number },
): Promise<{ sql: string; columns: string[] }> {
  if (expect.format === 'sql') {
    const sql = expect.sql ?? '';
    const columns = (await warehouse.query(`select * from (${sql}) as sluice_expected where 1 = 0`)).columns.map((column) => column.name);
    return { sql, columns };
  }
  const rows = expect.rows ?? [];
  const names = rows.length ? Object.keys(rows[0]) : actualColumns.map((column) => column.name);
  const columns = names.map((name) => {
    const actual = actualColumns.find((column) => column.name.toLowerCase() === name.toLowerCase());
    return { name: actual?.name ?? name, type: actual?.type ?? 'varchar' };
  });
  if (!names.length) throw new SluiceError('A unit test expects no columns', { ...place });
  return { sql: fixtureSql(warehouse, columns, rows), columns: columns.map((column) => column.name) };
}
