/**
 * Execute-time compilation: a node's final SQL, with refs resolved, ephemeral models inlined as CTEs,
 * and data tests wrapped in dbt's failure calculation.
 */
import { severityOf } from '../project/config.js';
import type { Node } from '../project/types.js';
import type { ExecuteOptions, Renderer } from '../templating/renderer.js';
import { literalEval, NOT_A_LITERAL } from '../templating/python-literal.js';

export interface CompileContext {
  renderer: Renderer;
  nodes: Map<string, Node>;
  options: ExecuteOptions;
}

/** The SQL of a model, snapshot or singular test, ephemeral parents inlined (a Python model: its code and the `dbt` object). */
export async function compileSql(context: CompileContext, node: Node): Promise<string> {
  if (node.language === 'python') return compilePythonModel(context, node);
  const ephemerals: Node[] = [];
  const sql = await context.renderer.render(node, { ...context.options, onEphemeral: (parent) => ephemerals.push(parent) });
  return injectCtes(sql, await ephemeralCtes(context, ephemerals, new Set()));
}

async function ephemeralCtes(context: CompileContext, ephemerals: Node[], seen: Set<string>): Promise<Array<[string, string]>> {
  const ctes: Array<[string, string]> = [];
  for (const ephemeral of ephemerals) {
    if (seen.has(ephemeral.uniqueId)) continue;
    seen.add(ephemeral.uniqueId);
    const inner: Node[] = [];
    const sql = await context.renderer.render(ephemeral, { ...context.options, isIncremental: false, onEphemeral: (parent) => inner.push(parent) });
    ctes.push(...(await ephemeralCtes(context, inner, seen)));
    ctes.push([`__dbt__cte__${ephemeral.relation.identifier}`, sql.trim()]);
  }
  return ctes;
}

/** Puts CTEs in front of a query: after its own leading `with`, or as a new `with`. */
export function injectCtes(sql: string, ctes: Array<[string, string]>): string {
  if (!ctes.length) return sql;
  const definitions = ctes.map(([name, body]) => `${name} as (\n${body}\n)`).join(', ');
  const leading = /^(\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*)with(\s+recursive)?\b/i.exec(sql);
  if (leading) {
    const at = leading[0].length;
    return `${sql.slice(0, at)} ${definitions}, ${sql.slice(at).replace(/^\s+/, '')}`;
  }
  return `with ${definitions}\n${sql}`;
}

/** A generic test's SQL: the test macro called with its arguments, `model` filtered by `where`. */
export async function compileGenericTest(context: CompileContext, test: Node): Promise<string> {
  const metadata = test.testMetadata!;
  const attached = context.nodes.get(test.attachedNode!)!;
  // Ephemeral models reached anywhere — the tested model, `to: ref('x')`, the test's own SQL — become CTEs.
  const ephemerals: Node[] = [];
  const { renderer } = context;
  const options: ExecuteOptions = { ...context.options, onEphemeral: (parent) => ephemerals.push(parent) };
  const kwargs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(metadata.kwargs)) kwargs[key] = await evaluateArgument(renderer, test, value, options);
  const relation = attached.resourceType === 'source' ? `source('${attached.sourceName}', '${attached.name}')` : `ref('${attached.name}'${attached.version ? `, v='${attached.version}'` : ''})`;
  const modelRelation = await renderer.evaluateExpression(`get_where_subquery(${relation})`, test, options);
  if (test.columnName !== undefined) kwargs.column_name = test.columnName;
  kwargs.model = modelRelation;
  const result = await renderer.callMacroExecuting(`test_${metadata.name}`, [], kwargs, test, options, metadata.namespace);
  return injectCtes(String(result ?? ''), await ephemeralCtes(context, ephemerals, new Set()));
}

/** A test argument that is a call dbt renders as an expression: `ref('x')`, `var('y')`, `source(…)`, `env_var(…)`, `doc(…)`. */
const LOOKS_LIKE_CALL = /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s;

/**
 * A generic test's arguments as dbt renders them: every string (in lists and dicts too) rendered natively —
 * `"{{ var('types') }}"` becomes the list, `"3"` the number — and a bare `ref('customers')` evaluated.
 */
