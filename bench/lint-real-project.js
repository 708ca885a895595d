#!/usr/bin/env node
/**
 * Writes a dbt project whose models look like real teams' models, for the lint benchmarks:
 *
 *   node bench/lint-real-project.js <dir> <N> [seed]
 *
 * bench/generate-project.js writes short models (a CTE or two, one macro): lint runs faster on those than on
 * a real project. Here, as in real projects:
 * - models run to a hundred lines and more: staging models rename and cast tens of columns; intermediate
 *   models import their parents as CTEs, join them, then chain enrich → window → final CTEs; marts
 *   aggregate with pivots and surrogate keys;
 * - Jinja loops over column lists, statuses and metrics, `config()`, `var()`, `is_incremental()`;
 * - macros come from a package installed as `dbt deps` leaves it (dbt_packages/bench_utils, written for the
 *   benchmark in the shape dbt_utils gives its macros: `adapter.dispatch` entry points calling dbt's
 *   cross-database macros) and from the project's own macros/;
 * - macros read dbt's `graph`, as packages such as dbt_project_evaluator, codegen or a team's PII helpers
 *   do: the documented columns of a parent (`star_documented`), the columns whose meta marks PII
 *   (`meta_columns`), the model's owner from its meta — read while parsing, without an `execute` guard
 *   (`model_owner`) — and two inventory models that walk every node of the graph;
 * - YAML documents most models' columns, with tests and `meta`.
 * The same N and seed always give the same bytes.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT = 'lint_bench';
const SOURCES = ['erp', 'crm', 'web', 'billing', 'support'];
const TABLES = ['orders', 'order_lines', 'customers', 'products', 'invoices', 'shipments', 'companies', 'contacts', 'opportunities', 'sessions', 'events', 'payments', 'refunds', 'subscriptions', 'tickets'];
const DOMAINS = ['finance', 'sales', 'marketing', 'operations', 'product', 'support'];
const STATUSES = ['placed', 'shipped', 'completed', 'returned', 'cancelled'];
const DIMENSIONS = ['region', 'segment', 'channel', 'currency', 'country_code', 'plan_name'];
const METRICS = ['amount', 'quantity', 'discount_amount', 'tax_amount', 'shipping_amount', 'cost_amount'];
const ATTRIBUTES = ['description', 'category', 'source_system', 'external_reference', 'priority', 'sales_owner', 'billing_city', 'industry', 'lead_source', 'product_line'];
const PII = ['email', 'first_name', 'last_name', 'phone_number', 'ip_address'];
const FLAGS = ['is_test_account', 'is_internal', 'is_archived', 'has_discount'];
const TIMESTAMPS = ['created_at', 'updated_at', 'closed_at', 'first_seen_at'];

/** mulberry32: a small seeded generator, so the project depends on the seed and nothing else. */
function randomGenerator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Generates the project into `dir` (created if missing; it must be empty). Returns the models (name, path,
 * layer, refs), the files written and the lines of SQL in the models.
 */
