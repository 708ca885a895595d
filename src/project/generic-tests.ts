/** Generic data tests declared in YAML (`data_tests:` / `tests:`) become test nodes, named as dbt names them. */
import { createHash } from 'node:crypto';
import { SluiceError, closestNames } from '../errors.js';
import { defaultConfig, mergeConfig } from './config.js';
import type { Node, Project, RefCall } from './types.js';
import { isRecord } from './yaml-file.js';
import { pyRepr, pyStr } from '../templating/python-values.js';

const TEST_CONFIG_KEYS = new Set([
  'severity', 'tags', 'where', 'limit', 'error_if', 'warn_if', 'store_failures', 'store_failures_as', 'enabled',
  'meta', 'fail_calc', 'alias', 'schema', 'database',
]);

export interface TestTarget {
  /** The node under test: a model, seed, snapshot or source. */
  node: Node;
  columnName?: string;
  /** Tags of the column, passed on to its tests. */
  columnTags: string[];
  file: string;
  /** Read lazily: working out a YAML line costs a second parse of the file. */
  readonly line: number;
  /** fqn of the test's folder, e.g. [project, 'staging']. */
  fqnPrefix: string[];
  /** The YAML key the list came from. */
  key: 'data_tests' | 'tests';
}

/** Splits one YAML test entry into the test's name, namespace, kwargs and config. */
export function parseTestEntry(entry: unknown, target: TestTarget) {
  let testName: string;
  let body: Record<string, unknown> = {};
  if (typeof entry === 'string') testName = entry;
  else if (isRecord(entry) && Object.keys(entry).length >= 1) {
    const keys = Object.keys(entry);
    // `- name: x\n  test_name: unique` is also allowed by dbt.
    if (typeof entry.test_name === 'string') {
      testName = entry.test_name;
      body = { ...entry };
      delete body.test_name;
    } else if (keys.length === 1) {
      testName = keys[0];
      const value = entry[testName];
      if (value !== null && value !== undefined && !isRecord(value)) {
        throw new SluiceError(`The arguments of test '${testName}' must be a mapping`, {
          file: target.file,
          line: target.line,
          hint: `write e.g. - ${testName}:\n    values: [...]`,
        });
      }
      body = isRecord(value) ? value : {};
    } else {
      throw new SluiceError(`A test entry must have one key, the test's name; found ${keys.join(', ')}`, { file: target.file, line: target.line });
    }
  } else {
    throw new SluiceError('A test entry must be a test name or a mapping', { file: target.file, line: target.line });
  }
  // dbt reads the name with a pattern anchored only at its start and ignores what follows (real projects
  // write `"dbt_expectations.x:":`). But words after a space are a list item YAML folded into the one
  // above (`unique - not_null`, from a line indented under it): dbt would silently drop that test.
  const match = /^(?:([A-Za-z_][0-9A-Za-z_]*)\.)?([A-Za-z_][0-9A-Za-z_]*)/.exec(testName);
  if (!match) throw new SluiceError(`'${testName}' is not a test name`, { file: target.file, line: target.line, hint: 'write the test as name or package.name' });
  if (/^\s+\S/.test(testName.slice(match[0].length))) {
    const folded = /\s-\s/.test(testName);
    throw new SluiceError(`'${testName}' is not a test name${folded ? ': it reads as one item of the list, not two' : ''}`, {
      file: target.file,
      line: target.line,
      hint: folded
        ? `YAML joins a line indented further than the '- ' item above it to that item: start each test at the same indentation, '- ${match[0]}' then '- ${testName.split(/\s-\s/)[1]?.trim()}'`
        : `one entry names one test: write '${match[0]}', and put what follows on its own line`,
    });
  }
  const [namespace, name] = [match[1], match[2]];
  const config: Record<string, unknown> = {};
  const kwargs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'config' && isRecord(value)) Object.assign(config, value);
    else if (key === 'arguments' && isRecord(value)) Object.assign(kwargs, value);
    else if (key === 'name' || key === 'description') continue;
    else if (TEST_CONFIG_KEYS.has(key)) config[key] = value;
    else kwargs[key] = value;
  }
  const customName = typeof body.name === 'string' ? body.name : undefined;
  return { namespace, name, kwargs, config, customName, description: typeof body.description === 'string' ? body.description : '' };
}

