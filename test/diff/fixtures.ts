/**
 * Tables whose differences are known exactly, written through the warehouse's own dialect so that the
 * same fixture serves DuckDB and the Databricks emulator.
 *
 * `orders` (key `id`): production has ids 1–10, the pull request ids 2–11. Against production:
 *   id 1   only in production              id 11  only in the pull request
 *   id 3   status open → closed            id 4   note NULL → 'late'
 *   id 5   note NULL on both sides (equal) id 6   amount 10 → 10.0004 (equal within a tolerance of 0.001)
 *   id 7   email changed (a masked column) id 8   qty 1 → NULL and amount 5 → 6
 */
import { connectWarehouse } from '../../src/warehouse/connect.js';
import type { Column, Relation, SqlValue, Warehouse } from '../../src/warehouse/warehouse.js';

export async function openDuckDB(): Promise<Warehouse> {
  return connectWarehouse({ type: 'duckdb', path: ':memory:', schema: 'main', threads: 2 });
}

export async function createTable(warehouse: Warehouse, relation: Relation, columns: Column[], rows: SqlValue[][]): Promise<void> {
  const { dialect } = warehouse;
  await warehouse.execute(dialect.createTable(relation, columns));
  if (rows.length) {
    await warehouse.execute(
      dialect.insertValues(
        relation,
        columns.map((column) => column.name),
        rows.map((row) => row.map((value) => dialect.literal(value))),
      ),
    );
  }
}

/** Type names both warehouses accept. */
export const ORDER_COLUMNS: Column[] = [
  { name: 'id', type: 'INT' },
  { name: 'amount', type: 'DOUBLE' },
  { name: 'status', type: 'STRING' },
  { name: 'note', type: 'STRING' },
  { name: 'email', type: 'STRING' },
  { name: 'qty', type: 'INT' },
];

const baseOrders: SqlValue[][] = [
  [1, 12.5, 'open', 'gift', 'one@example.com', 2],
  [2, 20, 'open', null, 'two@example.com', 1],
  [3, 30, 'open', null, 'three@example.com', 1],
  [4, 40, 'shipped', null, 'four@example.com', 3],
  [5, 50, 'shipped', null, 'five@example.com', 1],
  [6, 10, 'open', 'fragile', 'six@example.com', 1],
  [7, 70, 'open', null, 'seven@example.com', 2],
  [8, 5, 'open', null, 'eight@example.com', 1],
  [9, 90, 'closed', 'vip', 'nine@example.com', 4],
  [10, 100, 'closed', null, 'ten@example.com', 1],
];

const envOrders: SqlValue[][] = [
  [2, 20, 'open', null, 'two@example.com', 1],
  [3, 30, 'closed', null, 'three@example.com', 1],
  [4, 40, 'shipped', 'late', 'four@example.com', 3],
  [5, 50, 'shipped', null, 'five@example.com', 1],
  [6, 10.0004, 'open', 'fragile', 'six@example.com', 1],
  [7, 70, 'open', null, 'seven.new@example.com', 2],
  [8, 6, 'open', null, 'eight@example.com', null],
  [9, 90, 'closed', 'vip', 'nine@example.com', 4],
  [10, 100, 'closed', null, 'ten@example.com', 1],
  [11, 110, 'open', null, 'eleven@example.com', 1],
];

export interface OrdersFixture {
  base: Relation;
  env: Relation;
  columns: Column[];
}

export async function createOrders(warehouse: Warehouse, schema: string, database?: string): Promise<OrdersFixture> {
  await warehouse.execute(warehouse.dialect.createSchema(database, schema));
  const base = { database, schema, identifier: 'orders_base' };
  const env = { database, schema, identifier: 'orders_env' };
  await createTable(warehouse, base, ORDER_COLUMNS, baseOrders);
  await createTable(warehouse, env, ORDER_COLUMNS, envOrders);
  return { base, env, columns: ORDER_COLUMNS };
}

/** The compared columns of `orders`: every column but the key, the same type on both sides. */
export const ORDER_COMPARED = ORDER_COLUMNS.filter((column) => column.name !== 'id');

/**
 * `events` (composite key `region`, `day`, `seq`): `rows` keys per side generated in SQL, identical on
 * both sides except: every 10th `seq` has a changed `value`; keys with seq % 50 = 1 only in production,
 * seq % 50 = 2 only in the pull request.
 */
export async function createEvents(warehouse: Warehouse, schema: string, rows: number): Promise<{ base: Relation; env: Relation }> {
  const { dialect } = warehouse;
  const base = { schema, identifier: 'events_base' };
  const env = { schema, identifier: 'events_env' };
  await warehouse.execute(dialect.createSchema(undefined, schema));
  // range() exists in both DuckDB and Spark; its column is `range` in DuckDB and `id` in Spark, so it is renamed.
  const generated = `SELECT CASE WHEN n % 3 = 0 THEN 'eu' WHEN n % 3 = 1 THEN 'us' ELSE 'apac' END AS region, CAST(n % 7 AS INT) AS day, CAST(n AS BIGINT) AS seq, CAST(n * 2 AS BIGINT) AS value FROM (SELECT * FROM range(${rows})) AS r(n)`;
  await warehouse.execute(dialect.createTableAs(base, `SELECT * FROM (${generated}) AS g WHERE seq % 50 <> 2`));
  await warehouse.execute(
    dialect.createTableAs(env, `SELECT region, day, seq, CASE WHEN seq % 10 = 0 THEN value + 1 ELSE value END AS value FROM (${generated}) AS g WHERE seq % 50 <> 1`),
  );
  return { base, env };
}
