/** Which columns SQL reads: parsed where possible, textual and conservative where not. */
import { describe, expect, it } from '@jest/globals';
import { columnsRead, readsColumn, relationReads } from '../../src/graph/column-lineage.js';

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

describe('relationReads: what a compiled model reads of the relations it selects from', () => {
  it('reads a star over a CTE as nothing more than the CTE reads, and a star over a relation as all of it', () => {
    const reads = relationReads('with c as (select id, name from "main"."stg_customers"), final as (select c.*, 1 as one from c) select * from final');
    expect([...reads.starRelations]).toEqual([]);
    expect(reads.words.has('name')).toBe(true);
    expect(reads.words.has('region')).toBe(false);
    expect(reads.uncertain).toBeNull();
    expect([...relationReads('select * from "main"."stg_customers" where id > 1').starRelations]).toEqual(['stg_customers']);
    expect([...relationReads('select `s`.* , x.id from `cat`.`sch`.`stg_customers` as s join `cat`.`sch`.`other` x on s.id = x.id').starRelations]).toEqual(['stg_customers']);
  });

  it('counts rows with count(*) without reading columns, but struct(*) and a star in a subquery read all', () => {
    expect([...relationReads('select region, count(*) as n from main.stg_customers group by region').starRelations]).toEqual([]);
    expect([...relationReads('select to_json(struct(*)) as j from main.stg_customers').starRelations]).toEqual(['stg_customers']);
    expect([...relationReads('select n from (select *, 1 as n from main.stg_customers) as sub').starRelations]).toEqual(['stg_customers']);
    expect([...relationReads('select a * b as c from main.stg_customers').starRelations]).toEqual([]);
  });

  it('reads every star of a union and of a join, and the relation a qualified star names', () => {
    const reads = relationReads('select * from main.a union all select t.* from main.b as t left join main.c on t.id = c.id');
    expect([...reads.starRelations].sort()).toEqual(['a', 'b']);
  });

  it('says when reads cannot be told', () => {
    expect(relationReads('select * from main.a natural join main.b').uncertain).toMatch(/NATURAL JOIN/);
    expect(relationReads('select columns(\'amount_.*\') from main.a').uncertain).toMatch(/COLUMNS/);
    expect(relationReads('select q.* from main.a as t').uncertain).toMatch(/q\.\* names no relation/);
    expect(relationReads('select * except (secret) from main.a').uncertain).toBeNull();
  });

  it('counts a * over a relation inside a CTE only when the CTE reaches the output through *s', () => {
    // dbt's import CTEs: `select * from ref` then named columns out of it — only those names are read.
    const named = relationReads('with products as (select * from main.stg_products), final as (select products.product_name, products.product_price from products) select * from final');
    expect([...named.starRelations]).toEqual([]);
    expect(named.words.has('product_name')).toBe(true);
    // Through a chain of *s to the model's output, every column of the relation is read.
    const chained = relationReads('with source as (select * from main.stg_products), renamed as (select * from source) select * from renamed');
    expect([...chained.starRelations]).toEqual(['stg_products']);
    expect([...relationReads('with s as (select * from main.p) select s.*, 1 as one from s').starRelations]).toEqual(['p']);
    expect([...relationReads('with s as (select * from main.p) select to_json(struct(*)) as j from s').starRelations]).toEqual(['p']);
  });

  it("reads a relation's whole row where its name or alias is used as a value (DuckDB)", () => {
    expect([...relationReads('select h.id, to_json(h) as payload from main.impact_hub as h').starRelations]).toEqual(['impact_hub']);
    expect([...relationReads('select impact_hub.id, md5(cast(impact_hub as varchar)) as row_hash from main.impact_hub').starRelations]).toEqual(['impact_hub']);
    // Through a CTE that reaches the output the same way.
    expect([...relationReads('with c as (select * from main.p) select to_json(c) as j from c').starRelations]).toEqual(['p']);
    // A qualified column, the FROM item itself and an alias definition are not row values.
    expect([...relationReads('select h.id, h.name from main.impact_hub as h join main.other as o on h.id = o.id').starRelations]).toEqual([]);
  });

  it('treats a materialized CTE and a CTE with column names as CTEs', () => {
    expect([...relationReads('with c as materialized (select id from main.a), d (x) as (select id from main.b) select * from c, d').starRelations]).toEqual([]);
  });
});
