#!/usr/bin/env node
/**
 * Value diff benchmark (PRODUCT.md: ≤ 1.5 × the floor, flat client memory). Two 10-million-row,
 * 20-column DuckDB tables generated in SQL, about 4 % of the rows changed and 0.5 % on each side only.
 *
 * The floor is one FULL OUTER JOIN on the key that reads every compared column once, counting the rows
 * whose row hash differs. Each side's hash is computed before the join, the fastest way of writing that
 * query on DuckDB (hashing after the join carries every column through it and took twice as long).
 * `valueDiff` is timed as the report calls it: the key check, then the diff with per-column counts and
 * samples. The two are run alternately, three times each; the medians and their ratio are reported, in
 * wall time and in CPU time (which also counts DuckDB's threads, and shows less of what other processes
 * on a shared machine do to the wall time).
 *
 *   npm run build && node bench/diff.js          (BENCH_DIFF_ROWS to change the size)
 */
import { performance } from 'node:perf_hooks';
import { valueDiff } from '../lib/diff/value-diff.js';
import { connectWarehouse } from '../lib/warehouse/connect.js';

const ROWS = Number(process.env.BENCH_DIFF_ROWS ?? 10_000_000);
const RUNS = 3;

// 19 compared columns of the usual types, each value a cheap function of the id.
const COLUMNS = [
  ...[1, 2, 3, 4, 5, 6].map((j) => [`c${j}`, 'BIGINT', (id) => `(${id} * ${7919 + j * 104729}) % 1000003`]),
  ...[7, 8, 9, 10, 11].map((j) => [`c${j}`, 'DOUBLE', (id) => `((${id} * ${7919 + j * 104729}) % 100000) / 100.0`]),
  ...[12, 13, 14].map((j) => [`c${j}`, 'VARCHAR', (id) => `'v' || ((${id} * ${7919 + j * 104729}) % 5000)`]),
  ...[15, 16, 17].map((j) => [`c${j}`, 'DATE', (id) => `DATE '2020-01-01' + CAST((${id} * ${7919 + j * 104729}) % 1500 AS INTEGER)`]),
  ['c18', 'BOOLEAN', (id) => `${id} % 3 = 0`],
  ['c19', 'DECIMAL(12,2)', (id) => `CAST(((${id} * 7919) % 100000000) / 100.0 AS DECIMAL(12,2))`],
].map(([name, type, value]) => ({ name, type, value }));

// In the pull request: c2 changes on 2 % of the rows, c8 on 1 %, c13 becomes NULL on 1.1 %; 0.5 % of
// the rows are removed and as many added.
const CHANGES = {
  c2: 'CASE WHEN id % 50 = 3 THEN c2 + 1 ELSE c2 END',
  c8: 'CASE WHEN id % 97 = 5 THEN c8 + 0.5 ELSE c8 END',
  c13: 'CASE WHEN id % 89 = 1 THEN NULL ELSE c13 END',
};

const warehouse = await connectWarehouse({ type: 'duckdb', path: ':memory:', schema: 'main', threads: 1 });
try {
  let started = performance.now();
  const columnList = COLUMNS.map((column) => column.name).join(', ');
  await warehouse.execute(`CREATE TABLE base AS SELECT id, ${COLUMNS.map((column) => `CAST(${column.value('id')} AS ${column.type}) AS ${column.name}`).join(', ')} FROM (SELECT range AS id FROM range(${ROWS}))`);
  await warehouse.execute(
    `CREATE TABLE env AS SELECT id, ${COLUMNS.map((column) => `${CHANGES[column.name] ?? column.name} AS ${column.name}`).join(', ')} FROM base WHERE id % 200 <> 7\n` +
      `UNION ALL SELECT id + ${ROWS}, ${columnList} FROM base WHERE id % 200 = 11`,
  );
  const generateSeconds = seconds(started);

  const hashed = `hash(${columnList})`;
  const floorSql =
    `WITH b AS (SELECT id, ${hashed} AS row_hash FROM base), e AS (SELECT id, ${hashed} AS row_hash FROM env)\n` +
    `SELECT count(*) AS differing FROM b FULL OUTER JOIN e ON b.id = e.id WHERE b.row_hash IS DISTINCT FROM e.row_hash`;
  const diffOptions = {
    base: { schema: 'main', identifier: 'base' },
    env: { schema: 'main', identifier: 'env' },
    key: ['id'],
    columns: COLUMNS.map(({ name, type }) => ({ name, type })),
    samples: 5,
  };
  // What the client receives: every query's result, counted.
  let rowsReceived = 0;
  const counting = Object.create(warehouse, {
    query: { value: async (sql) => { const result = await warehouse.query(sql); rowsReceived += result.rows.length; return result; } },
  });

  // A first floor run brings DuckDB's own memory to the join's working size before memory is compared.
  const floorRows = Number((await warehouse.query(floorSql)).rows[0].differing);
  const before = memory();

  const floor = [];
  const diff = [];
  let result;
  for (let run = 0; run < RUNS; run++) {
    floor.push(await measure(() => warehouse.query(floorSql)));
    diff.push(await measure(async () => (result = await valueDiff(counting, diffOptions))));
  }
  const after = memory();
  rowsReceived /= RUNS;

  const { values, notes } = result;
  const found = values.only_base + values.only_env + values.changed_rows;
  const wallRatio = median(diff.map((m) => m.wall)) / median(floor.map((m) => m.wall));
  const cpuRatio = median(diff.map((m) => m.cpu)) / median(floor.map((m) => m.cpu));

  console.log(`Value diff benchmark: two ${format(ROWS)}-row, ${COLUMNS.length + 1}-column DuckDB tables (generated in ${generateSeconds.toFixed(1)} s)`);
  console.log(`  found: ${format(values.only_base)} only in base, ${format(values.only_env)} only in env, ${format(values.changed_rows)} changed; per column ${JSON.stringify(values.columns)}${notes.length ? `; notes: ${notes.join(' ')}` : ''}`);
  console.log(`  the floor counts ${format(floorRows)} rows whose hash differs: ${found === floorRows ? 'the same rows' : `NOT the same (${format(found)})`}`);
  console.log(`  floor (one FULL OUTER JOIN reading every column once): ${describe(floor)}`);
  console.log(`  valueDiff (key check + diff, per-column counts, samples): ${describe(diff)}`);
  console.log(`  ratio: ${wallRatio.toFixed(2)}× wall, ${cpuRatio.toFixed(2)}× CPU — target ≤ 1.5×: ${wallRatio <= 1.5 ? "met" : "NOT met"}`);
  console.log(`  client: ${rowsReceived} rows received per diff; peak RSS ${mb(before.peakRss)} → ${mb(after.peakRss)} (DuckDB runs in this process), JS heap ${mb(before.heap)} → ${mb(after.heap)}`);
  if (found !== floorRows) process.exitCode = 1;
} finally {
  await warehouse.close();
}

async function measure(work) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  await work();
  const used = process.cpuUsage(cpu);
  return { wall: seconds(started), cpu: (used.user + used.system) / 1e6 };
}

function describe(measurements) {
  const wall = measurements.map((m) => m.wall.toFixed(2)).join(', ');
  return `median ${median(measurements.map((m) => m.wall)).toFixed(2)} s (runs ${wall}), CPU ${median(measurements.map((m) => m.cpu)).toFixed(1)} s`;
}

function memory() {
  return { peakRss: process.resourceUsage().maxRSS * 1024, heap: process.memoryUsage().heapUsed };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function seconds(started) {
  return (performance.now() - started) / 1000;
}

function format(n) {
  return n.toLocaleString('en-US');
}

function mb(bytes) {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}
