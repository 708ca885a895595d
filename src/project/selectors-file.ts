/**
 * selectors.yml: named selections (`sluice build --selector nightly`) in dbt's definition syntax — a
 * selector string, `{method: …, value: …}` with graph options, the shorthand `{tag: nightly}`, `union`
 * and `intersection` lists with `exclude`, and `{method: selector, value: other}` reusing an earlier one.
 * Read into plain selection specs; src/graph/yaml-selection.ts evaluates them on the graph.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../errors.js';
import type { IndirectSelection } from '../graph/selector.js';
import { isRecord, readYaml, type YamlFile } from './yaml-file.js';

export type SelectionSpec =
  | { kind: 'criterion'; text: string; indirectSelection?: IndirectSelection }
  | { kind: 'union'; parts: SelectionSpec[] }
  | { kind: 'intersection'; parts: SelectionSpec[] }
  | { kind: 'difference'; base: SelectionSpec; minus: SelectionSpec };

export interface NamedSelector {
  name: string;
  description: string;
  /** Used when a command is given no --select and no --selector. */
  default: boolean;
  definition: SelectionSpec;
  file: string;
  line: number;
}

const INDIRECT_MODES = new Set(['eager', 'cautious', 'buildable', 'empty']);
const GRAPH_KEYS = new Set(['method', 'value', 'parents', 'children', 'parents_depth', 'children_depth', 'childrens_parents', 'indirect_selection', 'exclude']);

/**
 * The project's selectors.yml, if it has one. `render` renders a string value as dbt renders this file
 * (natively, with the target, env_var and --vars).
 */
export function readSelectorsFile(root: string, render: (value: string, file: string, line: number) => unknown): Map<string, NamedSelector> {
  const selectors = new Map<string, NamedSelector>();
  const path = join(root, 'selectors.yml');
  if (!existsSync(path)) return selectors;
  const yaml = readYaml<Record<string, unknown>>(path, 'selectors.yml');
  const list = yaml.value.selectors;
  if (!Array.isArray(list)) throw new SluiceError("selectors.yml needs a 'selectors' list", { file: yaml.file, line: yaml.lineOf(['selectors']), hint: 'selectors:\n  - name: nightly\n    definition: tag:nightly' });
  const renderTree = (value: unknown, path: Array<string | number>): unknown => {
    if (typeof value === 'string') return value.includes('{{') || value.includes('{%') ? render(value, yaml.file, yaml.lineOf(path)) : value;
    if (Array.isArray(value)) return value.map((item, index) => renderTree(item, [...path, index]));
    if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderTree(item, [...path, key])]));
    return value;
  };
  list.forEach((raw, index) => {
    const at = ['selectors', index];
    const entry = renderTree(raw, at);
    if (!isRecord(entry) || typeof entry.name !== 'string') throw new SluiceError('Each selector needs a name', { file: yaml.file, line: yaml.lineOf(at) });
    if (selectors.has(entry.name)) throw new SluiceError(`Selector '${entry.name}' is defined twice`, { file: yaml.file, line: yaml.lineOf(at) });
    if (entry.definition === undefined) throw new SluiceError(`Selector '${entry.name}' has no definition`, { file: yaml.file, line: yaml.lineOf(at), hint: 'definition: tag:nightly' });
    const definition = parseDefinition(entry.definition, { yaml, path: [...at, 'definition'], selectors, rootLevel: true });
    const isDefault = entry.default === true;
    if (isDefault) {
      const other = [...selectors.values()].find((selector) => selector.default);
      if (other) throw new SluiceError(`Selectors '${other.name}' and '${entry.name}' are both default`, { file: yaml.file, line: yaml.lineOf([...at, 'default']), hint: 'only one selector can be the default' });
    }
    selectors.set(entry.name, {
      name: entry.name,
      description: typeof entry.description === 'string' ? entry.description : '',
      default: isDefault,
      definition,
      file: yaml.file,
      line: yaml.lineOf(at),
    });
  });
  return selectors;
}

interface ParseContext {
  yaml: YamlFile;
  path: Array<string | number>;
  selectors: Map<string, NamedSelector>;
  rootLevel?: boolean;
}

function fail(context: ParseContext, message: string, hint?: string): never {
  throw new SluiceError(`selectors.yml: ${message}`, { file: context.yaml.file, line: context.yaml.lineOf(context.path), hint: hint ?? 'see https://docs.getdbt.com/reference/node-selection/yaml-selectors' });
}

