#!/usr/bin/env node
/**
 * Writes a synthetic but realistic dbt project of N models for the benchmarks:
 *
 *   node bench/generate-project.js <dir> <N> [seed]
 *
 * Layers as real projects have them: ~10% `stg_` models reading sources, then intermediate and mart
 * models that each ref 1–4 earlier models (so the refs form a DAG), with the Jinja real projects use
 * (set/for/if, config(), var(), is_incremental(), a project macro) and YAML properties with tests.
 * The same N and seed always give the same bytes, so benchmark runs compare like with like.
 *
 * Every model outputs the same five columns, so the project also builds on DuckDB once the raw
 * source tables exist (`generateProject` returns them; see `createSourceTablesSql`).
 */
import { cpSync, mkdirSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SOURCES = {
  erp: ['orders', 'order_lines', 'customers', 'products', 'invoices', 'shipments', 'suppliers', 'warehouses'],
  crm: ['accounts', 'contacts', 'opportunities', 'leads', 'campaigns'],
  web: ['sessions', 'page_views', 'events', 'signups'],
  billing: ['payments', 'refunds', 'subscriptions', 'plans'],
  support: ['tickets', 'agents', 'satisfaction_scores'],
};
const DOMAINS = ['finance', 'sales', 'marketing', 'operations', 'product'];
const ENTITIES = ['orders', 'customers', 'revenue', 'accounts', 'sessions', 'payments', 'tickets', 'products', 'subscriptions', 'shipments'];
const STATUSES = ['placed', 'shipped', 'returned', 'cancelled'];

/** The columns every source table has and every model outputs. */
export const COLUMNS = [
  { name: 'id', type: 'integer', description: 'Primary key.' },
  { name: 'account_id', type: 'integer', description: 'The account the row belongs to.' },
  { name: 'amount', type: 'decimal(18, 2)', description: 'Amount in the account currency.' },
  { name: 'status', type: 'varchar', description: `One of ${STATUSES.join(', ')}.` },
  { name: 'updated_at', type: 'timestamp', description: 'When the row last changed.' },
];

/** mulberry32: a tiny seeded generator, so the project depends on the seed and nothing else. */
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
 * Generates the project into `dir` (created if missing; it must be empty).
 * Returns what was written: the model names in build order, the source tables and the files.
 */
export function generateProject(dir, { models: modelCount, seed = 42, dbtUtils } = {}) {
  if (!Number.isInteger(modelCount) || modelCount < 1) throw new Error(`models must be a positive integer, got ${modelCount}`);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: generate into a new folder`);
  const random = randomGenerator(seed);
  const pick = (items) => items[Math.floor(random() * items.length)];
  const files = new Map();

  const models = planModels(modelCount, random, pick);
  const sourceTables = [...new Map(models.filter((m) => m.source).map((m) => [`${m.source}.${m.table}`, m])).values()].map(
    (m) => ({ source: m.source, schema: `raw_${m.source}`, table: m.table }),
  );

  files.set('dbt_project.yml', projectFile());
  files.set('profiles.yml', profilesFile());
  files.set('macros/clean_amount.sql', cleanAmountMacro());
  if (dbtUtils) {
    // A third of the downstream models call dbt_utils, installed as `dbt deps` leaves it.
    files.set('packages.yml', 'packages:\n  - package: dbt-labs/dbt_utils\n    version: [">=1.0.0", "<2.0.0"]\n');
    if (dbtUtils === 'stand-in') for (const [path, text] of standInDbtUtils()) files.set(`dbt_packages/dbt_utils/${path}`, text);
    let index = 0;
    for (const model of models) if (model.layer !== 'staging' && index++ % 3 === 0) model.callsDbtUtils = true;
  }
  for (const model of models) files.set(`${model.folder}/${model.name}.sql`, modelSql(model, random));
  for (const [source, tables] of groupBy(sourceTables, (t) => t.source)) {
    files.set(`models/staging/${source}/_${source}__sources.yml`, sourcesYaml(source, tables));
  }
  for (const [folder, folderModels] of groupBy(models, (m) => m.folder)) {
    const documented = folderModels.filter(() => random() < 0.85);
    if (documented.length) files.set(`${folder}/_${folder.split('/').pop()}__models.yml`, propertiesYaml(documented));
  }

  for (const [path, text] of files) {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  // The real package, from a checkout of dbt-labs/dbt-utils at a release tag (not shipped with Sluice).
  if (dbtUtils && dbtUtils !== 'stand-in') cpSync(dbtUtils, join(dir, 'dbt_packages', 'dbt_utils'), { recursive: true, filter: (path) => !path.split(/[\\/]/).includes('.git') });
  return {
    dir,
    models: models.map((m) => ({ name: m.name, path: `${m.folder}/${m.name}.sql`, refs: m.refs.map((r) => r.name), materialized: m.materialized })),
    sources: sourceTables,
    files: [...files.keys()].sort(),
  };
}

/** SQL that creates and fills the raw source tables, `rows` rows each, so the project can be built. */
export function createSourceTablesSql(sources, rows = 100) {
  const columns = COLUMNS.map((c) => `${c.name} ${c.type}`).join(', ');
  const statuses = STATUSES.map((s) => `'${s}'`).join(', ');
  return sources.flatMap(({ schema, table }) => [
    `create schema if not exists ${schema}`,
    `create or replace table ${schema}.${table} (${columns})`,
    `insert into ${schema}.${table} select i, i % 17, round(i * 1.25, 2), [${statuses}][i % 4 + 1], ` +
      `timestamp '2021-01-01' + to_days(cast(i as integer)) from range(1, ${rows + 1}) t(i)`,
  ]);
}

function planModels(count, random, pick) {
  const stagingCount = Math.max(1, Math.round(count * 0.1));
  const intermediateCount = Math.round((count - stagingCount) * 0.6);
  const sourceNames = Object.keys(SOURCES);
  const models = [];

  for (let i = 0; i < stagingCount; i++) {
    const source = sourceNames[i % sourceNames.length];
    const tables = SOURCES[source];
    // Past the named tables, further tables of a source get a numbered twin (orders_2, …).
    const round = Math.floor(i / sourceNames.length);
    const table = round < tables.length ? tables[round] : `${tables[round % tables.length]}_${Math.floor(round / tables.length) + 1}`;
    models.push({ layer: 'staging', name: `stg_${source}__${table}`, folder: `models/staging/${source}`, source, table, refs: [], materialized: 'view' });
  }
  for (let i = stagingCount; i < count; i++) {
    const layer = i < stagingCount + intermediateCount ? 'intermediate' : 'marts';
    const domain = pick(DOMAINS);
    const entity = pick(ENTITIES);
    const name = layer === 'intermediate' ? `int_${domain}__${entity}_${i}` : `${random() < 0.6 ? 'fct' : 'dim'}_${entity}_${i}`;
    const model = { layer, name, folder: `models/${layer}/${domain}`, refs: chooseRefs(models, layer, random) };
    model.materialized = materializationFor(model, random);
    models.push(model);
  }
  return models;
}

/**
 * 1–4 distinct earlier models: mostly recent ones, so chains grow deep as real lineages do, and
 * some from anywhere before. Intermediate models read staging and intermediate; marts read
 * intermediate and marts (staging when nothing else exists yet); never a later model, so no cycles.
 */
function chooseRefs(earlier, layer, random) {
  let candidates = layer === 'intermediate' ? earlier : earlier.filter((m) => m.layer !== 'staging');
  if (candidates.length === 0) candidates = earlier;
  const wanted = Math.min(candidates.length, 1 + Math.floor(random() * 4));
  const chosen = new Set();
  while (chosen.size < wanted) {
    const recent = random() < 0.7;
    const window = recent ? Math.min(candidates.length, 20) : candidates.length;
    chosen.add(candidates[candidates.length - 1 - Math.floor(random() * window)]);
  }
  return [...chosen];
}

function materializationFor(model, random) {
  if (model.layer === 'marts' && model.name.startsWith('fct_') && random() < 0.4) return 'incremental';
  if (model.layer === 'marts') return 'table';
  // Mostly tables: DuckDB inlines views, and long chains of views that fan in make its planner crawl.
  return random() < 0.75 ? 'table' : 'view';
}

function projectFile() {
  return `name: 'bench'
version: '1.0.0'
config-version: 2
profile: 'bench'

model-paths: ['models']
macro-paths: ['macros']
test-paths: ['tests']
target-path: 'target'
clean-targets: ['target']

vars:
  start_date: '2020-01-01'

models:
  bench:
    +materialized: view
    staging:
      +schema: staging
      +tags: ['staging', 'injected_data']
    intermediate:
      +schema: intermediate
      +tags: ['intermediate']
    marts:
      +materialized: table
      +schema: marts
      +tags: ['marts', 'transformed_data']
`;
}

function profilesFile() {
  return `bench:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: target/bench.duckdb
      schema: main
      threads: 4
`;
}

function cleanAmountMacro() {
  return `{% macro clean_amount(expression, scale=2) -%}
    round(coalesce(cast({{ expression }} as decimal(18, {{ scale }})), 0), {{ scale }})
{%- endmacro %}
`;
}

function modelSql(model, random) {
  return model.layer === 'staging' ? stagingSql(model) : downstreamSql(model, random);
}

function stagingSql(model) {
  return `{% set cols = ['id', 'account_id', 'updated_at'] %}

with source as (

    select * from {{ source('${model.source}', '${model.table}') }}

),

renamed as (

    select
        {{ clean_amount('amount') }} as amount,
        lower(trim(status)) as status,
        {% for c in cols -%}
        {{ c }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from source

)

select * from renamed
`;
}

function downstreamSql(model, random) {
  const [base, ...joined] = model.refs;
  const lines = [];
  if (model.materialized === 'incremental') lines.push(`{{ config(materialized='incremental', unique_key='id') }}`, '');
  else if (model.materialized === 'table' && model.layer !== 'marts') lines.push(`{{ config(materialized='table') }}`, '');
  lines.push(`{% set cols = ['account_id', 'status', 'updated_at'] %}`, '');
  lines.push('with base as (', '', `    select * from {{ ref('${base.name}') }}`, '', joined.length ? '),' : ')');
  joined.forEach((ref, i) => {
    const last = i === joined.length - 1;
    lines.push('', `joined_${i + 1} as (`, '', `    select id, amount from {{ ref('${ref.name}') }}`, '', last ? ')' : '),');
  });
  const amounts = ['base.amount', ...joined.map((_, i) => `coalesce(joined_${i + 1}.amount, 0)`)];
  const amount = amounts.length > 1 ? `greatest(${amounts.join(', ')})` : amounts[0];
  lines.push('', 'select', '    base.id,', `    {{ clean_amount('${amount}') }} as amount,`);
  lines.push('    {% for c in cols %}', '    base.{{ c }}{% if not loop.last %},{% endif %}', '    {% endfor %}');
  lines.push('from base');
  joined.forEach((_, i) => lines.push(`left join joined_${i + 1} on base.id = joined_${i + 1}.id`));
  lines.push(`where base.updated_at >= '{{ var("start_date") }}'`);
  if (model.callsDbtUtils) lines.push(`    and {{ dbt_utils.generate_surrogate_key(['base.id', 'base.account_id', 'base.status']) }} is not null`);
  if (model.materialized === 'incremental') {
    lines.push('{% if is_incremental() %}', '    and base.updated_at > (select max(updated_at) from {{ this }})', '{% endif %}');
  } else if (random() < 0.3) {
    lines.push(`{% if var('include_cancelled', true) == false %}`, `    and base.status != 'cancelled'`, '{% endif %}');
  }
  return lines.join('\n') + '\n';
}

/**
 * A package named dbt_utils written for the benchmark (Sluice ships no third-party code): the macro the
 * models call, shaped as dbt_utils writes its macros — a dispatching entry point, dbt's cross-database
 * macros inside — so rendering costs what the real one costs. Pass a checkout of the real package instead
 * with BENCH_DBT_UTILS.
 */
function standInDbtUtils() {
  return new Map([
    ['dbt_project.yml', "name: 'dbt_utils'\nversion: '1.0.0'\nconfig-version: 2\nrequire-dbt-version: ['>=1.3.0', '<2.0.0']\n"],
    [
      'macros/sql/generate_surrogate_key.sql',
      `{%- macro generate_surrogate_key(field_list) -%}
    {{ return(adapter.dispatch('generate_surrogate_key', 'dbt_utils')(field_list)) }}
{% endmacro %}

{%- macro default__generate_surrogate_key(field_list) -%}
    {%- set default_null_value = var('surrogate_key_treat_nulls_as_empty_strings', '_null_') -%}
    {%- set parts = [] -%}
    {%- for field in field_list -%}
        {%- do parts.append("coalesce(cast(" ~ field ~ " as " ~ dbt.type_string() ~ "), '" ~ default_null_value ~ "')") -%}
        {%- if not loop.last -%}{%- do parts.append("'-'") -%}{%- endif -%}
    {%- endfor -%}
    {{ dbt.hash(dbt.concat(parts)) }}
{%- endmacro -%}
`,
    ],
  ]);
}

function sourcesYaml(source, tables) {
  const lines = ['version: 2', '', 'sources:', `  - name: ${source}`, `    schema: raw_${source}`, `    description: Raw ${source} data, loaded nightly.`];
  lines.push('    loaded_at_field: updated_at', '    freshness:', '      warn_after: {count: 24, period: hour}', '    tables:');
  for (const { table } of tables) {
    lines.push(`      - name: ${table}`, '        columns:', '          - name: id', '            data_tests:', '              - unique', '              - not_null');
  }
  return lines.join('\n') + '\n';
}

function propertiesYaml(models) {
  const lines = ['version: 2', '', 'models:'];
  for (const model of models) {
    lines.push(`  - name: ${model.name}`, `    description: ${describe(model)}`, '    columns:');
    for (const column of COLUMNS) {
      lines.push(`      - name: ${column.name}`, `        description: ${column.description}`);
      const tests = columnTests(model, column.name);
      if (tests.length) lines.push('        data_tests:', ...tests.map((t) => `          - ${t}`));
    }
  }
  return lines.join('\n') + '\n';
}

function columnTests(model, column) {
  if (column === 'id') {
    const tests = ['unique', 'not_null'];
    // Ids flow from the first ref through left joins, so they always exist there.
    if (model.refs.length) tests.push(`relationships:\n              to: ref('${model.refs[0].name}')\n              field: id`);
    return tests;
  }
  if (column === 'status') return [`accepted_values:\n              values: [${STATUSES.map((s) => `'${s}'`).join(', ')}]`];
  return [];
}

function describe(model) {
  if (model.layer === 'staging') return `${model.table} from ${model.source}, cleaned.`;
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
    const result = generateProject(dir, { models: Number(count), seed: seed === undefined ? undefined : Number(seed) });
    console.log(`wrote ${result.models.length} models and ${result.sources.length} source tables in ${result.files.length} files to ${dir}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
