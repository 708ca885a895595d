/** Which columns SQL reads: parsed where possible, textual and conservative where not. */
import { describe, expect, it } from '@jest/globals';
import { columnsRead, readsColumn } from '../../src/graph/column-lineage.js';

describe('readsColumn', () => {
  const sql = 'with c as (select customer_id, region from "main"."dim_customers") select c.region, count(*) as n from c group by 1';

  it('finds the columns a parsed query names, through CTEs', () => {
    expect(columnsRead(sql, 'duckdb').parsed).toBe(true);
    expect(readsColumn(sql, 'region', 'duckdb')).toBe(true);
    expect(readsColumn(sql, 'REGION', 'duckdb')).toBe(true);
    expect(readsColumn(sql, 'customer_group', 'duckdb')).toBe(false);
  });

  it('counts select * as reading every column', () => {
    expect(readsColumn('select * from "main"."dim_customers"', 'customer_group', 'duckdb')).toBe(true);
  });

  it('falls back to a whole-word textual check when the SQL does not parse', () => {
    const qualify = 'select region, row_number() over (partition by region order by id) as rn from t qualify rn = 1 ???';
    expect(columnsRead(qualify, 'duckdb').parsed).toBe(false);
    expect(readsColumn(qualify, 'region', 'duckdb')).toBe(true);
    expect(readsColumn(qualify, 'regio', 'duckdb')).toBe(false);
  });

  it('reads Spark SQL with backticks through the Hive grammar', () => {
    expect(readsColumn('select `a`.`customer_group` from `cat`.`sch`.`dim` as a', 'customer_group', 'databricks')).toBe(true);
    expect(readsColumn('select `a`.`region` from `cat`.`sch`.`dim` as a', 'customer_group', 'databricks')).toBe(false);
  });
});
