/**
 * The project rules on small real projects: each rule finds what it should, at the file, line and column
 * a user would open, and leaves the near misses alone; and the bundled example is clean.
 */
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { sqlParserFor } from '../../src/sql/sql-parser.js';
import { outputColumnsOfTree } from '../../src/lint/output-columns.js';
import { loadLintSettings } from '../../src/lint/lint-config.js';
import type { ProjectLintContext, ProjectViolation } from '../../src/lint/rule.js';
import { hardCodedRelations } from '../../src/lint/rules/hard-coded-relation.js';
import { PROJECT_RULES } from '../../src/lint/rules/project-rules.js';
import { openSession } from '../../src/session.js';
import { REPO_ROOT, makeProject } from '../support/project.js';

type Columns = Record<string, string[] | null>;

/** Opens the project and returns a function that runs one rule by code over every file. */
function projectLint(files: Record<string, string>, outputColumns: Columns = {}): (code: string) => ProjectViolation[] {
  const dir = makeProject(files);
  const { project, graph } = openSession({ projectDir: dir });
  const warnings: Array<{ message: string }> = [];
  const settings = loadLintSettings(dir, PROJECT_RULES, warnings);
  expect(warnings).toEqual([]);
  const context: ProjectLintContext = {
    project,
    graph,
    settings,
    files: new Set(Object.keys(files)),
    outputColumns: (node) => outputColumns[node.name] ?? null,
  };
  return (code) => {
    const rule = PROJECT_RULES.find((candidate) => candidate.code === code);
    if (!rule) throw new Error(`no rule ${code}`);
    // `about` (which model a YAML finding concerns) is the runner's business: lint-command.test.ts covers it.
    return rule.check(context).map(({ about: _about, ...violation }) => violation);
  };
}

const SOURCES = `version: 2
sources:
  - name: raw
    tables:
      - name: orders
      - name: customers
`;

describe('the project rules', () => {
  it('are nine, with unique codes and kebab-case names', () => {
    expect(PROJECT_RULES.map((rule) => rule.code)).toEqual(['SL01', 'SL02', 'SL03', 'SL04', 'SL05', 'SL06', 'SL07', 'SL08', 'SL09']);
    for (const rule of PROJECT_RULES) {
      expect(rule.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description.length).toBeGreaterThan(20);
    }
    expect(PROJECT_RULES.filter((rule) => rule.severity === 'error').map((rule) => rule.code)).toEqual(['SL04', 'SL08']);
  });
});

describe('SL01 layer-naming', () => {
  const files = {
    'models/staging/orders.sql': 'select 1 as id',
    'models/staging/stg_customers.sql': 'select 1 as id',
    'models/marts/dim_customers.sql': "select * from {{ ref('stg_customers') }}",
    'models/intermediate/int_orders.sql': "select * from {{ ref('orders') }}",
    'models/other/helper.sql': 'select 1 as id',
  };

  it("flags a model whose name lacks its layer's prefix, and only that one", () => {
    const found = projectLint(files)('SL01');
    expect(found).toEqual([
      { file: 'models/staging/orders.sql', line: 1, column: 1, message: "model 'orders' is in the staging layer, so its name should start with stg_" },
    ]);
  });

  it('follows the layers and prefixes of sluice.yml', () => {
    const found = projectLint({
      ...files,
      'sluice.yml': 'lint:\n  layers:\n    staging: { folders: [staging], prefixes: [base_, raw_] }\n    marts: { folders: [marts], prefixes: [mart_] }\n',
    })('SL01');
    expect(found.map((finding) => finding.file).sort()).toEqual(['models/marts/dim_customers.sql', 'models/staging/orders.sql', 'models/staging/stg_customers.sql']);
    expect(found.find((finding) => finding.file === 'models/marts/dim_customers.sql')!.message).toContain('marts layer, so its name should start with mart_');
    // intermediate is no longer a layer: int_orders is not checked.
    expect(found.some((finding) => finding.file.includes('intermediate'))).toBe(false);
  });
});

