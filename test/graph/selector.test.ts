import { describe, it, expect } from '@jest/globals';
import { SluiceError } from '../../src/errors.js';
import { addEdge, addNode, emptyGraph, type Graph } from '../../src/graph/graph.js';
import { parseSelector, selectNodes, type SelectOptions } from '../../src/graph/selector.js';
import type { Node, NodeConfig } from '../../src/project/types.js';

/**
 * A small hand-built project, `shop`, with one installed package `ext_pkg`:
 *
 *   source sap.orders ──── stg_orders ───────────┐
 *   source sap.customers ─ stg_customers ─ dim_customers ─ fact_orders ─ revenue ─ exposure finance_dashboard
 *   seed countries ───────────────────────┘            (incremental)   (table)
 *   source api.planes ──── stg_planes ─ dim_planes v1, v2
 *   source ext_pkg.erp.items ─ items_clean (ext_pkg)
 *
 * Tests: not_null on stg_orders, unique on dim_customers, relationships fact_orders → dim_customers,
 * a singular and a namespaced test on revenue, not_null on source sap.orders, and a unit test of
 * fact_orders that the graph also links to its input stg_orders.
 */
type Extra = Partial<Omit<Node, 'config'>> & { config?: Partial<NodeConfig> };

function makeNode(uniqueId: string, extra: Extra): Node {
  const [resourceType, packageName] = uniqueId.split('.');
  const name = extra.name ?? uniqueId.split('.').pop()!;
  const { config, ...rest } = extra;
  return {
    uniqueId,
    resourceType: resourceType as Node['resourceType'],
    name,
    packageName,
    path: '',
    originalFilePath: '',
    absolutePath: '',
    fqn: [packageName, name],
    description: '',
    config: { enabled: true, materialized: 'view', tags: [], meta: {}, ...config },
    tags: config?.tags ?? [],
    columns: {},
    meta: {},
    rawCode: '',
    refs: [],
    sources: [],
    dependsOn: { nodes: [], macros: [] },
    relation: { schema: 'main', identifier: name },
    ...rest,
  };
}

