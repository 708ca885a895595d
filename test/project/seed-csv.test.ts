import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { readSeedCsv, seedColumnSqlType, seedRowsToLiterals, type SeedTable } from '../../src/project/seed-csv.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb/duckdb-warehouse.js';

const FILE = 'seeds/customers.csv';

function errorOf(run: () => unknown): SluiceError {
  try {
    run();
  } catch (error) {
    if (error instanceof SluiceError) return error;
    throw error;
  }
  throw new Error('expected a SluiceError');
}

const typesOf = (table: SeedTable) => Object.fromEntries(table.columns.map((c) => [c.name, c.type]));

describe('readSeedCsv: type inference', () => {
  it('infers each type and converts values', () => {
    const table = readSeedCsv(
      FILE,
      [
        'id,score,signup,seen_at,seen_iso,active,name,empty',
        '1,1.5,2024-01-31,2024-01-31 08:00:00,2024-01-31T08:00:00.25Z,TRUE,Ann,',
        '-2,3,2024-02-29,2024-02-01 09:30:15.5,2024-02-01T09:30:15,false,Bob,null',
        '3,1e3,2023-12-01,2023-12-01 00:00:00,2023-12-01T00:00:00,True,  padded ,NULL',
      ].join('\n'),
      {},
    );
    expect(typesOf(table)).toEqual({
      id: 'integer',
      score: 'number',
      signup: 'date',
      seen_at: 'timestamp',
      seen_iso: 'timestamp',
      active: 'boolean',
      name: 'text',
      empty: 'integer',
    });
    expect(table.rows).toEqual([
      [1, 1.5, '2024-01-31', '2024-01-31 08:00:00', '2024-01-31T08:00:00.25Z', true, 'Ann', null],
      [-2, 3, '2024-02-29', '2024-02-01 09:30:15.5', '2024-02-01T09:30:15', false, 'Bob', null],
      [3, 1000, '2023-12-01', '2023-12-01 00:00:00', '2023-12-01T00:00:00', true, '  padded ', null],
    ]);
  });

  it('falls back to the next type when one value does not fit', () => {
    const table = readSeedCsv(FILE, 'a,b,c,d\n1,2024-02-30,2024-01-01,yes\n2.5,2024-01-01,2024-01-01 10:00:00,true\n', {});
    // 2024-02-30 is no date; a bare date is no timestamp, so a column mixing them is text.
    expect(typesOf(table)).toEqual({ a: 'number', b: 'text', c: 'text', d: 'text' });
    expect(table.rows[0]).toEqual([1, '2024-02-30', '2024-01-01', 'yes']);
  });

  it('keeps integers beyond 2^53 exact and flags integers beyond 32 bits', () => {
    const table = readSeedCsv(FILE, 'small,wide,huge\n1,3000000000,9007199254740993\n2,4,5\n', {});
    expect(table.columns).toEqual([
      { name: 'small', type: 'integer' },
      { name: 'wide', type: 'integer', bigint: true },
      { name: 'huge', type: 'integer', bigint: true },
    ]);
    expect(table.rows[0]).toEqual([1, 3000000000, '9007199254740993']);
  });

  it('forces column_types, matching names without regard to case', () => {
    const table = readSeedCsv(FILE, 'Zip,amount\n01234,1\n,2\n', { columnTypes: { zip: 'VARCHAR(5)' } });
    expect(table.columns[0]).toEqual({ name: 'Zip', type: 'text', explicitType: 'VARCHAR(5)' });
    expect(table.rows).toEqual([
      ['01234', 1],
      [null, 2],
    ]);
  });
});