/** One argument's parts in a test name, as dbt flattens them: a dict's values or a list's items, each str()'d. */
function argumentParts(value: unknown): string[] {
  if (isRecord(value)) return Object.values(value).map(pyStr);
  if (Array.isArray(value)) return value.map(pyStr);
  return [pyStr(value)];
}

/**
 * dbt's names for a generic test: the full name `<type>_<target>_<args>` (the node's name, in its
 * unique_id and fqn) and, when that reaches 64 characters, a short one — the first 30 characters of
 * `<type>_<target>` and the md5 of the full name — for its file and relation.
 */
export function genericTestNames(type: string, namespace: string | undefined, target: Node, kwargs: Record<string, unknown>): { full: string; short: string } {
  const prefix = (namespace ? `${namespace}_` : '') + (target.resourceType === 'source' ? 'source_' : '') + type;
  const targetName =
    target.resourceType === 'source' ? `${target.sourceName}_${target.name}` : target.version ? `${target.name}_v${target.version}` : target.name;
  const args = Object.keys(kwargs)
    .filter((key) => key !== 'model')
    .sort()
    .flatMap((key) => argumentParts(kwargs[key]))
    .map((part) => part.replace(/[^0-9a-zA-Z_]+/g, '_'));
  const identifier = `${prefix}_${targetName}`;
  const full = `${identifier}_${args.join('__')}`;
  const short = full.length >= 64 ? `${identifier.slice(0, 30)}_${md5(full)}` : full;
  return { full, short };
}

/** The `model` argument dbt gives every generic test. */
function modelArgument(target: Node): string {
  if (target.resourceType === 'source') return `{{ get_where_subquery(source('${target.sourceName}', '${target.name}')) }}`;
  return `{{ get_where_subquery(ref('${target.name}'${target.version ? `, version='${target.version}'` : ''})) }}`;
}

/** Test metadata as dbt hashes it: dicts with sorted keys, lists kept, every other value str()'d. */
function hashable(value: unknown): unknown {
  if (isRecord(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, hashable(value[key])]));
  if (Array.isArray(value)) return value.map(hashable);
  return pyStr(value);
}