async function evaluateArgument(renderer: Renderer, test: Node, value: unknown, options: ExecuteOptions): Promise<unknown> {
  if (typeof value === 'string') {
    if (LOOKS_LIKE_CALL.test(value)) return renderer.evaluateExpression(value.trim(), test, options);
    const text = value.includes('{{') || value.includes('{%') ? await renderer.render(test, options, { key: `argument:${value}`, text: value }) : value;
    const literal = literalEval(text);
    return literal === NOT_A_LITERAL ? text : literal;
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => evaluateArgument(renderer, test, item, options)));
  if (value !== null && typeof value === 'object') {
    const entries = await Promise.all(Object.entries(value).map(async ([key, item]) => [key, await evaluateArgument(renderer, test, item, options)] as const));
    return Object.fromEntries(entries);
  }
  return value;
}

/** dbt's wrapper: failures, should_warn, should_error from the failing rows. */
export function wrapTestSql(test: Node, sql: string): string {
  const config = test.config;
  const failCalc = String(config.fail_calc ?? 'count(*)');
  const limit = config.limit === undefined || config.limit === null ? '' : `\nlimit ${Number(config.limit)}`;
  const warnIf = String(config.warn_if ?? '!= 0');
  const errorIf = severityOf(config) === 'WARN' ? '!= 0' : String(config.error_if ?? '!= 0');
  return [
    'select',
    `  ${failCalc} as failures,`,
    `  ${failCalc} ${warnIf} as should_warn,`,
    `  ${failCalc} ${errorIf} as should_error`,
    'from (',
    `${sql.trim()}${limit}`,
    ') dbt_internal_test',
  ].join('\n');
}


/** A Python string literal (double-quoted, escaped as JSON escapes, which Python reads the same). */
function pythonString(text: string): string {
  return JSON.stringify(text);
}

function pythonValue(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map(pythonValue).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `${pythonString(key)}: ${pythonValue(item)}`).join(', ')}}`;
  return pythonString(String(value));
}

/**
 * A Python model compiled as dbt compiles one: the model's code, then the `dbt` object `model(dbt,
 * session)` receives — `dbt.ref`/`dbt.source` mapping names to the relations they resolve to,
 * `dbt.config.get`, `dbt.this` and `dbt.is_incremental`.
 */
function compilePythonModel(context: CompileContext, node: Node): string {
  const { renderer } = context;
  const resolver = renderer.resolver!;
  const relationName = (target: Node) => renderer.dialect.relationName(resolver.relationOf(target));
  const refs = node.refs.map((call) => {
    const key = [call.package, call.name].filter(Boolean).join('.') + (call.version ? `.v${call.version}` : '');
    return `${pythonString(key)}: ${pythonString(relationName(resolver.ref(node, call)))}`;
  });
  const sources = node.sources.map(([sourceName, tableName]) => `${pythonString(`${sourceName}.${tableName}`)}: ${pythonString(relationName(resolver.source(node, sourceName, tableName)))}`);
  const self = resolver.relationOf(node);
  return [
    node.rawCode.replace(/\s+$/, ''),
    '',
    '',
    '# The dbt object that model(dbt, session) receives, compiled by Sluice.',
    `_dbt_refs = {${refs.join(', ')}}`,
    `_dbt_sources = {${sources.join(', ')}}`,
    `_dbt_config = ${pythonValue(node.config)}`,
    '',
    'def _dbt_ref_key(*args, **kwargs):',
    "    version = kwargs.get('v') or kwargs.get('version')",
    "    return '.'.join(args) + ('.v' + str(version) if version else '')",
    '',
    'class _DbtConfig:',
    '    def __init__(self, *args, **kwargs):',
    '        pass',
    '    @staticmethod',
    '    def get(key, default=None):',
    '        return _dbt_config.get(key, default)',
    '',
    'class _DbtThis:',
    `    database = ${pythonString(self.database ?? '')}`,
    `    schema = ${pythonString(self.schema)}`,
    `    identifier = ${pythonString(self.identifier)}`,
    '    def __repr__(self):',
    `        return ${pythonString(renderer.dialect.relationName(self))}`,
    '',
    'class dbtObj:',
    '    def __init__(self, load_df_function):',
    '        self.ref = lambda *args, **kwargs: load_df_function(_dbt_refs[_dbt_ref_key(*args, **kwargs)])',
    "        self.source = lambda *args: load_df_function(_dbt_sources['.'.join(args)])",
    '        self.config = _DbtConfig',
    '        self.this = _DbtThis()',
    '        self.is_incremental = False',
    '',
  ].join('\n');
}
