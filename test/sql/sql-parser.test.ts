/** Preparing SQL for node-sql-parser's grammars, and its complaints in one line. */
import { describe, expect, it } from '@jest/globals';
import { parseErrorMessage, parseableSql, sqlParserFor } from '../../src/sql/sql-parser.js';

describe('parseableSql', () => {
  it("drops the catalog of Databricks' three-part names, keeping every offset: the tree names schema and table", () => {
    const sql = 'select o.id, c.name from `main`.`sales`.`orders` as o join main.sales.customers c on o.customer_id = c.id';
    const prepared = parseableSql(sql, 'databricks');
    expect(prepared).toHaveLength(sql.length);
    expect(prepared).toContain('`sales`.`orders`');
    expect(prepared).not.toContain('`main`');
    expect(prepared).not.toContain('main.sales');
    const { parser, database } = sqlParserFor('databricks');
    const ast = parser.astify(prepared, { database }) as { from: Array<{ db: string; table: string }> };
    expect(ast.from.map((item) => `${item.db}.${item.table}`)).toEqual(['sales.orders', 'sales.customers']);
  });

  it('leaves two-part names and other dialects alone', () => {
    const sql = 'select t.a, t.b from s.t join s.u on t.a = u.a';
    expect(parseableSql(sql, 'databricks')).toBe(sql);
    expect(parseableSql('select a from "main"."s"."t"', 'duckdb')).toBe('select a from "main"."s"."t"');
  });
});

describe('parseErrorMessage', () => {
  it('says what the parser found and where, in one line', () => {
    const { parser, database } = sqlParserFor('duckdb');
    let error: unknown;
    try {
      parser.astify('select a from t qualify row_number() over () = 1', { database });
    } catch (caught) {
      error = caught;
    }
    // `qualify` reads as t's alias; the window call after it is where the grammar gives up.
    expect(parseErrorMessage(error)).toBe('unexpected "r" at line 1, column 25 of the compiled SQL');
  });
});
