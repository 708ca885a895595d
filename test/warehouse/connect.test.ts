import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SluiceError } from '../../src/errors.js';
import { connectWarehouse, describeTarget } from '../../src/warehouse/connect.js';

describe('connectWarehouse', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-connect-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('opens DuckDB in memory by default', async () => {
    const warehouse = await connectWarehouse({ type: 'duckdb', schema: 'main', threads: 4 });
    expect(warehouse.dialect.name).toBe('duckdb');
    expect(warehouse.defaultDatabase).toBe('memory');
    expect((await warehouse.query('SELECT 40 + 2 AS answer')).rows).toEqual([{ answer: 42 }]);
    await warehouse.close();
  });

  it('opens a DuckDB file and accepts a database that names it', async () => {
    const path = join(dir, 'target', 'sluice.duckdb');
    const warehouse = await connectWarehouse({ type: 'duckdb', path, schema: 'main', threads: 1, database: 'Sluice' });
    expect(warehouse.defaultDatabase).toBe('sluice');
    await warehouse.close();
  });

  it('refuses a database that is not the file', async () => {
    const path = join(dir, 'other.duckdb');
    const error = await connectWarehouse({ type: 'duckdb', path, schema: 'main', threads: 1, database: 'prod' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceError);
    expect((error as SluiceError).hint).toMatch(/database: other/);
    // The file was closed again: it can be reopened.
    const warehouse = await connectWarehouse({ type: 'duckdb', path, schema: 'main', threads: 1 });
    await warehouse.close();
  });

  it('names unsupported types and what is supported', async () => {
    const error = await connectWarehouse({ type: 'snowflake', schema: 'x', threads: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SluiceError);
    expect((error as SluiceError).message).toMatch(/'snowflake'/);
    expect((error as SluiceError).hint).toMatch(/duckdb/);
  });
});

describe('describeTarget', () => {
  it('says type, place and schema without secrets', () => {
    expect(describeTarget({ type: 'duckdb', path: 'target/sluice.duckdb', schema: 'analytics', threads: 4 })).toBe(
      'duckdb target/sluice.duckdb schema analytics',
    );
    const databricks = {
      type: 'databricks',
      host: 'token:dapi-secret@adb-123.azuredatabricks.net',
      token: 'dapi-secret',
      database: 'main',
      schema: 'analytics',
      threads: 8,
    };
    const text = describeTarget(databricks);
    expect(text).toBe('databricks adb-123.azuredatabricks.net schema main.analytics');
    expect(text).not.toMatch(/secret/);
  });
});
