/** What run_query() returns, as agate's Table, and dbt's set(): the shapes dbt_utils' macros rely on. */
import { describe, expect, it } from '@jest/globals';
import { QueryTable } from '../../src/templating/query-table.js';
import { PySet } from '../../src/templating/python-values.js';
import { render, renderError } from './render-helpers.js';

const table = () =>
  new QueryTable({
    columns: [
      { name: 'id', type: 'INTEGER' },
      { name: 'kind', type: 'VARCHAR' },
    ],
    rows: [
      { id: 1, kind: 'a' },
      { id: 2, kind: 'b' },
    ],
  });

describe('a run_query table', () => {
  it('iterates its rows, whose cells answer by index and by name', () => {
    expect(render("{% for row in t %}{{ row[0] }}{{ row['kind'] }}{{ row.kind }};{% endfor %}{{ t.rows | length }}", { t: table() })).toBe('1aa;2bb;2');
  });

  it("gives its columns by name, with keys/values/items as get_query_results_as_dict reads them", () => {
    const template = "{% for name, column in t.columns.items() %}{{ name }}={{ column.values() }};{% endfor %}{{ t.columns.keys() }} {{ t.columns['kind'].values() }} {{ t.columns.get('nope', 'none') }}";
    expect(render(template, { t: table() })).toBe("id=[1, 2];kind=['a', 'b'];['id', 'kind'] ['a', 'b'] none");
  });
});

describe("dbt's set()", () => {
  const set = (items: unknown[]) => PySet.fromItems(items);

  it('compares without regard to order, as Python sets do', () => {
    expect(render('{{ a == b }} {{ a == c }} {{ a == ["x", "y"] }}', { a: set(['x', 'y']), b: set(['y', 'x', 'y']), c: set(['x']) })).toBe('True False False');
  });

  it("offers set methods and difference, and prints as Python does", () => {
    const template = "{% do s.add('z') %}{% do s.add('x') %}{{ s }} {{ s - other }} {{ s.union(['w']) | length }} {{ s.issubset(['x', 'y', 'z']) }} {{ set_empty }}";
    expect(render(template, { s: set(['x', 'y']), other: set(['y']), set_empty: set([]) })).toBe("{'x', 'y', 'z'} {'x', 'z'} 4 True set()");
    expect(renderError("{% do s.append('z') %}", { s: set(['x']) }).message).toContain("'s.append' is undefined");
  });
});