function shopGraph(): Graph {
  const graph = emptyGraph();
  const add = (id: string, extra: Extra, parents: string[] = []) => {
    addNode(graph, makeNode(id, extra));
    for (const parent of parents) addEdge(graph, parent, id);
  };
  const sourcesYml = 'models/staging/sources.yml';
  add('source.shop.sap.orders', { name: 'orders', sourceName: 'sap', fqn: ['shop', 'staging', 'sap', 'orders'], originalFilePath: sourcesYml });
  add('source.shop.sap.customers', { name: 'customers', sourceName: 'sap', fqn: ['shop', 'staging', 'sap', 'customers'], originalFilePath: sourcesYml });
  add('source.shop.api.planes', { name: 'planes', sourceName: 'api', fqn: ['shop', 'staging', 'api', 'planes'], originalFilePath: sourcesYml });
  add('source.ext_pkg.erp.items', { name: 'items', sourceName: 'erp', fqn: ['ext_pkg', 'erp', 'items'], originalFilePath: 'dbt_packages/ext_pkg/models/src.yml' });
  add('seed.shop.countries', { fqn: ['shop', 'countries'], originalFilePath: 'seeds/countries.csv', config: { materialized: 'seed' } });

  add(
    'model.shop.stg_orders',
    { fqn: ['shop', 'staging', 'stg_orders'], originalFilePath: 'models/staging/stg_orders.sql', config: { tags: ['injected_data'] } },
    ['source.shop.sap.orders'],
  );
  add(
    'model.shop.stg_customers',
    { fqn: ['shop', 'staging', 'stg_customers'], originalFilePath: 'models/staging/stg_customers.sql', config: { tags: ['injected_data'] } },
    ['source.shop.sap.customers'],
  );
  add(
    'model.shop.stg_planes',
    { fqn: ['shop', 'staging', 'api', 'stg_planes'], originalFilePath: 'models/staging/api/stg_planes.py', config: { tags: ['injected_data'] } },
    ['source.shop.api.planes'],
  );
  add(
    'model.shop.dim_customers',
    {
      fqn: ['shop', 'marts', 'dim_customers'],
      originalFilePath: 'models/marts/dim_customers.sql',
      config: { materialized: 'table', tags: ['transformed_data', 'finance'], group: 'finance', access: 'public' },
    },
    ['model.shop.stg_customers', 'seed.shop.countries'],
  );
  add(
    'model.shop.fact_orders',
    {
      fqn: ['shop', 'marts', 'fact_orders'],
      originalFilePath: 'models/marts/fact_orders.sql',
      config: {
        materialized: 'incremental',
        tags: ['transformed_data'],
        meta: { owner: 'ana', tier: 1 },
        labels: ['billing', 'daily'],
        full_refresh: false,
      },
    },
    ['model.shop.stg_orders', 'model.shop.dim_customers'],
  );
  add(
    'model.shop.revenue',
    { fqn: ['shop', 'marts', 'kpi', 'revenue'], originalFilePath: 'models/marts/kpi/revenue.sql', config: { materialized: 'table' } },
    ['model.shop.fact_orders'],
  );
  for (const version of ['1', '2']) {
    add(
      `model.shop.dim_planes.v${version}`,
      {
        name: 'dim_planes',
        version,
        latestVersion: '2',
        fqn: ['shop', 'marts', 'dim_planes', `v${version}`],
        originalFilePath: `models/marts/dim_planes_v${version}.sql`,
      },
      ['model.shop.stg_planes'],
    );
  }
  add('model.ext_pkg.items_clean', { fqn: ['ext_pkg', 'items_clean'], originalFilePath: 'dbt_packages/ext_pkg/models/items_clean.sql' }, [
    'source.ext_pkg.erp.items',
  ]);

  const generic = (name: string, namespace?: string) => ({ testMetadata: { name, namespace, kwargs: {} } });
  add(
    'test.shop.not_null_stg_orders_id',
    { ...generic('not_null'), fqn: ['shop', 'staging', 'not_null_stg_orders_id'], originalFilePath: 'models/staging/schema.yml', config: { materialized: 'test', severity: 'warn' } },
    ['model.shop.stg_orders'],
  );
  add(
    'test.shop.source_not_null_sap_orders_id',
    { ...generic('not_null'), fqn: ['shop', 'staging', 'source_not_null_sap_orders_id'], originalFilePath: sourcesYml, config: { materialized: 'test', severity: 'ERROR' } },
    ['source.shop.sap.orders'],
  );
  add(
    'test.shop.unique_dim_customers_id',
    { ...generic('unique'), fqn: ['shop', 'marts', 'unique_dim_customers_id'], originalFilePath: 'models/marts/schema.yml', config: { materialized: 'test' } },
    ['model.shop.dim_customers'],
  );
  add(
    'test.shop.relationships_fact_orders_customer_id',
    { ...generic('relationships'), fqn: ['shop', 'marts', 'relationships_fact_orders_customer_id'], originalFilePath: 'models/marts/schema.yml', config: { materialized: 'test' } },
    ['model.shop.fact_orders', 'model.shop.dim_customers'],
  );
  add(
    'test.shop.assert_revenue_positive',
    { fqn: ['shop', 'assert_revenue_positive'], originalFilePath: 'tests/assert_revenue_positive.sql', config: { materialized: 'test' } },
    ['model.shop.revenue'],
  );
  add(
    'test.shop.dbt_utils_expression_is_true_revenue',
    { ...generic('expression_is_true', 'dbt_utils'), fqn: ['shop', 'marts', 'kpi', 'dbt_utils_expression_is_true_revenue'], originalFilePath: 'models/marts/kpi/schema.yml', config: { materialized: 'test' } },
    ['model.shop.revenue'],
  );
  add(
    'unit_test.shop.fact_orders.test_revenue_logic',
    {
      name: 'test_revenue_logic',
      fqn: ['shop', 'marts', 'fact_orders', 'test_revenue_logic'],
      originalFilePath: 'models/marts/schema.yml',
      config: { materialized: 'unit' },
      unitTest: { model: 'fact_orders', given: [], expect: { input: '', format: 'dict', rows: [] }, overrides: { macros: {}, vars: {}, env_vars: {} } },
    },
    ['model.shop.fact_orders', 'model.shop.stg_orders'],
  );
  add('exposure.shop.finance_dashboard', { originalFilePath: 'models/exposures.yml', fqn: ['shop', 'finance_dashboard'] }, ['model.shop.revenue']);
  return graph;
}

const graph = shopGraph();

