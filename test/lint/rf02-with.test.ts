/**
 * RF02 on dbt-shaped SQL: the selects that follow a WITH (the CTEs' bodies and the final select) are
 * checked like any other — a select that reads more than one relation has its bare columns flagged at
 * the place they are written, and a CTE that reads one table is left alone whatever follows it.
 */
import { describe, expect, it } from '@jest/globals';
import type { Violation } from '../../src/lint/rule.js';
import { qualifiedColumns } from '../../src/lint/rules/qualified-columns.js';
import { SqlFile } from '../../src/lint/sql-file.js';

function check(sql: string, dialect = 'duckdb'): Violation[] {
  const file = new SqlFile({ path: 'models/x.sql', source: sql, rendered: sql, map: [0, 0, 0, 0], dialect, model: { name: 'x', resourceType: 'model', materialized: 'view', layer: 'analytics' } });
  expect(file.ast).not.toBeNull();
  if (qualifiedColumns.applies && !qualifiedColumns.applies(file)) return [];
  return qualifiedColumns.check(file);
}

const places = (violations: Violation[]) => violations.map(({ line, column }) => [line, column]);

describe('RF02 after a WITH', () => {
  it('flags a bare column in the final select that joins two CTEs', () => {
    const sql = [
      'with shipments as (',
      '    select * from "main"."shipments"',
      '),',
      'carriers as (',
      '    select * from "main"."carriers"',
      ')',
      'select shipments.shipment_id, carrier_name, shipments.weight_kg',
      'from shipments',
      'left join carriers on shipments.carrier_id = carriers.carrier_id',
    ].join('\n');
    expect(check(sql)).toEqual([
      {
        line: 7,
        column: 31,
        message: "column 'carrier_name' is not qualified in a select that reads shipments, carriers: write which one it comes from (e.g. shipments.carrier_name)",
      },
    ]);
  });

  it('flags the final select, not the CTE that reads one table, when both list as many columns', () => {
    const sql = [
      'with parcels as (',
      '    select parcel_id, depot_id from "main"."parcels"',
      ')',
      'select parcels.parcel_id, depot_id',
      'from parcels',
      'join "main"."depots" d on parcels.depot_id = d.id',
    ].join('\n');
    expect(places(check(sql))).toEqual([[4, 27]]);
  });

  it('flags a CTE that joins, with a WHERE and several FROM items, and leaves single-table CTEs alone', () => {
    const sql = [
      'with routes as (',
      '    select route_id, origin, destination from "main"."routes" where active',
      '),',
      'legs as (',
      '    select r.route_id, l.leg_no, distance_km',
      '    from routes r, "main"."legs" l',
      '    where r.route_id = l.route_id and active',
      '),',
      'totals as (',
      '    select route_id, sum(distance_km) as distance_km from legs group by route_id',
      ')',
      'select route_id, distance_km from totals',
    ].join('\n');
    expect(places(check(sql))).toEqual([
      [5, 34],
      [7, 39],
    ]);
  });

  it('keeps the alias rule in a final select after a WITH: sum(amount) as amount flagged, the alias in ORDER BY not', () => {
    const sql = [
      'with invoices as (select * from "main"."invoices"),',
      'lines as (select * from "main"."invoice_lines")',
      'select invoices.invoice_id, sum(amount) as amount',
      'from invoices',
      'join lines on invoices.invoice_id = lines.invoice_id',
      'group by invoices.invoice_id',
      'order by amount desc',
    ].join('\n');
    expect(places(check(sql))).toEqual([[3, 33]]);
  });

  it('checks every branch of a UNION after a WITH, and a joined subquery inside a CTE', () => {
    const sql = [
      'with stops as (',
      '    select s.stop_id, zone',
      '    from (select stop_id, zone_id from "main"."stops") s',
      '    join "main"."zones" z on s.zone_id = z.zone_id',
      ')',
      'select stop_id from stops',
      'union all',
      'select a.stop_id from stops a join stops b on a.stop_id = b.stop_id where a.zone <> zone',
    ].join('\n');
    expect(places(check(sql))).toEqual([
      [2, 23],
      [8, 85],
    ]);
  });

  it('reads Databricks SQL after a WITH (backtick names, three-part names)', () => {
    const sql = [
      'with trips as (select * from `main`.`fleet`.`trips`),',
      'drivers as (select * from `main`.`fleet`.`drivers`)',
      'select trips.trip_id, `driver_name`',
      'from trips join drivers on trips.driver_id = drivers.driver_id',
    ].join('\n');
    expect(places(check(sql, 'databricks'))).toEqual([[3, 23]]);
  });

  it("reads an ORDER BY inside a window or WITHIN GROUP as the call's, not as the select's ORDER BY", () => {
    const sql = [
      'with ranked as (',
      '    select',
      '        s.store_id,',
      '        row_number() over (partition by s.region order by s.opened_at) as opened_rank,',
      '        percentile_cont(0.5) within group (order by s.revenue) as median_revenue,',
      '        count(*) filter (where closed) as closed_days',
      '    from "main"."stores" s',
      '    join "main"."days" d on d.store_id = s.store_id',
      '    group by s.store_id, s.region, s.opened_at',
      ')',
      'select store_id from ranked',
    ].join('\n');
    expect(places(check(sql))).toEqual([[6, 32]]);
  });

  it("leaves a lateral column alias alone (a name an earlier item's alias gives), and still flags a column under its own item's alias", () => {
    const sql = [
      'select home.team as home_team, home.elo - away.elo as elo_diff,',
      '    elo_diff + 100 as elo_diff_home, case when elo_diff > 0 then home_team end as favourite,',
      '    sum(points) as points',
      'from "main"."games" g',
      'join "main"."ratings" home on home.team = g.home_team',
      'join "main"."ratings" away on away.team = g.away_team',
      'group by 1, 2',
    ].join('\n');
    expect(places(check(sql))).toEqual([[3, 9]]);
  });

  it('leaves a dbt model that qualifies its joins and reads one table per CTE alone', () => {
    const sql = [
      'with orders as (select order_id, customer_id, amount from "main"."orders"),',
      'customers as (select customer_id, name from "main"."customers"),',
      'final as (',
      '    select orders.order_id, customers.name, orders.amount',
      '    from orders join customers on orders.customer_id = customers.customer_id',
      ')',
      'select order_id, name, amount from final',
    ].join('\n');
    expect(check(sql)).toEqual([]);
  });
});
