import { describe, expect, test } from '@jest/globals';
import { formatSqlSource, type FormatOutcome } from '../../src/lint/format-sql.js';
import { defaultLintSettings, type FormatSettings } from '../../src/lint/lint-config.js';

// The formatter as `lint.format` turns it on (it is off by default).
const defaults: FormatSettings = { ...defaultLintSettings().format, enabled: true };
const indent = ' '.repeat(defaults.tabWidth);
const settings = (changes: Partial<FormatSettings> = {}): FormatSettings => ({ ...defaults, ...changes });

function formatted(outcome: FormatOutcome): string {
  if (outcome.status !== 'formatted') throw new Error(`expected formatted, got ${JSON.stringify(outcome)}`);
  return outcome.text;
}

const jinjaTags = (text: string): string[] => text.match(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g) ?? [];

const INCREMENTAL_MODEL = `{{
    config(
        materialized='incremental',
        unique_key='id'
    )
}}

with events as (select id, ts, amount from {{ ref('stg_events') }} where amount > 0)
select id, ts, sum(amount) as total from events
{% if is_incremental() %}
where ts > (select max(ts) from {{ this }})
{% endif %}${'  '}
group by 1, 2
`;

describe('formatSqlSource', () => {
  test('formats a plain SQL file', () => {
    const outcome = formatSqlSource('SELECT a, b,count(*) AS n FROM orders WHERE a=1 AND b>2 GROUP BY 1,2\n', 'databricks', defaults);
    expect(formatted(outcome)).toBe(
      ['SELECT', '    a,', '    b,', '    count(*) AS n', 'FROM', '    orders', 'WHERE', '    a = 1', '    AND b > 2', 'GROUP BY', '    1,', '    2', ''].join('\n'),
    );
  });

  test('a file already formatted is unchanged', () => {
    const text = 'select\n    a,\n    b\nfrom\n    orders\nwhere\n    a = 1\n';
    expect(formatSqlSource(text, 'databricks', defaults)).toEqual({ status: 'unchanged' });
    expect(formatSqlSource(text, 'duckdb', defaults)).toEqual({ status: 'unchanged' });
  });

  test('formatting off leaves every file unchanged', () => {
    expect(formatSqlSource('select a,b from t', 'duckdb', settings({ enabled: false }))).toEqual({ status: 'unchanged' });
  });

  test('a model with config, ref and an incremental block keeps every Jinja tag as written and in order', () => {
    const text = formatted(formatSqlSource(INCREMENTAL_MODEL, 'databricks', defaults));
    expect(text).toBe(`{{
    config(
        materialized='incremental',
        unique_key='id'
    )
}}

with
    events as (
        select
            id,
            ts,
            amount
        from
            {{ ref('stg_events') }}
        where
            amount > 0
    )
select
    id,
    ts,
    sum(amount) as total
from
    events
    {% if is_incremental() %}
where
    ts > (
        select
            max(ts)
        from
            {{ this }}
    )
    {% endif %}
group by
    1,
    2
`);
    expect(jinjaTags(text)).toEqual(jinjaTags(INCREMENTAL_MODEL));
    expect(jinjaTags(text)).toHaveLength(5);
    // The statement tags stay alone on their lines.
    expect(text.split('\n').filter((line) => line.includes('{%')).map((line) => line.trim())).toEqual(['{% if is_incremental() %}', '{% endif %}']);
  });

  test('the lines before the SQL (config, set, comments, blank lines) are kept byte for byte', () => {
    const header = `-- owner: data team  \n{%- set cutoff = "2024-01-01" -%}\n{{ config(\n  materialized = "table",\n    tags=["daily"] ) }}\n\n\n`;
    const text = formatted(formatSqlSource(`${header}select a from {{ ref('x') }} where d > cutoff_date`, 'duckdb', defaults));
    expect(text.startsWith(header)).toBe(true);
    expect(text.slice(header.length)).toBe("select\n    a\nfrom\n    {{ ref('x') }}\nwhere\n    d > cutoff_date");
  });

  test('Jinja glued to names, Jinja comments and multi-line expressions come back as written', () => {
    const source = [
      'select {{ prefix }}_id, x_{{ suffix }}, {{ schema }}.tbl.col {# why #},',
      '{#- a note on its own line -#}',
      '{{ dbt_utils.generate_surrogate_key([',
      "        'a', 'b'",
      '    ]) }} as sk',
      'from t -- was {{ ref("old") }}',
      '',
    ].join('\n');
    const text = formatted(formatSqlSource(source, 'databricks', defaults));
    expect(text).toBe(
      [
        'select',
        '    {{ prefix }}_id,',
        '    x_{{ suffix }},',
        '    {{ schema }}.tbl.col {# why #},',
        '    {#- a note on its own line -#}',
        '    {{ dbt_utils.generate_surrogate_key([',
        "        'a', 'b'",
        '    ]) }} as sk',
        'from',
        '    t -- was {{ ref("old") }}',
        '',
      ].join('\n'),
    );
    expect(jinjaTags(text)).toEqual(jinjaTags(source));
  });

  test('a {% if %} in the middle of a line is skipped, naming the line', () => {
    const outcome = formatSqlSource('select\n  a,\n  b{% if x %}, c{% endif %}\nfrom t\n', 'databricks', defaults);
    expect(outcome.status).toBe('skipped');
    expect(outcome).toMatchObject({ reason: expect.stringContaining('line 3') });
  });

  test('an expression inside a string stays as written; a statement there, opaque blocks and unclosed tags are skipped', () => {
    const inString = formatSqlSource("select a\nfrom t\nwhere d > '{{ var(\"start\") }}' and e = \"{{ col }}\"\n", 'duckdb', { ...defaults, keywordCase: 'upper' });
    expect(inString).toEqual({ status: 'formatted', text: `SELECT\n${indent}a\nFROM\n${indent}t\nWHERE\n${indent}d > '{{ var("start") }}'\n${indent}AND e = "{{ col }}"\n` });
    const statementInString = formatSqlSource("select a\nfrom t\nwhere d > '{% if x %}1{% endif %}'\n", 'duckdb', defaults);
    expect(statementInString).toEqual({ status: 'skipped', reason: 'Jinja on line 3 is inside an SQL string or quoted name' });
    const macro = formatSqlSource('{% macro cents(x) %}{{ x }} * 100{% endmacro %}\nselect {{ cents("a") }} from t\n', 'duckdb', defaults);
    expect(macro).toMatchObject({ status: 'skipped', reason: expect.stringContaining('macro') });
    const captured = formatSqlSource('{% set cols %}\na, b\n{% endset %}\nselect {{ cols }} from t\n', 'duckdb', defaults);
    expect(captured).toMatchObject({ status: 'skipped', reason: expect.stringContaining('line 1') });
    expect(formatSqlSource('select a from {{ ref("x")\n', 'duckdb', defaults)).toEqual({ status: 'skipped', reason: 'the Jinja tag on line 1 is not closed' });
    expect(formatSqlSource('select a\nfrom t\n/*\n{% if x %}\n*/\n', 'duckdb', defaults)).toMatchObject({ status: 'skipped', reason: expect.stringContaining('line 4') });
  });

  test('SQL the formatter cannot parse is skipped with its message, not thrown', () => {
    const outcome = formatSqlSource('{{ config(materialized="view") }}\n\nselect (((( from {{ ref("x") }}\n', 'databricks', defaults);
    expect(outcome.status).toBe('skipped');
    const reason = (outcome as { reason: string }).reason;
    expect(reason).toMatch(/^sql-formatter: Parse error/);
    expect(reason).not.toContain('\n');
    expect(reason).not.toContain('__sluice');
  });

  test('is idempotent: formatting the result again changes nothing', () => {
    const inputs = [
      INCREMENTAL_MODEL,
      'select a,b from t union all select c,d from u\n',
      "with x as (select * from {{ source('app', 'users') }}), y as (select id, case when a then 1 else 0 end as f from x)\nselect * from y left join z on y.id = z.id where f = 1 or id in (1, 2, 3)\n",
      '{% set cols = ["a", "b"] %}\nselect\n{% for c in cols %}\n  sum({{ c }}) as {{ c }}_total,\n{% endfor %}\n  count(*) as n\nfrom {{ ref("t") }}\n',
      'select * from t\n{% if target.name == "dev" %}\nwhere a = 1\n{% else %}\nwhere b = 2\n{% endif %}\nlimit 10\n',
    ];
    for (const dialect of ['databricks', 'duckdb']) {
      for (const [index, input] of inputs.entries()) {
        const once = formatted(formatSqlSource(input, dialect, defaults));
        expect({ index, dialect, again: formatSqlSource(once, dialect, defaults) }).toEqual({ index, dialect, again: { status: 'unchanged' } });
        expect(jinjaTags(once)).toEqual(jinjaTags(input));
      }
    }
  });

  test('the dialect decides what parses: DuckDB double-quoted names and casts, Spark backticks', () => {
    expect(formatted(formatSqlSource('select "Order Id", amount::decimal(10,2) as a from t\n', 'duckdb', defaults))).toBe(
      'select\n    "Order Id",\n    amount::decimal(10, 2) as a\nfrom\n    t\n',
    );
    expect(formatSqlSource('select amount::decimal(10,2) as a from t\n', 'databricks', defaults).status).toBe('skipped');
    expect(formatted(formatSqlSource('select `Order Id`, amount from t\n', 'databricks', defaults))).toBe('select\n    `Order Id`,\n    amount\nfrom\n    t\n');
    expect(formatSqlSource('select `Order Id` from t\n', 'duckdb', defaults).status).toBe('skipped');
    // Any other target is formatted as standard SQL.
    expect(formatted(formatSqlSource('select a from t\n', 'postgres', defaults))).toBe('select\n    a\nfrom\n    t\n');
  });

  test('settings: keyword case upper and an indent of 2', () => {
    const text = formatted(formatSqlSource('select a, count(*) as n from {{ ref("t") }} group by a\n', 'duckdb', settings({ keywordCase: 'upper', functionCase: 'upper', tabWidth: 2 })));
    expect(text).toBe('SELECT\n  a,\n  COUNT(*) AS n\nFROM\n  {{ ref("t") }}\nGROUP BY\n  a\n');
  });

  test('settings: tabs, dense operators, logical operators after, lines between queries', () => {
    const text = formatted(
      formatSqlSource(
        'select a from t where a = 1 and b = 2;\nselect b from u;\n',
        'duckdb',
        settings({ useTabs: true, denseOperators: true, logicalOperatorNewline: 'after', linesBetweenQueries: 2 }),
      ),
    );
    expect(text).toBe('select\n\ta\nfrom\n\tt\nwhere\n\ta=1 and\n\tb=2;\n\n\nselect\n\tb\nfrom\n\tu;\n');
  });

  test('keeps the trailing newline convention and CRLF line endings', () => {
    expect(formatted(formatSqlSource('select a from t', 'duckdb', defaults))).toBe('select\n    a\nfrom\n    t');
    expect(formatted(formatSqlSource('select a from t\n\n\n', 'duckdb', defaults))).toBe('select\n    a\nfrom\n    t\n');
    expect(formatted(formatSqlSource('{{ config(materialized="view") }}\r\nselect a from t\r\n', 'duckdb', defaults))).toBe(
      '{{ config(materialized="view") }}\r\nselect\r\n    a\r\nfrom\r\n    t\r\n',
    );
    expect(formatSqlSource('select a\r\nfrom t\n', 'duckdb', defaults)).toEqual({ status: 'skipped', reason: 'the file mixes line endings' });
  });

  test('a result that would read as different SQL is skipped', () => {
    // Dense operators would glue `/ *` into `/*`, which opens a comment.
    expect(formatSqlSource('select a, b / *c from t\n', 'duckdb', settings({ denseOperators: true }))).toEqual({
      status: 'skipped',
      reason: 'the formatter would change more than whitespace and letter case',
    });
    // Operators that only lose their spaces are still the same SQL.
    expect(formatted(formatSqlSource('select a * -b from t\n', 'duckdb', settings({ denseOperators: true })))).toBe('select\n    a*-b\nfrom\n    t\n');
  });

  test('a file that already holds the placeholder text is skipped', () => {
    expect(formatSqlSource('select __sluice_jinja_0__ from t\n', 'duckdb', defaults)).toMatchObject({ status: 'skipped', reason: expect.stringContaining('__sluice_') });
  });

  test('files with no SQL are unchanged', () => {
    expect(formatSqlSource('', 'duckdb', defaults)).toEqual({ status: 'unchanged' });
    expect(formatSqlSource('{{ config(materialized="ephemeral") }}\n-- nothing yet\n', 'duckdb', defaults)).toEqual({ status: 'unchanged' });
  });
});