export function generateLintProject(dir, { models: modelCount, seed = 7 } = {}) {
  if (!Number.isInteger(modelCount) || modelCount < 10) throw new Error(`models must be an integer of at least 10, got ${modelCount}`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: generate into a new folder`);
  const random = randomGenerator(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const some = (items, min, max) => shuffled(items, random).slice(0, min + Math.floor(random() * (max - min + 1)));
  const files = new Map();

  const models = planModels(modelCount, random, pick, some);
  files.set('dbt_project.yml', projectFile());
  files.set('profiles.yml', `${PROJECT}:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: target/bench.duckdb\n      schema: main\n      threads: 4\n`);
  files.set('packages.yml', 'packages:\n  - package: bench-labs/bench_utils\n    version: [">=1.0.0", "<2.0.0"]\n');
  for (const [path, text] of benchUtilsPackage()) files.set(`dbt_packages/bench_utils/${path}`, text);
  for (const [path, text] of projectMacros()) files.set(`macros/${path}`, text);
  let lines = 0;
  for (const model of models) {
    const sql = modelSql(model, random, pick, some);
    lines += sql.split('\n').length - 1;
    files.set(model.path, sql);
  }
  for (const [source, tables] of groupBy(models.filter((m) => m.layer === 'staging'), (m) => m.source)) {
    files.set(`models/staging/${source}/_${source}__sources.yml`, sourcesYaml(source, tables));
  }
  for (const [folder, folderModels] of groupBy(models, (m) => dirname(m.path))) {
    const documented = folderModels.filter(() => random() < 0.85);
    if (documented.length) files.set(`${folder}/_${folder.split('/').pop()}__models.yml`, propertiesYaml(documented, random));
  }

  for (const [path, text] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  return {
    dir,
    models: models.map((m) => ({ name: m.name, path: m.path, layer: m.layer, refs: m.refs.map((r) => r.name) })),
    files: [...files.keys()].sort(),
    sqlLines: lines,
  };
}

function shuffled(items, random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function planModels(count, random, pick, some) {
  const stagingCount = Math.max(1, Math.round(count * 0.1));
  const martCount = Math.round((count - stagingCount) * 0.38);
  const inventoryCount = 2;
  const intermediateCount = count - stagingCount - martCount - inventoryCount;
  const models = [];
  for (let i = 0; i < stagingCount; i++) {
    const source = SOURCES[i % SOURCES.length];
    const round = Math.floor(i / SOURCES.length);
    const table = round < TABLES.length ? TABLES[round] : `${TABLES[round % TABLES.length]}_${Math.floor(round / TABLES.length) + 1}`;
    const entity = table.replace(/_\d+$/, '').replace(/ies$/, 'y').replace(/s$/, '');
    const columns = {
      strings: some(ATTRIBUTES, 3, 8),
      metrics: some(METRICS, 2, 5),
      dimensions: some(DIMENSIONS, 3, 6),
      pii: random() < 0.4 ? some(PII, 1, 4) : [],
      flags: some(FLAGS, 1, 3),
      timestamps: ['created_at', 'updated_at', ...some(TIMESTAMPS.slice(2), 0, 2)],
    };
    const name = `stg_${source}__${table}`;
    models.push({ layer: 'staging', name, path: `models/staging/${source}/${name}.sql`, source, table, entity, key: `${entity}_id`, refs: [], columns });
  }
  for (let i = 0; i < intermediateCount + martCount; i++) {
    const layer = i < intermediateCount ? 'intermediate' : 'marts';
    const domain = pick(DOMAINS);
    // A mart joins its first ref with at most two others.
    const refs = chooseRefs(models, layer, random).slice(0, layer === 'marts' ? 3 : 4);
    const base = refs[0];
    const entity = base.entity;
    const name = layer === 'intermediate' ? `int_${domain}__${entity}s_${i}` : `${random() < 0.6 ? 'fct' : 'dim'}_${domain}_${entity}s_${i}`;
    const columns = {
      strings: base.columns.strings,
      metrics: base.columns.metrics,
      dimensions: base.columns.dimensions,
      pii: [],
      flags: base.columns.flags,
      timestamps: base.columns.timestamps,
    };
    const model = { layer, name, path: `models/${layer}/${domain}/${name}.sql`, entity, key: `${entity}_id`, refs, columns, domain };
    model.incremental = layer === 'marts' ? random() < 0.35 : random() < 0.1;
    model.readsDocumentedColumns = layer === 'intermediate' && refs.length > 1 && random() < 0.3;
    model.unqualified = random() < 0.08;
    model.ownerFromGraph = layer === 'marts' && random() < 0.4;
    models.push(model);
  }
  models.push({ layer: 'monitoring', name: 'graph_model_inventory', path: 'models/monitoring/graph_model_inventory.sql', refs: [], inventory: 'model' });
  models.push({ layer: 'monitoring', name: 'graph_test_coverage', path: 'models/monitoring/graph_test_coverage.sql', refs: [], inventory: 'test' });
  return models;
}

/** 1–4 distinct earlier models, mostly recent ones: intermediate models read staging and intermediate ones, marts read those and marts. */
function chooseRefs(earlier, layer, random) {
  const candidates = earlier.filter((m) => m.layer !== 'monitoring' && (layer === 'marts' || m.layer !== 'marts'));
  const wanted = Math.min(candidates.length, 1 + Math.floor(random() * 4));
  const chosen = new Set();
  while (chosen.size < wanted) {
    const window = random() < 0.7 ? Math.min(candidates.length, 30) : candidates.length;
    chosen.add(candidates[candidates.length - 1 - Math.floor(random() * window)]);
  }
  return [...chosen];
}

function projectFile() {
  return `name: '${PROJECT}'
version: '1.0.0'
config-version: 2
profile: '${PROJECT}'

model-paths: ['models']
macro-paths: ['macros']
test-paths: ['tests']
target-path: 'target'
clean-targets: ['target', 'dbt_packages']

dispatch:
  - macro_namespace: bench_utils
    search_order: ['${PROJECT}', 'bench_utils']

vars:
  start_date: '2020-01-01'
  order_statuses: ${JSON.stringify(STATUSES).replaceAll('"', "'")}
  default_owner: 'data-platform'

models:
  ${PROJECT}:
    +materialized: view
    staging:
      +schema: staging
      +tags: ['staging', 'injected_data']
    intermediate:
      +materialized: table
      +schema: intermediate
      +tags: ['intermediate']
    marts:
      +materialized: table
      +schema: marts
      +tags: ['marts', 'transformed_data']
    monitoring:
      +materialized: table
      +schema: monitoring
`;
}

/** The package, dbt_utils-like in shape (dispatching entry points, dbt's cross-database macros inside), written for the benchmark. */
function benchUtilsPackage() {
  return new Map([
    ['dbt_project.yml', "name: 'bench_utils'\nversion: '1.2.0'\nconfig-version: 2\nrequire-dbt-version: ['>=1.3.0', '<2.0.0']\nmacro-paths: ['macros']\n"],
    [
      'macros/sql/surrogate_key.sql',
      `{%- macro surrogate_key(field_list) -%}
    {{ return(adapter.dispatch('surrogate_key', 'bench_utils')(field_list)) }}
{%- endmacro -%}

{%- macro default__surrogate_key(field_list) -%}
    {%- set null_value = var('surrogate_key_null_value', '_null_') -%}
    {%- set parts = [] -%}
    {%- for field in field_list -%}
        {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '" ~ null_value ~ "')") -%}
        {%- if not loop.last -%}{%- do parts.append("'-'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro -%}
`,
    ],
    [
      'macros/sql/hash_column.sql',
      `{%- macro hash_column(column, salt=none) -%}
    {{ return(adapter.dispatch('hash_column', 'bench_utils')(column, salt)) }}
{%- endmacro -%}

{%- macro default__hash_column(column, salt) -%}
    {%- if salt is none -%}
        {{ dbt.hash(column) }}
    {%- else -%}
        {{ dbt.hash(dbt.concat([column, "'" ~ salt ~ "'"])) }}
    {%- endif -%}
{%- endmacro -%}
`,
    ],
    [
      'macros/sql/safe_divide.sql',
      `{%- macro safe_divide(numerator, denominator) -%}
    {{ return(adapter.dispatch('safe_divide', 'bench_utils')(numerator, denominator)) }}
{%- endmacro -%}

{%- macro default__safe_divide(numerator, denominator) -%}
    case when ({{ denominator }}) = 0 or ({{ denominator }}) is null then null else ({{ numerator }}) / ({{ denominator }}) end
{%- endmacro -%}
`,
    ],
    [
      'macros/sql/date_trunc_to.sql',
      `{%- macro date_trunc_to(datepart, column) -%}
    {%- if datepart not in ['day', 'week', 'month', 'quarter', 'year'] -%}
        {{ exceptions.raise_compiler_error("date_trunc_to: unknown date part " ~ datepart) }}
    {%- endif -%}
    {{ dbt.date_trunc(datepart, column) }}
{%- endmacro -%}
`,
    ],
    [
      'macros/sql/pivot.sql',
      `{%- macro pivot(column, values, alias=true, agg='sum', cmp='=', prefix='', suffix='', then_value=1, else_value=0, distinct=false) -%}
    {%- for value in values -%}
        {{ agg }}(
            {%- if distinct %} distinct{% endif %}
            case when {{ column }} {{ cmp }} '{{ dbt.escape_single_quotes(value) }}'
                then {{ then_value }}
                else {{ else_value }}
            end
        )
        {%- if alias %} as {{ adapter.quote(prefix ~ value ~ suffix) if ' ' in value else prefix ~ value ~ suffix }}{% endif %}
        {%- if not loop.last %},
        {% endif -%}
    {%- endfor -%}
{%- endmacro -%}
`,
    ],
    [
      'macros/sql/group_by.sql',
      `{%- macro group_by(n) -%}
    group by {% for i in range(1, n + 1) -%}
        {{ i }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro -%}
`,
    ],
    [
      'macros/graph/star_documented.sql',
      `{#- The columns a model's YAML documents, read from the graph (no query): a star that lists its columns. -#}
{%- macro star_documented(model_name, except=[], relation_alias=none, prefix='') -%}
    {%- if not execute -%}
        {{ return('*') }}
    {%- endif -%}
    {%- set node = graph.nodes.get('model.' ~ project_name ~ '.' ~ model_name) -%}
    {%- set columns = [] -%}
    {%- if node -%}
        {%- for column in node.columns.values() if column.name | lower not in except -%}
            {%- do columns.append(column.name | lower) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if not columns -%}
        {{ return((relation_alias ~ '.' if relation_alias else '') ~ '*') }}
    {%- endif -%}
    {%- for column in columns -%}
        {%- if relation_alias %}{{ relation_alias }}.{% endif %}{{ column }}{% if prefix %} as {{ prefix ~ column }}{% endif %}
        {%- if not loop.last %},
        {% endif -%}
    {%- endfor -%}
{%- endmacro -%}
`,
    ],
    [
      'macros/graph/meta_columns.sql',
      `{#- The columns of a model whose meta sets meta_key (a PII flag, say), from the graph. -#}
{%- macro meta_columns(model_name, meta_key) -%}
    {%- set found = [] -%}
    {%- if execute -%}
        {%- set node = graph.nodes['model.' ~ project_name ~ '.' ~ model_name] -%}
        {%- for name, column in node.columns.items() -%}
            {%- if column.meta.get(meta_key) == true -%}
                {%- do found.append(name | lower) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(found) }}
{%- endmacro -%}
`,
    ],
    [
      'macros/graph/model_owner.sql',
      `{#- Who owns the model being rendered: its meta's owner, else the project's default. Read while parsing too. -#}
{%- macro model_owner() -%}
    {%- set node = graph.get('nodes', {}).get(model.unique_id) -%}
    {%- set owner = node.meta.get('owner') if node else none -%}
    {{ return(owner or var('default_owner', 'unknown')) }}
{%- endmacro -%}
`,
    ],
  ]);
}

function projectMacros() {
  return new Map([
    [
      'clean_string.sql',
      `{%- macro clean_string(column, case='lower') -%}
    {%- if case == 'lower' -%}
        nullif(lower(trim({{ column }})), '')
    {%- else -%}
        nullif(upper(trim({{ column }})), '')
    {%- endif -%}
{%- endmacro -%}
`,
    ],
    [
      'cents_to_dollars.sql',
      `{%- macro cents_to_dollars(column, scale=2) -%}
    round(cast({{ column }} as decimal(18, 4)) / 100, {{ scale }})
{%- endmacro -%}
`,
    ],
    [
      'limit_in_dev.sql',
      `{%- macro limit_in_dev(column, days=3) -%}
    {%- if target.name == 'dev' -%}
        and {{ column }} >= {{ dbt.dateadd('day', -days, dbt.current_timestamp()) }}
    {%- endif -%}
{%- endmacro -%}
`,
    ],
  ]);
}

function modelSql(model, random, pick, some) {
  if (model.inventory === 'model') return modelInventorySql();
  if (model.inventory === 'test') return testCoverageSql();
  if (model.layer === 'staging') return stagingSql(model);
  if (model.layer === 'intermediate') return intermediateSql(model, random, some);
  return martSql(model, random, some);
}

/** Output columns, in order, that downstream models may read. */
function outputColumns(model) {
  const c = model.columns;
  return [model.key, 'account_id', 'status', ...c.strings, ...c.dimensions, ...c.metrics, ...c.flags, ...c.timestamps];
}

function stagingSql(model) {
  const c = model.columns;
  const lines = [
    '{{',
    '    config(',
    "        materialized='view',",
    `        tags=['staging', '${model.source}']`,
    '    )',
    '}}',
    '',
    "{%- set pii_columns = bench_utils.meta_columns(model.name, 'pii') -%}",
    `{%- set timestamp_columns = ${JSON.stringify(c.timestamps).replaceAll('"', "'")} -%}`,
    '',
    'with source as (',
    '',
    `    select * from {{ source('${model.source}', '${model.table}') }}`,
    '',
    '),',
    '',
    'renamed as (',
    '',
    '    select',
    '        -- keys',
    `        cast(id as bigint) as ${model.key},`,
    '        cast(account_id as bigint) as account_id,',
    '',
    '        -- attributes',
    "        {{ clean_string('status') }} as status,",
    ...c.strings.map((s) => `        {{ clean_string('${s}') }} as ${s},`),
    ...c.dimensions.map((d) => (d === 'currency' || d === 'country_code' ? `        {{ clean_string('${d}', case='upper') }} as ${d},` : `        {{ clean_string('${d}') }} as ${d},`)),
    ...c.pii.map((p) => `        ${p},`),
    '',
    '        -- amounts',
    ...c.metrics.map((m) => (m.endsWith('amount') ? `        {{ cents_to_dollars('${m}_cents') }} as ${m},` : `        cast(${m} as decimal(18, 4)) as ${m},`)),
    '',
    '        -- flags',
    ...c.flags.map((f) => `        coalesce(${f}, false) as ${f},`),
    '',
    '        -- timestamps',
    '        {%- for column in timestamp_columns %}',
    '        cast({{ column }} as timestamp) as {{ column }},',
    '        {%- endfor %}',
    '        _loaded_at',
    '',
    '    from source',
    '    where not coalesce(_is_deleted, false)',
    "        {{ limit_in_dev('updated_at') }}",
    '',
    '),',
    '',
    'hashed as (',
    '',
    '    select',
    '        renamed.*,',
    '        {%- for column in pii_columns %}',
    "        {{ bench_utils.hash_column('renamed.' ~ column, salt=var('pii_salt', 'bench')) }} as {{ column }}_hash,",
    '        {%- endfor %}',
    `        {{ bench_utils.surrogate_key(['renamed.${model.key}', 'renamed.account_id']) }} as ${model.entity}_key`,
    '    from renamed',
    '',
    '),',
    '',
    'deduplicated as (',
    '',
    '    select',
    '        hashed.*,',
    '        row_number() over (',
    `            partition by hashed.${model.key}`,
    '            order by hashed.updated_at desc, hashed._loaded_at desc',
    '        ) as row_number_desc',
    '    from hashed',
    '',
    ')',
    '',
    'select * from deduplicated',
    'where row_number_desc = 1',
  ];
  return lines.join('\n') + '\n';
}

function aliasOf(ref, index) {
  return index === 0 ? 'base' : `${ref.entity}_${index}`;
}

function importCtes(model) {
  const lines = [];
  model.refs.forEach((ref, i) => {
    lines.push(`${aliasOf(ref, i)} as (`, '', `    select * from {{ ref('${ref.name}') }}`, '', '),', '');
  });
  return lines;
}

function intermediateSql(model, random, some) {
  const c = model.columns;
  const base = model.refs[0];
  const joined = model.refs.slice(1);
  const config = model.incremental ? `{{ config(materialized='incremental', unique_key='${model.key}', on_schema_change='append_new_columns') }}` : "{{ config(materialized='table') }}";
  const lines = [config, '', `{%- set metric_columns = ${JSON.stringify(c.metrics).replaceAll('"', "'")} -%}`, "{%- set statuses = var('order_statuses') -%}", '', 'with', '', ...importCtes(model)];
  lines.push('joined as (', '', '    select');
  const baseColumns = outputColumns(model);
  for (const column of baseColumns) lines.push(`        base.${column},`);
  joined.forEach((ref, i) => {
    const alias = aliasOf(ref, i + 1);
    if (model.readsDocumentedColumns) {
      lines.push(`        {{ bench_utils.star_documented('${ref.name}', except=['account_id', 'status'], relation_alias='${alias}', prefix='${alias}_') }},`);
    } else {
      for (const column of some(ref.columns.metrics, 1, 2)) lines.push(`        ${alias}.${column} as ${alias}_${column},`);
      lines.push(`        ${alias}.${ref.key} as ${alias}_${ref.key},`);
    }
  });
  // Some models forget a qualifier, as real ones do (RF02 finds them).
  lines.push(model.unqualified ? '        _loaded_at as base_loaded_at' : '        base.updated_at as base_updated_at');
  lines.push('    from base');
  joined.forEach((ref, i) => {
    const alias = aliasOf(ref, i + 1);
    lines.push(`    left join ${alias}`, `        on base.account_id = ${alias}.account_id`);
    if (random() < 0.5) lines.push(`        and ${alias}.status != 'cancelled'`);
  });
  lines.push('', '),', '');
  const metric = c.metrics[0];
  const second = c.metrics[1] ?? c.metrics[0];
  lines.push(
    'enriched as (',
    '',
    '    select',
    '        joined.*,',
    '        {%- for status in statuses %}',
    "        case when joined.status = '{{ status }}' then 1 else 0 end as is_{{ status }},",
    '        {%- endfor %}',
    `        {{ bench_utils.safe_divide('joined.${metric}', 'joined.${second}') }} as ${metric}_per_${second},`,
    "        {{ bench_utils.date_trunc_to('month', 'joined.created_at') }} as created_month,",
    "        {{ bench_utils.date_trunc_to('week', 'joined.created_at') }} as created_week,",
    '        case',
    `            when joined.${metric} >= 1000 then 'large'`,
    `            when joined.${metric} >= 100 then 'medium'`,
    `            when joined.${metric} > 0 then 'small'`,
    "            else 'none'",
    '        end as size_band,',
    ...c.dimensions.slice(0, 2).map((d) => `        coalesce(joined.${d}, 'unknown') as ${d}_or_unknown,`),
    '        {{ dbt.datediff("joined.created_at", "joined.updated_at", "day") }} as days_to_update',
    '    from joined',
    '',
    '),',
    '',
    'windowed as (',
    '',
    '    select',
    '        enriched.*,',
    '        {%- for metric in metric_columns %}',
    '        sum(enriched.{{ metric }}) over (',
    '            partition by enriched.account_id',
    '            order by enriched.created_at',
    '            rows between unbounded preceding and current row',
    '        ) as running_{{ metric }},',
    '        lag(enriched.{{ metric }}) over (partition by enriched.account_id order by enriched.created_at) as previous_{{ metric }},',
    '        {%- endfor %}',
    '        row_number() over (partition by enriched.account_id order by enriched.created_at) as account_sequence',
    '    from enriched',
    '',
    '),',
    '',
    'final as (',
    '',
    '    select',
  );
  const finalColumns = [...baseColumns, 'created_month', 'created_week', 'size_band', 'days_to_update', 'account_sequence'];
  for (const m of c.metrics) finalColumns.push(`running_${m}`, `previous_${m}`);
  for (const s of STATUSES) finalColumns.push(`is_${s}`);
  finalColumns.forEach((column, i) => lines.push(`        windowed.${column}${i === finalColumns.length - 1 ? '' : ','}`));
  lines.push('    from windowed', `    where windowed.created_at >= cast('{{ var("start_date") }}' as timestamp)`);
  if (model.incremental) lines.push('    {% if is_incremental() %}', '        and windowed.updated_at > (select max(this.updated_at) from {{ this }} as this)', '    {% endif %}');
  lines.push('', ')', '', 'select * from final');
  model.outputs = finalColumns;
  return lines.join('\n') + '\n';
}

function martSql(model, random, some) {
  const c = model.columns;
  const joined = model.refs.slice(1);
  const dimensions = c.dimensions.slice(0, 4);
  const statusList = JSON.stringify(STATUSES).replaceAll('"', "'");
  const config = model.incremental
    ? `{{\n    config(\n        materialized='incremental',\n        unique_key='${model.name}_key',\n        incremental_strategy='merge',\n        tags=['${model.domain}']\n    )\n}}`
    : `{{ config(materialized='table', tags=['${model.domain}']) }}`;
  const lines = [
    config,
    '',
    `{%- set dimensions = ${JSON.stringify(dimensions.map((d) => `base.${d}`)).replaceAll('"', "'")} -%}`,
    `{%- set metrics = ${JSON.stringify(c.metrics).replaceAll('"', "'")} -%}`,
    `{%- set statuses = var('order_statuses', ${statusList}) -%}`,
    '',
    'with',
    '',
    ...importCtes(model),
    'daily as (',
    '',
    '    select',
    "        {{ bench_utils.date_trunc_to('day', 'base.created_at') }} as activity_date,",
    '        {%- for dimension in dimensions %}',
    '        {{ dimension }},',
    '        {%- endfor %}',
    '        count(*) as row_count,',
    `        count(distinct base.${model.key}) as distinct_${model.entity}s,`,
    '        {%- for metric in metrics %}',
    '        sum(base.{{ metric }}) as total_{{ metric }},',
    '        avg(base.{{ metric }}) as average_{{ metric }},',
    '        {%- endfor %}',
  ];
  joined.forEach((ref, i) => lines.push(`        count(distinct ${aliasOf(ref, i + 1)}.${ref.key}) as ${aliasOf(ref, i + 1)}_count,`));
  lines.push(
    `        {{ bench_utils.pivot('base.status', statuses, agg='sum', then_value='base.${c.metrics[0]}', prefix='${c.metrics[0]}_') }},`,
    "        {{ bench_utils.pivot('base.status', statuses, prefix='rows_') }}",
    '    from base',
  );
  joined.forEach((ref, i) => {
    const alias = aliasOf(ref, i + 1);
    lines.push(`    left join ${alias}`, `        on base.account_id = ${alias}.account_id`, `        and base.created_at >= ${alias}.created_at`);
  });
  lines.push(`    where base.created_at >= cast('{{ var("start_date") }}' as timestamp)`, '    {{ bench_utils.group_by(1 + dimensions | length) }}', '', '),', '');
  lines.push(
    'with_keys as (',
    '',
    '    select',
    `        {{ bench_utils.surrogate_key(['daily.activity_date'] + ${JSON.stringify(dimensions.map((d) => `daily.${d}`)).replaceAll('"', "'")}) }} as ${model.name}_key,`,
    '        daily.*,',
    `        {{ bench_utils.safe_divide('daily.total_${c.metrics[0]}', 'daily.row_count') }} as ${c.metrics[0]}_per_row,`,
    '        {%- for metric in metrics %}',
    "        {{ bench_utils.safe_divide('daily.total_' ~ metric, 'sum(daily.total_' ~ metric ~ ') over (partition by daily.activity_date)') }} as share_of_day_{{ metric }},",
    '        {%- endfor %}',
  );
  if (model.ownerFromGraph) lines.push("        '{{ bench_utils.model_owner() }}' as owning_team,");
  lines.push('        current_timestamp as calculated_at', '    from daily', '', ')', '', 'select * from with_keys');
  if (model.incremental) lines.push('{% if is_incremental() %}', 'where with_keys.activity_date >= (select max(this.activity_date) from {{ this }} as this)', '{% endif %}');
  model.outputs = [`${model.name}_key`, 'activity_date', ...dimensions, 'row_count', `distinct_${model.entity}s`, ...c.metrics.flatMap((m) => [`total_${m}`, `average_${m}`])];
  return lines.join('\n') + '\n';
}

/** dbt_project_evaluator's way: one row per model of the graph, read at execute time. */
function modelInventorySql() {
  return `{{ config(materialized='table', tags=['monitoring']) }}

{%- set rows = [] -%}
{%- if execute -%}
    {%- for node in graph.nodes.values() | selectattr('resource_type', 'equalto', 'model') -%}
        {%- do rows.append("('" ~ node.unique_id ~ "', '" ~ node.name ~ "', '" ~ node.config.materialized ~ "', " ~ (node.depends_on.nodes | length) ~ ", " ~ (node.columns | length) ~ ")") -%}
    {%- endfor -%}
{%- endif -%}

with inventory as (

    {% if rows %}
    select * from (
        values
        {{ rows | join(',\\n        ') }}
    ) as models (unique_id, model_name, materialized, parent_count, documented_columns)
    {% else %}
    select
        cast(null as varchar) as unique_id,
        cast(null as varchar) as model_name,
        cast(null as varchar) as materialized,
        cast(null as integer) as parent_count,
        cast(null as integer) as documented_columns
    {% endif %}

)

select
    inventory.unique_id,
    inventory.model_name,
    inventory.materialized,
    inventory.parent_count,
    inventory.documented_columns,
    inventory.documented_columns > 0 as is_documented
from inventory
`;
}

/** Tests per model, counted over the graph at execute time. */
function testCoverageSql() {
  return `{{ config(materialized='table', tags=['monitoring']) }}

{%- set counts = {} -%}
{%- if execute -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'test' -%}
        {%- for parent in node.depends_on.nodes -%}
            {%- do counts.update({parent: counts.get(parent, 0) + 1}) -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endif -%}

with coverage as (

    {% for parent, count in counts.items() %}
    select '{{ parent }}' as unique_id, {{ count }} as test_count
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- else %}
    select cast(null as varchar) as unique_id, 0 as test_count
    {% endfor %}

)

select
    coverage.unique_id,
    coverage.test_count
from coverage
`;
}

function sourcesYaml(source, models) {
  const lines = ['version: 2', '', 'sources:', `  - name: ${source}`, `    schema: raw_${source}`, `    description: Raw ${source} data, loaded nightly.`];
  lines.push('    loaded_at_field: _loaded_at', '    freshness:', '      warn_after: {count: 24, period: hour}', '    tables:');
  for (const model of models) {
    lines.push(`      - name: ${model.table}`, '        columns:', '          - name: id', '            data_tests:', '              - unique', '              - not_null');
  }
  return lines.join('\n') + '\n';
}

function propertiesYaml(models, random) {
  const lines = ['version: 2', '', 'models:'];
  for (const model of models) {
    lines.push(`  - name: ${model.name}`, `    description: ${describe(model)}`);
    if (model.layer !== 'monitoring') lines.push('    meta:', `      owner: ${random() < 0.5 ? `${model.domain ?? model.source}-team` : 'analytics'}`);
    if (model.inventory) continue;
    lines.push('    columns:');
    const columns = model.outputs ?? outputColumns(model);
    const documented = columns.filter((column, i) => i < 3 || random() < 0.5);
    for (const column of documented) {
      lines.push(`      - name: ${column}`, `        description: ${column.replaceAll('_', ' ')}.`);
      if (model.columns.pii.includes(column)) lines.push('        meta:', '          pii: true');
      if (column === model.key) lines.push('        data_tests:', '          - not_null', ...(model.layer === 'marts' ? [] : ['          - unique']));
      if (column === 'status') lines.push('        data_tests:', `          - accepted_values:`, `              values: ${JSON.stringify(STATUSES).replaceAll('"', "'")}`);
    }
    if (model.layer === 'staging') for (const pii of model.columns.pii) if (!documented.includes(pii)) lines.push(`      - name: ${pii}`, '        meta:', '          pii: true');
  }
  return lines.join('\n') + '\n';
}

function describe(model) {
  if (model.layer === 'staging') return `${model.table} from ${model.source}, renamed and cast.`;
  if (model.layer === 'monitoring') return 'What the project graph holds, for monitoring.';
  return `${model.layer === 'marts' ? 'Mart' : 'Intermediate model'} built from ${model.refs.map((r) => r.name).join(', ')}.`;
}

function groupBy(items, key) {
  const groups = new Map();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k).push(item);
  }
  return groups;
}

const isScript = process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isScript) {
  const [dir, count, seed] = process.argv.slice(2);
  if (!dir || !count) {
    console.error(`usage: node ${fileURLToPath(import.meta.url)} <dir> <models> [seed]`);
    process.exit(2);
  }
  try {
    const result = generateLintProject(dir, { models: Number(count), seed: seed === undefined ? undefined : Number(seed) });
    console.log(`wrote ${result.models.length} models (${result.sqlLines} lines of SQL) in ${result.files.length} files to ${dir}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