function at(context: ParseContext, ...steps: Array<string | number>): ParseContext {
  return { ...context, path: [...context.path, ...steps], rootLevel: false };
}

function parseDefinition(definition: unknown, context: ParseContext): SelectionSpec {
  if (typeof definition === 'string') return { kind: 'criterion', text: definition };
  if (!isRecord(definition)) fail(context, 'a definition is a selector string, a mapping, a union or an intersection — not a list');
  if (context.rootLevel && ('union' in definition || 'intersection' in definition) && Object.keys(definition).length > 1) {
    fail(context, `only one 'union' or 'intersection' key is allowed at the root of a definition; found ${Object.keys(definition).join(', ')}`);
  }
  if ('union' in definition) return setOperation('union', definition.union, at(context, 'union'));
  if ('intersection' in definition) return setOperation('intersection', definition.intersection, at(context, 'intersection'));
  return parseMethodDefinition(definition, context);
}

/** `union: [...]` / `intersection: [...]`, one of whose items may be `exclude: [...]`. */
function setOperation(kind: 'union' | 'intersection', items: unknown, context: ParseContext): SelectionSpec {
  if (!Array.isArray(items)) fail(context, `'${kind}' must be a list`);
  const parts: SelectionSpec[] = [];
  let minus: SelectionSpec | undefined;
  items.forEach((item, index) => {
    if (isRecord(item) && 'exclude' in item) {
      if (minus) fail(at(context, index), `a ${kind} can have only one exclude`);
      minus = exclusions(item.exclude, at(context, index, 'exclude'));
    } else parts.push(parseDefinition(item, at(context, index)));
  });
  const base: SelectionSpec = { kind, parts };
  return minus ? { kind: 'difference', base, minus } : base;
}

function exclusions(value: unknown, context: ParseContext): SelectionSpec {
  const items = Array.isArray(value) ? value : [value];
  const parts = items.map((item, index) => parseDefinition(item, at(context, index)));
  return parts.length === 1 ? parts[0] : { kind: 'union', parts };
}

/** `{method: tag, value: nightly, parents: true, …}`, `{tag: nightly}` or `{method: selector, value: name}`. */
function parseMethodDefinition(definition: Record<string, unknown>, context: ParseContext): SelectionSpec {
  let dict = definition;
  if (Object.keys(definition).length === 1) {
    const [method] = Object.keys(definition);
    dict = { method, value: definition[method] };
  } else if (!('method' in definition && 'value' in definition)) {
    fail(context, `expected one key, or 'method' and 'value'; got ${Object.keys(definition).join(', ')}`);
  }
  if (dict.method === 'selector') {
    const named = context.selectors.get(String(dict.value));
    if (!named) fail(context, `selector '${String(dict.value)}' is not defined above this one`);
    return named.definition;
  }
  for (const key of Object.keys(dict)) if (!GRAPH_KEYS.has(key)) fail(at(context, key), `unknown key '${key}'`);
  if (typeof dict.method !== 'string' || !/^[a-z_]+(\.[A-Za-z0-9_.-]+)?$/.test(dict.method)) fail(at(context, 'method'), `'${String(dict.method)}' is not a selection method`);
  if (typeof dict.value !== 'string' && typeof dict.value !== 'number') fail(at(context, 'value'), 'a value is a string');
  const depth = (key: 'parents_depth' | 'children_depth') => {
    const raw = dict[key];
    if (raw === undefined || raw === null) return '';
    if (!Number.isInteger(Number(raw)) || Number(raw) < 0) fail(at(context, key), `${key} must be a whole number`);
    return String(raw);
  };
  const parents = dict.parents === true || depth('parents_depth') !== '';
  const children = dict.children === true || depth('children_depth') !== '';
  const text = `${dict.childrens_parents === true ? '@' : ''}${parents ? `${depth('parents_depth')}+` : ''}${dict.method}:${String(dict.value)}${children ? `+${depth('children_depth')}` : ''}`;
  const mode = dict.indirect_selection;
  if (mode !== undefined && !INDIRECT_MODES.has(String(mode))) fail(at(context, 'indirect_selection'), `indirect_selection must be one of ${[...INDIRECT_MODES].join(', ')}`);
  const criterion: SelectionSpec = { kind: 'criterion', text, indirectSelection: mode === undefined ? undefined : (String(mode) as IndirectSelection) };
  if (dict.exclude === undefined) return criterion;
  return { kind: 'difference', base: criterion, minus: exclusions(dict.exclude, at(context, 'exclude')) };
}