describe('readSeedCsv: CSV syntax', () => {
  it('skips a BOM and reads quoted fields with delimiters, quotes and newlines', () => {
    const table = readSeedCsv(FILE, '\uFEFFid,comment\n1,"a, b"\n2,"line one\nline two"\n3,"say ""hi"""\n', {});
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'comment']);
    expect(table.rows).toEqual([
      [1, 'a, b'],
      [2, 'line one\nline two'],
      [3, 'say "hi"'],
    ]);
  });

  it('reads another delimiter', () => {
    const table = readSeedCsv(FILE, 'id;price\n1;2,5\n', { delimiter: ';' });
    expect(table.rows).toEqual([[1, '2,5']]);
  });

  it('reports a ragged row with its line, counting lines inside quoted fields', () => {
    const error = errorOf(() => readSeedCsv(FILE, 'id,name,city\n1,"two\nlines",x\n\n2,Bob\n', {}));
    expect(error.file).toBe(FILE);
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/Expected 3 fields .* found 2/);
  });

  it('rejects an empty file, a duplicate column, an unclosed quote', () => {
    expect(errorOf(() => readSeedCsv(FILE, '\uFEFF', {})).message).toMatch(/empty/);
    const duplicate = errorOf(() => readSeedCsv(FILE, 'id,Name,name\n1,a,b\n', {}));
    expect(duplicate.message).toMatch(/Duplicate column name 'name'/);
    expect(duplicate.line).toBe(1);
    const unclosed = errorOf(() => readSeedCsv(FILE, 'id,name\n1,"open\n2,x\n', {}));
    expect(unclosed.message).toBe('Invalid CSV: the quoted value that starts on line 2 is never closed');
    expect(unclosed.file).toBe(FILE);
  });

  it('reports an unclosed quote at the line where it opened, not at the end of the file', () => {
    const text = 'id,name,note\n1,"Paris, France","said ""hi""\nthen left"\n2,Rome,"open\n3,Oslo,x\n4,Bern,y\n5,Nice,z\n';
    const unclosed = errorOf(() => readSeedCsv(FILE, text, {}));
    expect([unclosed.message, unclosed.line]).toEqual(['Invalid CSV: the quoted value that starts on line 4 is never closed', 4]);
    expect(unclosed.hint).toContain('close the quote');
    const semicolons = errorOf(() => readSeedCsv(FILE, 'id;name\n1;"a;b"\n2;"c\n3;d\n', { delimiter: ';' }));
    expect(semicolons.line).toBe(3);
  });

  it('reads a header with no rows as integer columns', () => {
    expect(readSeedCsv(FILE, 'a,b\n', {})).toEqual({
      columns: [
        { name: 'a', type: 'integer' },
        { name: 'b', type: 'integer' },
      ],
      rows: [],
    });
  });
});

describe('seed rows on DuckDB', () => {
  let warehouse: DuckDBWarehouse;
  beforeAll(async () => {
    warehouse = await DuckDBWarehouse.open({ path: ':memory:', threads: 1 });
  });
  afterAll(() => warehouse.close());

  it('loads every inferred and explicit type through insertValues', async () => {
    const table = readSeedCsv(
      FILE,
      [
        'id,big,score,signup,seen_at,active,name,zip',
        "1,9007199254740993,1.5,2024-01-31,2024-01-31T08:00:00Z,true,O'Brien,01234",
        '2,,,,,,,',
      ].join('\n'),
      { columnTypes: { zip: 'VARCHAR' } },
    );
    const { dialect } = warehouse;
    const relation = { schema: 'main', identifier: 'customers' };
    const columns = table.columns.map((column) => ({ name: column.name, type: seedColumnSqlType(column, dialect) }));
    expect(columns.map((c) => c.type)).toEqual(['INTEGER', 'BIGINT', 'DOUBLE', 'DATE', 'TIMESTAMP', 'BOOLEAN', 'VARCHAR', 'VARCHAR']);
    await warehouse.execute(dialect.createTable(relation, columns));
    const names = table.columns.map((c) => c.name);
    await warehouse.execute(dialect.insertValues(relation, names, seedRowsToLiterals(table, dialect)));
    expect((await warehouse.query('SELECT * FROM customers ORDER BY id')).rows).toEqual([
      {
        id: 1,
        big: '9007199254740993',
        score: 1.5,
        signup: '2024-01-31',
        seen_at: '2024-01-31 08:00:00',
        active: true,
        name: "O'Brien",
        zip: '01234',
      },
      { id: 2, big: null, score: null, signup: null, seen_at: null, active: null, name: null, zip: null },
    ]);
  });
});