/** Selected ids without their `type.package.` prefix, sorted: `stg_orders`, `sap.orders`, `dim_planes.v1`. */
function select(options: Partial<SelectOptions> & { select?: string[] }): string[] {
  const ids = selectNodes(graph, { rootProject: 'shop', ...options });
  return [...ids].map((id) => id.split('.').slice(2).join('.')).sort();
}
/** Selection without indirectly added tests, to look at methods and operators alone. */
const only = (...select: string[]) => selectAll(select, { indirectSelection: 'empty' });
const selectAll = (selectors: string[], options: Partial<SelectOptions> = {}) => select({ select: selectors, ...options });
const sorted = (...names: string[]) => [...names].sort();

const STAGING_TESTS = ['not_null_stg_orders_id', 'source_not_null_sap_orders_id'];

function selectorError(run: () => unknown): SluiceError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SluiceError);
    return error as SluiceError;
  }
  throw new Error('expected a SluiceError');
}

describe('parseSelector', () => {
  it('reads unions, intersections, methods and graph operators', () => {
    const expression = parseSelector('  2+config.meta.owner:ana+1,tag:x   @stg_orders ');
    expect(expression.union.map((part) => part.text)).toEqual(['2+config.meta.owner:ana+1,tag:x', '@stg_orders']);
    const [config, tag] = expression.union[0].criteria;
    expect(config).toMatchObject({ method: 'config', methodArgs: ['meta', 'owner'], value: 'ana', parentsDepth: 2, childrenDepth: 1, childrensParents: false, methodWritten: true });
    expect(tag).toMatchObject({ method: 'tag', value: 'x' });
    expect(tag.parentsDepth).toBeUndefined();
    expect(tag.childrenDepth).toBeUndefined();
    expect(expression.union[1].criteria[0]).toMatchObject({ method: 'fqn', value: 'stg_orders', childrensParents: true, methodWritten: false });
    expect(parseSelector('+x+').union[0].criteria[0]).toMatchObject({ parentsDepth: Infinity, childrenDepth: Infinity });
  });

  it('infers path for values with a slash, file for .sql/.py/.csv, fqn otherwise', () => {
    const method = (text: string) => parseSelector(text).union[0].criteria[0].method;
    expect(method('models/staging')).toBe('path');
    expect(method('models\\staging')).toBe('path');
    expect(method('models/a.sql')).toBe('path');
    expect(method('stg_orders.sql')).toBe('file');
    expect(method('stg_planes.py')).toBe('file');
    expect(method('countries.CSV')).toBe('file');
    expect(method('staging.stg_orders')).toBe('fqn');
  });

  it.each([
    ['tga:nightly', /Unknown selector method 'tga'.*did you mean 'tag'/],
    ['@stg_orders+', /combines '@' with a trailing '\+'/],
    ['stg+orders', /'\+' or '@' in the middle/],
    ['stg_orders,', /empty part around a comma/],
    ['config:table', /needs a config key/],
    ['tag.color:red', /takes no '\.color'/],
    ['tag:', /no value to match/],
    ['+', /no value to match/],
    ['resource_type:tabel', /'tabel' is not a valid resource_type value/],
    ['test_type:integration', /not a valid test_type value/],
    ['state:changed', /not a valid state value/],
    ['state:modified.everything', /not a valid state value/],
    ['state:new.body', /only state:modified takes an aspect/],
    ['source:a.b.c.d', /too many parts/],
    ['exposure:a.b.c', /too many parts/],
    ['result:error', /'result:' is not supported: it needs the results of a previous run/],
    ['version:newest', /not a valid version value/],
  ])('rejects %s', (text, message) => {
    const error = selectorError(() => parseSelector(text));
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  it('lists the valid methods in the hint of an unknown method', () => {
    const error = selectorError(() => parseSelector('colour:red'));
    expect(error.hint).toContain('valid methods: fqn, path, file, tag, config.<key>');
  });

  it('rejects an empty selector', () => {
    expect(selectorError(() => parseSelector('   ')).message).toMatch(/empty/);
  });
});

describe('selectNodes: methods', () => {
  it('selects everything without --select, in graph order', () => {
    const ids = selectNodes(graph, { rootProject: 'shop' });
    expect([...ids]).toEqual([...graph.nodes.keys()]);
  });

  it('returns an empty set when nothing matches', () => {
    expect(selectAll(['no_such_model'])).toEqual([]);
    expect(selectAll(['config.materialized:snapshot'])).toEqual([]);
  });

  it('fqn: leaf names, dotted prefixes with or without the package, wildcards', () => {
    expect(only('stg_orders')).toEqual(['stg_orders']);
    expect(only('fqn:stg_orders')).toEqual(['stg_orders']);
    expect(only('shop.staging.stg_orders')).toEqual(['stg_orders']);
    expect(only('staging.stg_orders')).toEqual(['stg_orders']);
    // a folder selects all under it: models, sources and tests declared there
    expect(only('staging')).toEqual(sorted('stg_orders', 'stg_customers', 'stg_planes', 'sap.orders', 'sap.customers', 'api.planes', ...STAGING_TESTS));
    expect(only('marts.kpi')).toEqual(sorted('revenue', 'dbt_utils_expression_is_true_revenue'));
    expect(only('staging.stg_*')).toEqual(sorted('stg_orders', 'stg_customers'));
    expect(only('staging.*')).toEqual(only('staging'));
    // a bare wildcard matches leaf names in sub-folders too
    expect(only('stg_*')).toEqual(sorted('stg_orders', 'stg_customers', 'stg_planes'));
    expect(only('*.stg_planes')).toEqual(['stg_planes']);
    expect(only('stg_[co]*s')).toEqual(sorted('stg_orders', 'stg_customers'));
    expect(only('stg_[!cp]*s')).toEqual(['stg_orders']);
    expect(only('ext_pkg')).toEqual(sorted('items_clean', 'erp.items'));
    expect(only('fqn:*')).toEqual(select({}));
  });

  it('fqn: versioned models by name, name.vN or name_vN, never by the version alone', () => {
    expect(only('dim_planes')).toEqual(['dim_planes.v1', 'dim_planes.v2']);
    expect(only('dim_planes.v1')).toEqual(['dim_planes.v1']);
    expect(only('dim_planes_v2')).toEqual(['dim_planes.v2']);
    expect(only('v2')).toEqual([]);
  });

  it('path: files, folders and globs relative to the project root', () => {
    expect(only('models/staging/stg_orders.sql')).toEqual(['stg_orders']);
    expect(only('path:models/marts/kpi')).toEqual(sorted('revenue', 'dbt_utils_expression_is_true_revenue'));
    expect(only('models/marts/kpi/')).toEqual(only('path:models/marts/kpi'));
    expect(only('./models/marts/kpi')).toEqual(only('path:models/marts/kpi'));
    expect(only('models/staging/api')).toEqual(['stg_planes']);
    expect(only('path:models/staging/sources.yml')).toEqual(sorted('sap.orders', 'sap.customers', 'api.planes', 'source_not_null_sap_orders_id'));
    expect(only('path:models/*/kpi')).toEqual(only('path:models/marts/kpi'));
    expect(only('path:models/staging/*.sql')).toEqual(sorted('stg_orders', 'stg_customers'));
    expect(only('path:models/**/*.py')).toEqual(['stg_planes']);
    expect(only('path:tests')).toEqual(['assert_revenue_positive']);
    expect(only('path:models/stag')).toEqual([]);
  });

  it('file: the file name, with or without its extension, wildcards', () => {
    expect(only('stg_orders.sql')).toEqual(['stg_orders']);
    expect(only('file:stg_orders')).toEqual(['stg_orders']);
    expect(only('file:stg_*.sql')).toEqual(sorted('stg_orders', 'stg_customers'));
    expect(only('countries.csv')).toEqual(['countries']);
    expect(only('file:schema.yml')).toEqual(
      sorted('not_null_stg_orders_id', 'unique_dim_customers_id', 'relationships_fact_orders_customer_id', 'dbt_utils_expression_is_true_revenue', 'fact_orders.test_revenue_logic'),
    );
  });

  it('tag: exact and wildcard', () => {
    expect(only('tag:transformed_data')).toEqual(sorted('dim_customers', 'fact_orders'));
    expect(only('tag:fin*')).toEqual(['dim_customers']);
    expect(only('tag:*_data', 'tag:nope')).toEqual(sorted('stg_orders', 'stg_customers', 'stg_planes', 'dim_customers', 'fact_orders'));
  });

  it('config: equality, nested keys, list membership, booleans, numbers, caseless severity', () => {
    expect(only('config.materialized:incremental')).toEqual(['fact_orders']);
    expect(only('config.materialized:table')).toEqual(sorted('dim_customers', 'revenue'));
    expect(only('config.meta.owner:ana')).toEqual(['fact_orders']);
    expect(only('config.meta.tier:1')).toEqual(['fact_orders']);
    expect(only('config.labels:daily')).toEqual(['fact_orders']);
    expect(only('config.labels:dai')).toEqual([]);
    expect(only('config.tags:finance')).toEqual(['dim_customers']);
    expect(only('config.full_refresh:false')).toEqual(['fact_orders']);
    expect(only('config.full_refresh:False')).toEqual(['fact_orders']);
    expect(only('config.severity:WARN')).toEqual(['not_null_stg_orders_id']);
    expect(only('config.severity:error')).toEqual(['source_not_null_sap_orders_id']);
    // no wildcards in config values, as in dbt
    expect(only('config.materialized:tab*')).toEqual([]);
  });

  it('resource_type', () => {
    expect(only('resource_type:seed')).toEqual(['countries']);
    expect(only('resource_type:source')).toEqual(sorted('sap.orders', 'sap.customers', 'api.planes', 'erp.items'));
    expect(only('resource_type:exposure')).toEqual(['finance_dashboard']);
    expect(only('resource_type:unit_test')).toEqual(['fact_orders.test_revenue_logic']);
    expect(only('resource_type:metric')).toEqual([]);
  });

  it('package: name, wildcard, and this for the root project', () => {
    expect(only('package:ext_pkg')).toEqual(sorted('items_clean', 'erp.items'));
    expect(only('package:ext_*')).toEqual(only('package:ext_pkg'));
    expect(only('package:this')).toEqual(only('package:shop'));
    expect(only('package:this')).toHaveLength(graph.nodes.size - 2);
  });

  it('source: source, source.table, package.source.table, wildcards', () => {
    expect(only('source:sap')).toEqual(sorted('sap.orders', 'sap.customers'));
    expect(only('source:sap.orders')).toEqual(['sap.orders']);
    expect(only('source:sap.c*')).toEqual(['sap.customers']);
    expect(only('source:*')).toEqual(only('resource_type:source'));
    expect(only('source:ext_pkg.erp.items')).toEqual(['erp.items']);
    expect(only('source:shop.erp.items')).toEqual([]);
    expect(only('source:sap.orders+')).toEqual(
      sorted('sap.orders', 'stg_orders', 'fact_orders', 'revenue', 'finance_dashboard', 'fact_orders.test_revenue_logic', 'relationships_fact_orders_customer_id', 'assert_revenue_positive', 'dbt_utils_expression_is_true_revenue', ...STAGING_TESTS),
    );
  });

  it('exposure', () => {
    expect(only('exposure:finance_dashboard')).toEqual(['finance_dashboard']);
    expect(only('exposure:shop.finance_*')).toEqual(['finance_dashboard']);
    expect(only('exposure:ext_pkg.finance_dashboard')).toEqual([]);
    expect(selectAll(['+exposure:finance_dashboard'], { resourceTypes: ['model'] })).toEqual(
      sorted('revenue', 'fact_orders', 'stg_orders', 'dim_customers', 'stg_customers'),
    );
  });

  it('test_name: the generic test, with or without its namespace', () => {
    expect(only('test_name:not_null')).toEqual(sorted(...STAGING_TESTS));
    expect(only('test_name:expression_is_true')).toEqual(['dbt_utils_expression_is_true_revenue']);
    expect(only('test_name:dbt_utils.expression_is_true')).toEqual(['dbt_utils_expression_is_true_revenue']);
    expect(only('test_name:uni*')).toEqual(['unique_dim_customers_id']);
    // singular tests have no generic test name
    expect(only('test_name:assert_revenue_positive')).toEqual([]);
  });

  it('test_type: generic, singular, unit, data', () => {
    const generic = ['not_null_stg_orders_id', 'source_not_null_sap_orders_id', 'unique_dim_customers_id', 'relationships_fact_orders_customer_id', 'dbt_utils_expression_is_true_revenue'];
    expect(only('test_type:generic')).toEqual(sorted(...generic));
    expect(only('test_type:singular')).toEqual(['assert_revenue_positive']);
    expect(only('test_type:unit')).toEqual(['fact_orders.test_revenue_logic']);
    expect(only('test_type:data')).toEqual(sorted(...generic, 'assert_revenue_positive'));
  });

  it('unit_test: unit tests by name or fqn', () => {
    expect(only('unit_test:test_revenue_logic')).toEqual(['fact_orders.test_revenue_logic']);
    expect(only('unit_test:marts.fact_orders.*')).toEqual(['fact_orders.test_revenue_logic']);
    expect(only('unit_test:*')).toEqual(['fact_orders.test_revenue_logic']);
    // the model's name is not the unit test's
    expect(only('unit_test:fact_orders')).toEqual([]);
    expect(only('unit_test:stg_orders')).toEqual([]);
  });

  it('group, access and version', () => {
    expect(only('group:fin*')).toEqual(['dim_customers']);
    expect(only('access:public')).toEqual(['dim_customers']);
    expect(only('access:protected')).toContain('fact_orders');
    expect(only('access:protected')).not.toContain('dim_customers');
    expect(only('version:latest')).toEqual(['dim_planes.v2']);
    expect(only('version:old')).toEqual(['dim_planes.v1']);
    expect(only('version:prerelease')).toEqual([]);
    expect(only('version:none')).not.toContain('dim_planes.v1');
    expect(only('version:none')).toContain('revenue');
  });

  it('state:modified and state:new ask production state through callbacks', () => {
    const aspects: Array<string | undefined> = [];
    const stateModified = (id: string, aspect?: string) => {
      aspects.push(aspect);
      return id === 'model.shop.stg_orders' || id === 'model.shop.revenue';
    };
    const stateNew = (id: string) => id === 'model.shop.revenue';
    const state = (...selectors: string[]) => selectAll(selectors, { stateModified, stateNew, indirectSelection: 'empty' });

    expect(state('state:modified')).toEqual(sorted('stg_orders', 'revenue'));
    expect(state('state:modified+', 'tag:nope')).toContain('fact_orders');
    expect(state('state:new')).toEqual(['revenue']);
    expect(state('state:old')).toHaveLength(graph.nodes.size - 1);
    expect(state('state:unmodified')).toHaveLength(graph.nodes.size - 2);
    aspects.length = 0;
    expect(state('state:modified.body')).toEqual(sorted('stg_orders', 'revenue'));
    expect(new Set(aspects)).toEqual(new Set(['body']));
  });

  it('state: selectors without a production state are an error, also in --exclude', () => {
    expect(selectorError(() => select({ select: ['state:modified+'] })).message).toBe('state:modified needs a production state');
    expect(selectorError(() => select({ exclude: ['state:unmodified'] })).message).toBe('state:unmodified needs a production state');
    expect(selectorError(() => select({ select: ['state:new'], stateModified: () => true })).message).toBe('state:new needs a production state');
  });

  it('throws SluiceError for a malformed --select or --exclude', () => {
    expect(selectorError(() => select({ select: ['stg_orders', 'bogus:x'] })).hint).toContain('valid methods');
    expect(selectorError(() => select({ exclude: ['@a+'] })).message).toMatch(/'@'/);
  });
});

describe('selectNodes: graph operators', () => {
  it('+x adds all ancestors, N+x the first N generations', () => {
    expect(only('+fact_orders')).toEqual(sorted('fact_orders', 'stg_orders', 'sap.orders', 'dim_customers', 'stg_customers', 'sap.customers', 'countries'));
    expect(only('1+fact_orders')).toEqual(sorted('fact_orders', 'stg_orders', 'dim_customers'));
    expect(only('2+fact_orders')).toEqual(sorted('fact_orders', 'stg_orders', 'dim_customers', 'sap.orders', 'stg_customers', 'countries'));
  });

  it('x+ adds all descendants, x+N the first N generations', () => {
    expect(only('dim_customers+')).toEqual(
      sorted('dim_customers', 'unique_dim_customers_id', 'relationships_fact_orders_customer_id', 'fact_orders', 'fact_orders.test_revenue_logic', 'revenue', 'assert_revenue_positive', 'dbt_utils_expression_is_true_revenue', 'finance_dashboard'),
    );
    expect(only('dim_customers+1')).toEqual(sorted('dim_customers', 'unique_dim_customers_id', 'relationships_fact_orders_customer_id', 'fact_orders'));
    expect(only('fact_orders+0')).toEqual(['fact_orders']);
    expect(only('1+revenue+1')).toEqual(sorted('fact_orders', 'revenue', 'assert_revenue_positive', 'dbt_utils_expression_is_true_revenue', 'finance_dashboard'));
  });

  it('@x adds descendants and all their ancestors', () => {
    expect(only('@stg_planes')).toEqual(sorted('api.planes', 'stg_planes', 'dim_planes.v1', 'dim_planes.v2'));
    expect(only('@fact_orders')).toEqual(
      sorted(
        ...only('+fact_orders'),
        'revenue',
        'assert_revenue_positive',
        'dbt_utils_expression_is_true_revenue',
        'finance_dashboard',
        'relationships_fact_orders_customer_id',
        'fact_orders.test_revenue_logic',
      ),
    );
  });

  it('operators apply to any method', () => {
    expect(only('+tag:finance')).toEqual(sorted('dim_customers', 'stg_customers', 'sap.customers', 'countries'));
    expect(only('path:models/staging/api+')).toEqual(sorted('stg_planes', 'dim_planes.v1', 'dim_planes.v2'));
  });
});

describe('selectNodes: unions, intersections, exclude, resource types', () => {
  it('space and separate --select values are unions', () => {
    expect(only('stg_orders revenue')).toEqual(sorted('stg_orders', 'revenue'));
    expect(only('stg_orders', 'revenue')).toEqual(sorted('stg_orders', 'revenue'));
    expect(only('stg_orders', 'stg_orders')).toEqual(['stg_orders']);
  });

  it('comma is an intersection, each part with its own operators', () => {
    expect(only('tag:transformed_data,config.materialized:table')).toEqual(['dim_customers']);
    expect(only('+revenue,tag:injected_data')).toEqual(sorted('stg_orders', 'stg_customers'));
    expect(only('+revenue,tag:injected_data,stg_c*')).toEqual(['stg_customers']);
    expect(only('tag:finance,tag:injected_data')).toEqual([]);
    expect(only('tag:finance,tag:injected_data stg_orders')).toEqual(['stg_orders']);
  });

  it('exclude subtracts, with the same grammar', () => {
    expect(only('staging')).toContain('stg_planes');
    expect(select({ select: ['tag:injected_data'], exclude: ['stg_planes stg_customers'], indirectSelection: 'empty' })).toEqual(['stg_orders']);
    expect(select({ select: ['+fact_orders'], exclude: ['resource_type:source', '+stg_customers'], indirectSelection: 'empty' })).toEqual(
      sorted('fact_orders', 'stg_orders', 'dim_customers', 'countries'),
    );
    expect(select({ exclude: ['package:this'] })).toEqual(sorted('items_clean', 'erp.items'));
  });

  it('resourceTypes keeps only those types, after selection', () => {
    expect(selectAll(['+fact_orders'], { resourceTypes: ['model', 'seed'] })).toEqual(sorted('fact_orders', 'stg_orders', 'dim_customers', 'stg_customers', 'countries'));
    expect(select({ resourceTypes: ['unit_test', 'exposure'] })).toEqual(sorted('fact_orders.test_revenue_logic', 'finance_dashboard'));
    expect(selectAll(['stg_orders'], { resourceTypes: ['test'] })).toEqual(['not_null_stg_orders_id']);
  });
});

describe('selectNodes: indirect test selection', () => {
  const factOrdersTests = ['relationships_fact_orders_customer_id', 'fact_orders.test_revenue_logic'];

  it('eager (default): a test joins when any parent is selected', () => {
    expect(selectAll(['fact_orders'])).toEqual(sorted('fact_orders', ...factOrdersTests));
    expect(selectAll(['fact_orders'], { indirectSelection: 'eager' })).toEqual(selectAll(['fact_orders']));
    expect(selectAll(['source:sap.orders'])).toEqual(sorted('sap.orders', 'source_not_null_sap_orders_id'));
    expect(selectAll(['revenue'])).toEqual(sorted('revenue', 'assert_revenue_positive', 'dbt_utils_expression_is_true_revenue'));
  });

  it('a unit test follows its model, not the inputs the graph links it to', () => {
    expect(selectAll(['stg_orders'])).toEqual(sorted('stg_orders', 'not_null_stg_orders_id'));
    expect(selectAll(['fact_orders'], { indirectSelection: 'cautious' })).toContain('fact_orders.test_revenue_logic');
  });

  it('cautious: a test joins only when all its parents are selected, across a union too', () => {
    expect(selectAll(['fact_orders'], { indirectSelection: 'cautious' })).toEqual(sorted('fact_orders', 'fact_orders.test_revenue_logic'));
    expect(selectAll(['fact_orders dim_customers'], { indirectSelection: 'cautious' })).toEqual(
      sorted('fact_orders', 'dim_customers', 'unique_dim_customers_id', ...factOrdersTests),
    );
    expect(selectAll(['fact_orders', 'dim_customers'], { indirectSelection: 'cautious' })).toEqual(
      selectAll(['fact_orders dim_customers'], { indirectSelection: 'cautious' }),
    );
  });

  it('buildable: all parents within the selection or its ancestors', () => {
    expect(selectAll(['fact_orders'], { indirectSelection: 'buildable' })).toEqual(sorted('fact_orders', ...factOrdersTests));
    expect(selectAll(['dim_customers'], { indirectSelection: 'buildable' })).toEqual(sorted('dim_customers', 'unique_dim_customers_id'));
  });

  it('empty: no test joins', () => {
    expect(selectAll(['fact_orders'], { indirectSelection: 'empty' })).toEqual(['fact_orders']);
    expect(selectAll(['fact_orders dim_customers'], { indirectSelection: 'empty' })).toEqual(sorted('fact_orders', 'dim_customers'));
  });

  it('applies to intersections: a part brings its tests before the parts meet', () => {
    expect(selectAll(['tag:transformed_data,config.materialized:table'])).toEqual(
      sorted('dim_customers', 'unique_dim_customers_id', 'relationships_fact_orders_customer_id'),
    );
  });

  it('applies to exclude: excluding a model excludes its tests', () => {
    expect(select({ select: ['marts'], exclude: ['dim_customers'], resourceTypes: ['test', 'unit_test'] })).toEqual(
      sorted('fact_orders.test_revenue_logic', 'dbt_utils_expression_is_true_revenue', 'assert_revenue_positive'),
    );
    expect(select({ exclude: ['fact_orders'] })).not.toContain('relationships_fact_orders_customer_id');
    // cautious exclusion removes a test only when all its parents are excluded, as in dbt
    expect(select({ select: ['fact_orders dim_customers'], exclude: ['dim_customers'], indirectSelection: 'cautious' })).toEqual(
      sorted('fact_orders', 'fact_orders.test_revenue_logic', 'relationships_fact_orders_customer_id'),
    );
    expect(select({ exclude: ['fact_orders'], indirectSelection: 'cautious' })).toContain('relationships_fact_orders_customer_id');
    expect(select({ exclude: ['fact_orders'], indirectSelection: 'cautious' })).not.toContain('fact_orders.test_revenue_logic');
    expect(select({ exclude: ['fact_orders'], indirectSelection: 'empty' })).toContain('relationships_fact_orders_customer_id');
    expect(select({ exclude: ['fact_orders'], indirectSelection: 'empty' })).toContain('fact_orders.test_revenue_logic');
  });

  it('a test selected directly stays selected in every mode', () => {
    for (const mode of ['eager', 'cautious', 'buildable', 'empty'] as const) {
      expect(selectAll(['test_name:relationships'], { indirectSelection: mode })).toEqual(['relationships_fact_orders_customer_id']);
    }
  });
});

describe('selectNodes: a part that selects nothing', () => {
  const unmatched = (options: Partial<SelectOptions>) => {
    const found: string[] = [];
    selectNodes(graph, { rootProject: 'shop', ...options, onUnmatched: ({ text, suggestion }) => found.push(suggestion ? `${text}: ${suggestion}` : text) });
    return found;
  };

  it('is reported with a did-you-mean, as dbt warns NoNodesForSelectionCriteria', () => {
    expect(unmatched({ select: ['dim_customer'] })).toEqual(["dim_customer: did you mean 'dim_customers' or 'stg_customers'?"]);
    expect(unmatched({ select: ['+dim_customer+'] })).toEqual(["+dim_customer+: did you mean '+dim_customers+' or '+stg_customers+'?"]);
    expect(unmatched({ select: ['path:models/stagin'] })).toEqual(["path:models/stagin: did you mean 'path:models/staging'?"]);
    expect(unmatched({ select: ['tag:injected_dta'] })).toEqual(["tag:injected_dta: did you mean 'tag:injected_data'?"]);
    expect(unmatched({ select: ['source:sapp'] })).toEqual(["source:sapp: did you mean 'source:sap' or 'source:api'?"]);
    expect(unmatched({ select: ['path:models/nope'] })).toEqual(['path:models/nope']);
  });

  it('each space-separated part on its own, --exclude too; an empty intersection counts, not an empty type filter', () => {
    expect(unmatched({ select: ['stg_orders dim_customer', 'revenue'], exclude: ['stg_planez'] })).toEqual([
      "dim_customer: did you mean 'dim_customers' or 'stg_customers'?",
      "stg_planez: did you mean 'stg_planes'?",
    ]);
    expect(unmatched({ select: ['tag:finance,tag:injected_data'] })).toEqual(['tag:finance,tag:injected_data']);
    expect(unmatched({ select: ['stg_orders'], resourceTypes: ['seed'] })).toEqual([]);
    expect(unmatched({})).toEqual([]);
  });
});
