/** Generic data tests declared in YAML (`data_tests:` / `tests:`) become test nodes, named as dbt names them. */
import { createHash } from 'node:crypto';
import { SluiceError } from '../errors.js';
import { defaultConfig, mergeConfig } from './config.js';
import type { Node, RefCall } from './types.js';
import { isRecord } from './yaml-file.js';

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
  const [namespace, name] = testName.includes('.') ? (testName.split('.', 2) as [string, string]) : [undefined, testName];
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

function argumentPart(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(argumentPart);
  if (isRecord(value)) return Object.values(value).flatMap(argumentPart);
  return [pythonString(value).replace(/[^0-9A-Za-z_]+/g, '_')];
}

function pythonString(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  return String(value);
}

/** dbt's test name: `<type>_<target>_<args>`. */
export function genericTestName(type: string, namespace: string | undefined, target: Node, kwargs: Record<string, unknown>): string {
  const prefix = (namespace ? `${namespace}_` : '') + (target.resourceType === 'source' ? 'source_' : '') + type;
  const targetName =
    target.resourceType === 'source' ? `${target.sourceName}_${target.name}` : target.version ? `${target.name}_v${target.version}` : target.name;
  const args = Object.keys(kwargs)
    .filter((key) => key !== 'model')
    .sort()
    .flatMap((key) => argumentPart(kwargs[key]));
  return args.length ? `${prefix}_${targetName}_${args.join('__')}` : `${prefix}_${targetName}`;
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
  const name = parsed.customName ?? genericTestName(parsed.name, parsed.namespace, target.node, kwargs);
  const hash = createHash('md5').update(name).digest('hex');
  const alias = name.length >= 64 ? `${name.slice(0, 30)}_${hash}` : name;
  const config = mergeConfig(defaultConfig('test'), { tags: target.columnTags });
  mergeConfig(config, parsed.config);
  const { refs, sources } = referencesInArguments(parsed.kwargs);
  const attached = target.node;
  return {
    uniqueId: `test.${packageName}.${name}.${hash.slice(-10)}`,
    resourceType: 'test',
    name,
    packageName,
    path: `${alias}.sql`,
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
    testMetadata: { name: parsed.name, namespace: parsed.namespace, kwargs: parsed.kwargs },
    columnName: target.columnName,
    attachedNode: attached.uniqueId,
    yamlPlace: { file: target.file, get line() { return target.line; } },
  };
}