describe('SL02 staging-reads-sources', () => {
  it('flags a staging model that refs another model, at the ref', () => {
    const found = projectLint({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_customers.sql': "select * from {{ source('raw', 'customers') }}",
      'models/staging/stg_orders.sql': "select o.*\nfrom {{ source('raw', 'orders') }} as o\n  join {{ ref('stg_customers') }} as c on o.customer_id = c.id",
    })('SL02');
    expect(found).toEqual([
      {
        file: 'models/staging/stg_orders.sql',
        line: 3,
        column: 11,
        message: "staging model 'stg_orders' reads model 'stg_customers': staging models read only sources and seeds (move the join to a higher layer)",
      },
    ]);
  });

  it('lets staging read sources and seeds, and other layers read models', () => {
    const found = projectLint({
      'models/staging/sources.yml': SOURCES,
      'seeds/country_codes.csv': 'code,name\nDE,Germany\n',
      'models/staging/stg_customers.sql': "select * from {{ source('raw', 'customers') }} join {{ ref('country_codes') }} using (code)",
      'models/analytics/dim_customers.sql': "select * from {{ ref('stg_customers') }}",
    })('SL02');
    expect(found).toEqual([]);
  });
});

describe('SL03 source-outside-staging', () => {
  it('flags a mart that reads a source, at the source() call', () => {
    const found = projectLint({
      'models/staging/sources.yml': SOURCES,
      'models/analytics/fact_orders.sql': "select *\nfrom {{ source('raw', 'orders') }}",
    })('SL03');
    expect(found).toEqual([
      {
        file: 'models/analytics/fact_orders.sql',
        line: 2,
        column: 9,
        message: "analytics model 'fact_orders' reads source 'raw.orders' directly: read it through a staging model",
      },
    ]);
  });

  it('lets staging models read sources, also in subfolders, and marts read seeds', () => {
    const found = projectLint({
      'models/staging/sources.yml': SOURCES,
      'seeds/fx_rates.csv': 'currency,rate\nEUR,1\n',
      'models/staging/sap/stg_sap__orders.sql': "select * from {{ source('raw', 'orders') }}",
      'models/staging/stg_customers.sql': "select * from {{ source('raw', 'customers') }}",
      'models/analytics/fact_orders.sql': "select * from {{ ref('stg_sap__orders') }} join {{ ref('fx_rates') }} using (currency)",
    })('SL03');
    expect(found).toEqual([]);
  });
});

describe('SL04 layer-direction', () => {
  it('flags a ref from a lower layer to a higher one, as an error', () => {
    const lint = projectLint({
      'models/intermediate/int_orders.sql': "select 1 as id\nunion all\nselect id from {{ ref('fct_orders') }}",
      'models/marts/fct_orders.sql': 'select 1 as id',
    });
    expect(lint('SL04')).toEqual([
      {
        file: 'models/intermediate/int_orders.sql',
        line: 3,
        column: 19,
        message: "intermediate model 'int_orders' reads 'fct_orders' from the higher analytics layer: a layer reads only its own and lower layers",
      },
    ]);
    expect(PROJECT_RULES.find((rule) => rule.code === 'SL04')!.severity).toBe('error');
  });

  it('lets models read their own and lower layers, and leaves models outside layers alone', () => {
    const found = projectLint({
      'models/staging/stg_orders.sql': 'select 1 as id',
      'models/intermediate/int_orders.sql': "select * from {{ ref('stg_orders') }}",
      'models/intermediate/int_orders_deduplicated.sql': "select distinct * from {{ ref('int_orders') }}",
      'models/marts/fct_orders.sql': "select * from {{ ref('int_orders_deduplicated') }}",
      'models/reports/orders_report.sql': "select * from {{ ref('fct_orders') }}",
    })('SL04');
    expect(found).toEqual([]);
  });
});

describe('SL05 hard-coded-relation', () => {
  it('flags names after FROM and JOIN, at the name', () => {
    const found = projectLint({
      'models/staging/stg_orders.sql': 'select o.id, c.name\n\nfrom raw.orders as o\n    left join analytics.dim_customers c on o.customer_id = c.id',
    })('SL05');
    expect(found).toEqual([
      {
        file: 'models/staging/stg_orders.sql',
        line: 3,
        column: 6,
        message: "'raw.orders' is a hard-coded relation: read it with {{ ref('…') }} or {{ source('…', '…') }} so the graph and pull-request environments know about it",
      },
      expect.objectContaining({ file: 'models/staging/stg_orders.sql', line: 4, column: 15, message: expect.stringContaining("'analytics.dim_customers' is a hard-coded relation") }),
    ]);
  });

  it('leaves refs, sources, CTEs, {{ this }}, subqueries, table functions and FROM inside functions alone', () => {
    const found = projectLint({
      'models/staging/sources.yml': SOURCES,
      'models/staging/stg_orders.sql': [
        "{{ config(materialized='incremental', unique_key='id') }}",
        '-- reads raw.orders from the ERP',
        "with orders as (select * from {{ source('raw', 'orders') }}),",
        'recent (id, day) as (select id, extract(day from ordered_at) from orders),',
        'numbers as materialized (select * from range(10) as t(n))',
        '{# from raw.legacy_orders #}',
        "select 'from raw.x' as note, recent.id, u.tag",
        'from recent',
        'join numbers on numbers.n = recent.day',
        'cross join unnest([1, 2]) as u(tag)',
        'left join (select 1 as id from numbers) as one using (id)',
        'where recent.id is distinct from 0 and trim(both from note) <> \'\'',
        '{% if is_incremental() %}',
        '  and recent.id > (select max(id) from {{ this }})',
        '{% endif %}',
      ].join('\n'),
    })('SL05');
    expect(found).toEqual([]);
  });

  it('reads comma-separated FROM lists and quoted names, and skips names built with Jinja', () => {
    expect(hardCodedRelations('select * from {{ ref("a") }} as a, raw.b as b, "raw"."c"').map((relation) => relation.name)).toEqual(['raw.b', '"raw"."c"']);
    expect(hardCodedRelations("select * from {{ target.schema }}.orders join {{ var('schema') }}.customers using (id)")).toEqual([]);
  });
});

