/**
 * dbt's block tags before nunjucks: test/data_test and materialization become macros, docs and
 * snapshot blocks are taken out and returned; every line stays where the author wrote it.
 */
import { describe, expect, it } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { preprocessJinja } from '../../src/templating/preprocess.js';
import { callMacro, compileTemplate, getExportedMacros } from '../../src/templating/template.js';
import { env, render, renderError } from './render-helpers.js';

const source = `{%- test not_negative(model, column_name) -%}
select * from {{ model }} where {{ column_name }} < 0
{%- endtest %}
{% docs orders %}
# Orders
One row per {{ 'order' }}.
{% enddocs %}
{% materialization my_table, adapter='duckdb', supported_languages=['sql', 'python'] %}
{{ return({'relations': []}) }}
{% endmaterialization %}
{% materialization other, default %}x{% endmaterialization %}
{% snapshot orders_snapshot %}
{{ config(unique_key='id') }}
select * from {{ source('sap', 'orders') }}
{% endsnapshot %}
{% raw %}{% docs not_a_block %}{% endraw %}{# {% snapshot not_a_block %} #}
{% data_test
   multi_line(model) %}select 1 from {{ model }}{% enddata_test %}
last line`;

describe('preprocessJinja', () => {
  const result = preprocessJinja(source, 'macros/blocks.sql');

  it('keeps the line count and every line where it was', () => {
    const before = source.split('\n');
    const after = result.source.split('\n');
    expect(after).toHaveLength(before.length);
    for (const marker of ['select * from {{ model }} where', 'last line', 'select 1 from {{ model }}', '{{ return({']) {
      const line = before.findIndex((text) => text.includes(marker));
      expect(after[line]).toContain(marker);
    }
  });

  it('returns docs and snapshot blocks with their names, bodies and lines, and removes them', () => {
    expect(result.docs).toEqual([{ name: 'orders', body: "\n# Orders\nOne row per {{ 'order' }}.\n", line: 4, bodyLine: 4 }]);
    expect(result.snapshots).toEqual([
      {
        name: 'orders_snapshot',
        body: "\n{{ config(unique_key='id') }}\nselect * from {{ source('sap', 'orders') }}\n",
        line: 12,
        bodyLine: 12,
      },
    ]);
    expect(result.source).not.toContain('# Orders');
    expect(result.source).not.toContain('source(');
  });

  it('leaves raw blocks and comments alone', () => {
    expect(result.source).toContain('{% raw %}{% docs not_a_block %}{% endraw %}{# {% snapshot not_a_block %} #}');
  });

  it('turns tests and materializations into macros dbt names', () => {
    const macros = getExportedMacros(compileTemplate(env, source, 'macros/blocks.sql'), {});
    expect(Object.keys(macros)).toEqual(['test_not_negative', 'materialization_my_table_duckdb', 'materialization_other_default', 'test_multi_line']);
    // The dashes of {%- test … -%} keep trimming the whitespace around the body.
    expect(callMacro(macros.test_not_negative, [], { model: 'orders', column_name: 'amount' })).toBe('select * from orders where amount < 0');
    expect(callMacro(macros.test_multi_line, ['orders'])).toBe('select 1 from orders');
    expect(callMacro(macros.materialization_my_table_duckdb)).toEqual({ relations: [] });
    expect(macros.materialization_other_default.name).toBe('materialization_other_default');
  });

  it('keeps error lines right after a removed block', () => {
    const error = renderError('{% docs d %}\none\ntwo\n{% enddocs %}\n{{ 1 / 0 }}');
    expect(error.line).toBe(5);
  });

  it('keeps whitespace control on removed blocks', () => {
    expect(render('a  \n{%- docs d %}x{% enddocs -%}\n  b')).toBe('ab');
  });

  it('fails with the file and line of a block that is never closed', () => {
    expect(() => preprocessJinja('select 1\n\n{% docs orders %}\ntext', 'models/docs.md')).toThrow(SluiceError);
    try {
      preprocessJinja('select 1\n\n{% docs orders %}\ntext', 'models/docs.md');
    } catch (error) {
      expect(error).toMatchObject({ file: 'models/docs.md', line: 3, message: "'{% docs %}' is never closed: expected '{% enddocs %}'" });
    }
  });

  it('refuses materialization arguments dbt refuses', () => {
    expect(() => preprocessJinja("{% materialization m, flavour='x' %}{% endmaterialization %}", 'm.sql')).toThrow(/unknown materialization argument 'flavour'/);
  });
});