/** The last 10 hex digits of md5(name + repr(metadata)): what makes two tests of one name distinct. */
function testHash(name: string, metadata: { namespace: string | undefined; name: string; kwargs: Record<string, unknown> }): string {
  return md5(name + pyRepr(hashable({ namespace: metadata.namespace ?? null, name: metadata.name, kwargs: metadata.kwargs }))).slice(-10);
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** `ref('x')` / `source('a','b')` written inside test arguments, e.g. relationships' `to`. */
export function referencesInArguments(kwargs: Record<string, unknown>): { refs: RefCall[]; sources: Array<[string, string]> } {
  const refs: RefCall[] = [];
  const sources: Array<[string, string]> = [];
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(/\bref\(\s*['"]([^'"]+)['"]\s*(?:,\s*['"]([^'"]+)['"]\s*)?(?:,\s*v(?:ersion)?\s*=\s*['"]?([\w.]+)['"]?\s*)?\)/g)) {
        refs.push(match[2] ? { package: match[1], name: match[2], version: match[3] } : { name: match[1], version: match[3] });
      }
      for (const match of value.matchAll(/\bsource\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g)) sources.push([match[1], match[2]]);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) Object.values(value).forEach(visit);
  };
  visit(kwargs);
  return { refs, sources };
}

export function makeGenericTestNode(entry: unknown, target: TestTarget, packageName: string, rootDir: string): Node {
  const parsed = parseTestEntry(entry, target);
  const kwargs = { ...parsed.kwargs };
  if (target.columnName !== undefined) kwargs.column_name = target.columnName;
  const names = parsed.customName !== undefined ? { full: parsed.customName, short: parsed.customName } : genericTestNames(parsed.name, parsed.namespace, target.node, kwargs);
  const name = names.full;
  const hash = testHash(name, { namespace: parsed.namespace, name: parsed.name, kwargs: { ...kwargs, model: modelArgument(target.node) } });
  const config = mergeConfig(defaultConfig('test'), { tags: target.columnTags });
  mergeConfig(config, parsed.config);
  const alias = typeof config.alias === 'string' && config.alias ? config.alias : names.short;
  const { refs, sources } = referencesInArguments(parsed.kwargs);
  const attached = target.node;
  return {
    uniqueId: `test.${packageName}.${name}.${hash}`,
    resourceType: 'test',
    name,
    packageName,
    path: `${names.short}.sql`,
    originalFilePath: target.file,
    absolutePath: `${rootDir}/${target.file}`,
    fqn: [...target.fqnPrefix, name],
    description: parsed.description,
    config,
    tags: [],
    columns: {},
    meta: {},
    rawCode: `{{ test_${parsed.name}(**_dbt_generic_test_kwargs) }}`,
    refs: attached.resourceType === 'source' ? refs : [{ name: attached.name, version: attached.version }, ...refs],
    sources: attached.resourceType === 'source' ? [[attached.sourceName!, attached.name], ...sources] : sources,
    dependsOn: { nodes: [], macros: [] },
    relation: { schema: '', identifier: alias },
    testMetadata: { name: parsed.name, namespace: parsed.namespace, kwargs: parsed.kwargs, entryConfig: parsed.config },
    columnName: target.columnName,
    attachedNode: attached.uniqueId,
    yamlPlace: { file: target.file, get line() { return target.line; } },
  };
}

/**
 * Every enabled generic test names a test macro the project can reach — `test_<name>` in the test's own
 * package, the root project or dbt's, or `<package>.test_<name>` when namespaced — so that a typo such as
 * `uniqe` stops the load (exit 2) instead of failing at run time after the models before it ran.
 */
export function unknownTestMacros(project: Project): SluiceError[] {
  const internal = project.packages.filter((pkg) => pkg.internal).map((pkg) => pkg.name);
  const testsOf = (packageName: string) =>
    [...project.macros.values()].filter((macro) => macro.packageName === packageName && macro.name.startsWith('test_')).map((macro) => macro.name.slice('test_'.length));
  const problems: SluiceError[] = [];
  for (const node of project.nodes.values()) {
    const metadata = node.testMetadata;
    if (node.resourceType !== 'test' || !metadata || node.config.enabled === false) continue;
    const attached = node.attachedNode ? project.nodes.get(node.attachedNode) : undefined;
    if (attached?.config.enabled === false) continue;
    const macroName = `test_${metadata.name}`;
    const searched = metadata.namespace !== undefined ? (internal.includes(metadata.namespace) ? internal : [metadata.namespace]) : [node.packageName, project.name, ...internal];
    if (searched.some((packageName) => project.macros.has(`macro.${packageName}.${macroName}`))) continue;
    const written = metadata.namespace !== undefined ? `${metadata.namespace}.${metadata.name}` : metadata.name;
    // Candidates: the tests reachable by a bare name, then every package's, namespaced (`dbt_utils.x` for `x`).
    const reachable = new Set<string>();
    for (const packageName of metadata.namespace !== undefined ? [metadata.namespace] : [node.packageName, project.name, ...internal]) {
      for (const name of testsOf(packageName)) reachable.add(metadata.namespace !== undefined ? `${metadata.namespace}.${name}` : name);
    }
    const close = closestNames(written, reachable);
    for (const pkg of project.packages) {
      if (pkg.internal || pkg.name === metadata.namespace || (metadata.namespace === undefined && (pkg.name === project.name || pkg.name === node.packageName))) continue;
      for (const name of closestNames(metadata.name, testsOf(pkg.name))) close.push(`${pkg.name}.${name}`);
    }
    close.splice(3);
    const knownPackage = metadata.namespace === undefined || project.packages.some((pkg) => pkg.name === metadata.namespace);
    problems.push(
      new SluiceError(`Unknown generic test '${written}'${subject(node, attached)}: no test macro '${metadata.namespace !== undefined ? `${metadata.namespace}.` : ''}${macroName}'`, {
        file: node.yamlPlace?.file ?? node.originalFilePath,
        line: node.yamlPlace?.line,
        hint: close.length
          ? `did you mean ${close.map((name) => `'${name}'`).join(' or ')}?`
          : !knownPackage
            ? `no package named '${metadata.namespace}' is installed: add it to packages.yml and run sluice deps`
            : `define it with {% test ${metadata.name}(model, column_name) %} in macros/ or tests/generic/`,
      }),
    );
  }
  return problems;
}

/** " on column 'id' of model 'orders'", for messages about a test. */
function subject(test: Node, attached: Node | undefined): string {
  if (!attached) return '';
  const name = attached.resourceType === 'source' ? `${attached.sourceName}.${attached.name}` : attached.name;
  return `${test.columnName !== undefined ? ` on column '${test.columnName}' of` : ' on'} ${attached.resourceType} '${name}'`;
}