describe('SL06 primary-key-test', () => {
  const models = {
    'models/analytics/fact_orders.sql': "{{ config(materialized='incremental', unique_key='order_id') }}\nselect 1 as order_id",
    'models/analytics/dim_customers.sql': 'select 1 as customer_id',
    'models/analytics/fact_order_lines.sql': 'select 1 as order_id, 1 as line_number',
    'models/analytics/int_helper.sql': "{{ config(materialized='ephemeral') }}\nselect 1 as x",
    'models/analytics/dim_days.sql': 'select 1 as day',
  };
  const schema = `version: 2
models:
  - name: dim_customers
    columns:
      - name: customer_id
        data_tests: [unique, not_null]
  - name: fact_orders
    description: Orders.
    columns:
      - name: order_id
        data_tests: [unique]
  - name: fact_order_lines
    data_tests:
      - dbt_utils.unique_combination_of_columns:
          combination_of_columns: [order_id, line_number]
`;

  it('flags models without a tested key, at their YAML entry or the top of their file, naming a declared key', () => {
    // The test macro as dbt deps installs dbt_utils (a generic test must name a macro that exists).
    const dbtUtils = {
      'dbt_packages/dbt_utils/dbt_project.yml': "name: dbt_utils\nversion: '1.0.0'\nconfig-version: 2\n",
      'dbt_packages/dbt_utils/macros/unique_combination_of_columns.sql':
        '{% test unique_combination_of_columns(model, combination_of_columns) %}\nselect 1 from {{ model }} where false\n{% endtest %}\n',
    };
    const found = projectLint({ ...models, ...dbtUtils, 'models/analytics/_analytics.yml': schema })('SL06');
    expect(found).toHaveLength(2);
    expect(found).toContainEqual({ file: 'models/analytics/dim_days.sql', line: 1, column: 1, message: "model 'dim_days' has no primary-key test: give its key column unique and not_null tests" });
    expect(found).toContainEqual({
      file: 'models/analytics/_analytics.yml',
      line: 7,
      column: 1,
      message: "model 'fact_orders' has no primary-key test: test its key order_id (from unique_key) with unique and not_null",
    });
  });

  it('accepts unique + not_null given as model-level tests on a column expression', () => {
    const found = projectLint({
      'models/analytics/dim_days.sql': 'select 1 as day, 2 as region',
      'models/analytics/_analytics.yml': `version: 2
models:
  - name: dim_days
    data_tests:
      - unique:
          column_name: "day || '-' || region"
      - not_null:
          column_name: "day || '-' || region"
`,
    })('SL06');
    expect(found).toEqual([]);
  });
});

describe('SL07 documented', () => {
  const schema = `version: 2
models:
  - name: dim_customers
    description: One row per customer.
    columns:
      - name: customer_id
        description: '{{ doc("customer_id") }}'
      - name: region
  - name: dim_regions
    columns:
      - name: region
        description: Sales region.
  - name: dim_days
    description: Calendar days.
`;
  const files = {
    'models/analytics/dim_customers.sql': 'select 1 as customer_id, 2 as region',
    'models/analytics/dim_regions.sql': 'select 1 as region',
    'models/analytics/dim_days.sql': 'select 1 as day',
    'models/analytics/dim_undocumented.sql': 'select 1 as x',
    'models/analytics/_analytics.yml': schema,
    'models/docs.md': '{% docs customer_id %}Customer number.{% enddocs %}',
  };

  it('flags a model without a description and a listed column without one', () => {
    const found = projectLint(files)('SL07');
    expect(found).toHaveLength(3);
    // A column's finding points at the column's own entry.
    expect(found).toContainEqual({ file: 'models/analytics/_analytics.yml', line: 8, column: 1, message: "column 'region' of model 'dim_customers' has no description" });
    expect(found).toContainEqual({ file: 'models/analytics/_analytics.yml', line: 9, column: 1, message: "model 'dim_regions' has no description: add a description" });
    expect(found).toContainEqual({
      file: 'models/analytics/dim_undocumented.sql',
      line: 1,
      column: 1,
      message: "model 'dim_undocumented' has no description: describe it in a YAML file (models: - name: … description: …)",
    });
  });

  it('accepts doc() descriptions and described models that list no columns', () => {
    const found = projectLint(files)('SL07');
    expect(found.some((finding) => finding.message.includes('customer_id') || finding.message.includes('dim_days'))).toBe(false);
  });
});

describe('SL08 documented-column-exists', () => {
  const files = {
    'models/analytics/dim_customers.sql': 'select 1 as id, 2 as name',
    'models/analytics/_analytics.yml': `version: 2
models:
  - name: dim_customers
    description: Customers.
    columns:
      - name: ID
        description: Customer number.
      - name: name
        description: Name.
      - name: email
        description: E-mail address.
`,
  };

  it('flags a documented column the model does not produce, as an error', () => {
    const found = projectLint(files, { dim_customers: ['id', 'name'] })('SL08');
    expect(found).toEqual([
      {
        file: 'models/analytics/_analytics.yml',
        line: 10,
        column: 1,
        message: "column 'email' is documented for model 'dim_customers', which does not produce it (it produces id, name)",
      },
    ]);
  });

  it('says nothing when every documented column is produced, or when the output columns are unknown', () => {
    const lint = projectLint(files, { dim_customers: ['id', 'name', 'email', 'created_at'] });
    expect(lint('SL08')).toEqual([]);
    expect(projectLint(files, { dim_customers: null })('SL08')).toEqual([]);
  });
});

describe('SL09 unused-source', () => {
  const sources = `version: 2
sources:
  - name: raw
    tables:
      - name: orders
      - name: countries
      - name: web_events
      - name: legacy_orders
        columns:
          - name: id
            data_tests: [not_null]
`;

  it('flags a declared source table that only its own tests read, at its YAML entry', () => {
    const found = projectLint({
      'models/staging/sources.yml': sources,
      'models/staging/stg_orders.sql': "select * from {{ source('raw', 'orders') }}",
      'models/staging/_staging.yml': `version: 2
models:
  - name: stg_orders
    columns:
      - name: country_code
        data_tests:
          - relationships:
              to: source('raw', 'countries')
              field: code
`,
      'models/exposures.yml': `version: 2
exposures:
  - name: clickstream
    type: dashboard
    owner: { name: Web }
    depends_on:
      - source('raw', 'web_events')
`,
    })('SL09');
    expect(found).toEqual([
      {
        file: 'models/staging/sources.yml',
        line: 8,
        column: 1,
        message: "source 'raw.legacy_orders' is declared but nothing reads it: read it with {{ source('raw', 'legacy_orders') }} or remove it",
      },
    ]);
  });
});

describe('the bundled example', () => {
  it('has no finding from any project rule with the default settings', () => {
    const projectDir = join(REPO_ROOT, 'examples', 'airline');
    const { project, graph, renderer } = openSession({ projectDir });
    const settings = loadLintSettings(projectDir, PROJECT_RULES, []);
    const { parser, database } = sqlParserFor(renderer.dialect.name);
    const parsedColumns: string[] = [];
    const context: ProjectLintContext = {
      project,
      graph,
      settings,
      files: new Set([...project.nodes.values()].map((node) => node.originalFilePath)),
      outputColumns(node) {
        const columns = outputColumnsOfTree(parser.astify(renderer.renderWithSourceMap(node).sql, { database }));
        if (columns) parsedColumns.push(node.name);
        return columns;
      },
    };
    const found = PROJECT_RULES.flatMap((rule) => rule.check(context).map((finding) => `${rule.code} ${finding.file}:${finding.line} ${finding.message}`));
    expect(found).toEqual([]);
    // SL08 really compared: most models' SQL names every column it produces.
    expect(parsedColumns.length).toBeGreaterThanOrEqual(8);
  });
});
