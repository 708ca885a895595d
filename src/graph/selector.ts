/**
 * dbt's node selection (`--select` / `--exclude`) over the project graph.
 *
 * A selector string is a union (spaces) of intersections (commas) of criteria; each criterion is
 * `[@][N+][method[.arg]:]value[+[N]]`. Selection happens in three steps: match the criteria,
 * add tests indirectly (their parents were selected), then keep the requested resource types.
 */
import picomatch from 'picomatch';
import { SluiceError, didYouMean } from '../errors.js';
import type { Node, ResourceType } from '../project/types.js';
import { ancestors, descendants, type Graph } from './graph.js';

export type SelectorMethod =
  | 'fqn'
  | 'path'
  | 'file'
  | 'tag'
  | 'config'
  | 'resource_type'
  | 'package'
  | 'source'
  | 'exposure'
  | 'test_name'
  | 'test_type'
  | 'unit_test'
  | 'state'
  | 'group'
  | 'access'
  | 'version';

export type IndirectSelection = 'eager' | 'cautious' | 'buildable' | 'empty';

/** One criterion, e.g. `2+config.materialized:table+`. */
export interface SelectorCriterion {
  /** The criterion as written. */
  text: string;
  method: SelectorMethod;
  /** Whether the method was written (`tag:x`) or inferred from the value (`x`). */
  methodWritten: boolean;
  /** What follows the method name: `config.meta.owner` → `['meta', 'owner']`. */
  methodArgs: string[];
  value: string;
  /** Generations of ancestors to add (`+x` → Infinity, `2+x` → 2); undefined when none. */
  parentsDepth?: number;
  /** Generations of descendants to add (`x+` → Infinity, `x+1` → 1); undefined when none. */
  childrenDepth?: number;
  /** `@x`: x, its descendants, and every ancestor of those (what a build of x+ needs). */
  childrensParents: boolean;
}

/** Comma-joined criteria: a node must match all of them. */
export interface SelectorIntersection {
  text: string;
  criteria: SelectorCriterion[];
}

/** Space-separated intersections: a node may match any of them. */
export interface SelectorExpression {
  text: string;
  union: SelectorIntersection[];
}

export interface SelectOptions {
  select?: string[];
  exclude?: string[];
  resourceTypes?: ResourceType[];
  indirectSelection?: IndirectSelection;
  /** The root project's name, what `package:this` means. */
  rootProject: string;
  /** Whether a node differs from production; `aspect` is `body`, `configs`, … for `state:modified.<aspect>`. */
  stateModified?: (id: string, aspect?: string) => boolean;
  /** Whether a node is absent from production, for `state:new` and `state:old`. */
  stateNew?: (id: string) => boolean;
  /**
   * Told of each space-separated part of --select or --exclude that selects nothing (dbt's warning
   * NoNodesForSelectionCriteria), with a did-you-mean when a value is close to one that exists.
   */
  onUnmatched?: (unmatched: UnmatchedCriterion) => void;
}

/** A part of a selection that matched no node. */
export interface UnmatchedCriterion {
  text: string;
  /** "did you mean 'dim_customers'?", when some criterion's value is close to one in the project. */
  suggestion?: string;
}

/** dbt's wording for a selection part that selects nothing, with Sluice's did-you-mean. */
export function unmatchedMessage(unmatched: UnmatchedCriterion): string {
  return `The selection criterion '${unmatched.text}' does not match any enabled nodes${unmatched.suggestion ? ` (${unmatched.suggestion})` : ''}`;
}

const METHODS: readonly SelectorMethod[] = [
  'fqn',
  'path',
  'file',
  'tag',
  'config',
  'resource_type',
  'package',
  'source',
  'exposure',
  'test_name',
  'test_type',
  'unit_test',
  'state',
  'group',
  'access',
  'version',
];

const METHODS_HINT =
  'valid methods: fqn, path, file, tag, config.<key>, resource_type, package, source, exposure, ' +
  'test_name, test_type, unit_test, state, group, access, version (e.g. tag:nightly, +stg_orders, path:models/staging)';

/** dbt methods that need something Sluice does not keep; named so the error can say why. */
const UNSUPPORTED_METHODS: Record<string, string> = {
  result: 'it needs the results of a previous run, which Sluice does not read',
  source_status: 'it needs a previous source freshness run, which Sluice does not read',
  metric: 'Sluice has no metrics',
  semantic_model: 'Sluice has no semantic models',
  saved_query: 'Sluice has no saved queries',
};

/** dbt's resource types; the ones Sluice never creates are accepted and simply match nothing. */
const RESOURCE_TYPES = [
  'model',
  'seed',
  'snapshot',
  'source',
  'test',
  'unit_test',
  'analysis',
  'exposure',
  'metric',
  'semantic_model',
  'saved_query',
  'operation',
  'function',
];
const TEST_TYPES = ['generic', 'singular', 'unit', 'data'];
const STATE_VALUES = ['new', 'old', 'modified', 'unmodified'];
const STATE_MODIFIED_ASPECTS = ['body', 'configs', 'relation', 'persisted_descriptions', 'macros', 'contract'];
const VERSION_VALUES = ['latest', 'prerelease', 'old', 'none'];
const ACCESS_VALUES = ['public', 'protected', 'private'];

function selectorError(message: string, hint: string = METHODS_HINT): SluiceError {
  return new SluiceError(message, { hint });
}

/** Parses one selector string (what one `--select` value holds). Throws SluiceError when malformed. */
export function parseSelector(text: string): SelectorExpression {
  const tokens = text.split(/\s+/).filter((token) => token !== '');
  if (tokens.length === 0) throw selectorError('The selector is empty');
  return {
    text: text.trim(),
    union: tokens.map((token) => {
      const parts = token.split(',');
      if (parts.some((part) => part === '')) {
        throw selectorError(
          `Selector '${token}' has an empty part around a comma`,
          'commas join criteria that must all match, with no spaces around them: tag:nightly,config.materialized:table',
        );
      }
      return { text: token, criteria: parts.map(parseCriterion) };
    }),
  };
}

function parseCriterion(text: string): SelectorCriterion {
  let rest = text;
  let childrensParents = false;
  let parentsDepth: number | undefined;
  let childrenDepth: number | undefined;

  if (rest.startsWith('@')) {
    childrensParents = true;
    rest = rest.slice(1);
  }
  const parents = /^(\d*)\+/.exec(rest);
  if (parents) {
    parentsDepth = parents[1] === '' ? Infinity : Number(parents[1]);
    rest = rest.slice(parents[0].length);
  }
  const children = /\+(\d*)$/.exec(rest);
  if (children) {
    childrenDepth = children[1] === '' ? Infinity : Number(children[1]);
    rest = rest.slice(0, children.index);
  }
  if (childrensParents && childrenDepth !== undefined) {
    throw selectorError(
      `Selector '${text}' combines '@' with a trailing '+'`,
      "'@x' already selects x's descendants and their ancestors: write '@x' or 'x+'",
    );
  }
  if (rest.includes('+') || rest.includes('@')) {
    throw selectorError(
      `Selector '${text}' has a '+' or '@' in the middle`,
      "graph operators go around a criterion: '+x' and '2+x' add ancestors, 'x+' and 'x+1' descendants, '@x' both",
    );
  }

  let method: SelectorMethod;
  let methodArgs: string[] = [];
  let methodWritten = false;
  let value = rest;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const written = rest.slice(0, colon);
    value = rest.slice(colon + 1);
    [method, methodArgs] = resolveMethod(written, text);
    methodWritten = true;
  } else if (rest.includes('/') || rest.includes('\\')) {
    method = 'path';
  } else if (/\.(sql|py|csv)$/i.test(rest)) {
    method = 'file';
  } else {
    method = 'fqn';
  }
  if (value === '') throw selectorError(`Selector '${text}' has no value to match`);

  const criterion: SelectorCriterion = { text, method, methodWritten, methodArgs, value, childrensParents };
  if (parentsDepth !== undefined) criterion.parentsDepth = parentsDepth;
  if (childrenDepth !== undefined) criterion.childrenDepth = childrenDepth;
  validateValue(criterion);
  return criterion;
}

function resolveMethod(written: string, text: string): [SelectorMethod, string[]] {
  const [name, ...args] = written.split('.');
  if (!/^\w+$/.test(name) || args.some((arg) => arg === '')) {
    throw selectorError(`Selector '${text}' has a malformed method '${written}'`);
  }
  if (name in UNSUPPORTED_METHODS) {
    throw selectorError(`Selector method '${name}:' is not supported: ${UNSUPPORTED_METHODS[name]}`);
  }
  if (!(METHODS as readonly string[]).includes(name)) {
    const guess = didYouMean(name, METHODS);
    throw selectorError(`Unknown selector method '${name}' in '${text}'${guess ? `: ${guess}` : ''}`);
  }
  const method = name as SelectorMethod;
  if (method === 'config' && args.length === 0) {
    throw selectorError(`Selector '${text}' needs a config key`, "name the key after 'config.': config.materialized:table");
  }
  if (method !== 'config' && args.length > 0) {
    throw selectorError(`Selector method '${method}' takes no '.${args.join('.')}' in '${text}'`);
  }
  return [method, args];
}

/** Values with a fixed vocabulary are checked while parsing, so a typo fails before anything runs. */
function validateValue(criterion: SelectorCriterion): void {
  const { method, value, text } = criterion;
  const oneOf = (allowed: string[], given: string) => {
    if (!allowed.includes(given)) {
      throw selectorError(`Selector '${text}': '${given}' is not a valid ${method} value`, `use one of: ${allowed.join(', ')}`);
    }
  };
  switch (method) {
    case 'resource_type':
      oneOf(RESOURCE_TYPES, value);
      break;
    case 'test_type':
      oneOf(TEST_TYPES, value);
      break;
    case 'version':
      oneOf(VERSION_VALUES, value);
      break;
    case 'access':
      oneOf(ACCESS_VALUES, value);
      break;
    case 'state': {
      const [state, aspect, ...more] = value.split('.');
      oneOf(STATE_VALUES, state);
      if (aspect !== undefined) {
        if (state !== 'modified' || more.length > 0) {
          throw selectorError(`Selector '${text}': only state:modified takes an aspect`, `use state:modified.<${STATE_MODIFIED_ASPECTS.join('|')}>`);
        }
        oneOf(STATE_MODIFIED_ASPECTS, aspect);
      }
      break;
    }
    case 'source':
      if (value.split('.').length > 3) {
        throw selectorError(`Selector '${text}' names too many parts`, 'use source:<source>, source:<source>.<table> or source:<package>.<source>.<table>');
      }
      break;
    case 'exposure':
      if (value.split('.').length > 2) {
        throw selectorError(`Selector '${text}' names too many parts`, 'use exposure:<name> or exposure:<package>.<name>');
      }
      break;
    default:
      break;
  }
}

/** What a selection found: `direct` is selected; `indirect` holds tests that may join once all their parents have. */
interface Selected {
  direct: Set<string>;
  indirect: Set<string>;
}

interface Selection {
  graph: Graph;
  options: SelectOptions;
  mode: IndirectSelection;
  index: NodeIndex;
}

/**
 * The unique_ids the options select, in the graph's node order. `index`: one made for this graph, to share
 * between several selections of the same graph (selectors.yml's set algebra).
 */
export function selectNodes(graph: Graph, options: SelectOptions, index: NodeIndex = new NodeIndex(graph)): Set<string> {
  const include = parseAll(options.select ?? []);
  const exclude = parseAll(options.exclude ?? []);
  for (const expression of [...include, ...exclude]) checkStateAvailable(expression, options);

  const selection: Selection = { graph, options, mode: options.indirectSelection ?? 'eager', index };
  // Without --select, everything is selected and there is nothing to add indirectly.
  let selected: Selected = include.length
    ? combine(selection, include.map((expression) => selectExpression(selection, expression)), 'union')
    : { direct: new Set(graph.nodes.keys()), indirect: new Set() };
  if (exclude.length) {
    const excluded = combine(selection, exclude.map((expression) => selectExpression(selection, expression)), 'union');
    selected = combine(selection, [selected, excluded], 'difference');
  }

  const types = options.resourceTypes ? new Set<string>(options.resourceTypes) : undefined;
  const result = new Set<string>();
  for (const [id, node] of graph.nodes) {
    if (selected.direct.has(id) && (!types || types.has(node.resourceType))) result.add(id);
  }
  return result;
}

function parseAll(texts: string[]): SelectorExpression[] {
  return texts.filter((text) => text.trim() !== '').map(parseSelector);
}

function checkStateAvailable(expression: SelectorExpression, options: SelectOptions): void {
  for (const intersection of expression.union) {
    for (const criterion of intersection.criteria) {
      if (criterion.method !== 'state') continue;
      const state = criterion.value.split('.')[0];
      const needsModified = state === 'modified' || state === 'unmodified';
      if (needsModified ? !options.stateModified : !options.stateNew) {
        throw new SluiceError(`state:${state} needs a production state`, {
          hint: 'state: selectors compare with what production last deployed; plan against an environment whose production state is recorded',
        });
      }
    }
  }
}

function selectExpression(selection: Selection, expression: SelectorExpression): Selected {
  return combine(
    selection,
    expression.union.map((intersection) => {
      const selected = combine(selection, intersection.criteria.map((criterion) => selectCriterion(selection, criterion)), 'intersection');
      // As dbt: each space-separated part is expected to select something, before resource types filter it.
      if (selected.direct.size === 0 && selection.options.onUnmatched) {
        selection.options.onUnmatched({ text: intersection.text, suggestion: suggestionFor(selection, intersection) });
      }
      return selected;
    }),
    'union',
  );
}

/** A did-you-mean for the first criterion of an intersection that matches no node on its own. */
function suggestionFor(selection: Selection, intersection: SelectorIntersection): string | undefined {
  const nodes = [...selection.graph.nodes.values()];
  for (const criterion of intersection.criteria) {
    const matches = criterionMatcher(criterion, selection.options);
    if (nodes.some(matches)) continue;
    const candidates = new Set<string>();
    for (const node of nodes) for (const candidate of candidateValues(criterion, node, selection.options)) candidates.add(candidate);
    const guess = didYouMean(criterion.value, candidates);
    if (!guess) continue;
    // Suggest whole criteria, operators and method kept: '+path:models/stagin' → '+path:models/staging'.
    const start = criterion.methodWritten ? criterion.text.indexOf(':') + 1 : criterion.text.indexOf(criterion.value);
    const [before, after] = [criterion.text.slice(0, start), criterion.text.slice(start + criterion.value.length)];
    return guess.replace(/'([^']*)'/g, (_, value: string) => `'${before}${value}${after}'`);
  }
  return undefined;
}

/** The values a method could have matched on one node, the vocabulary a typo is compared with. */
function candidateValues(criterion: SelectorCriterion, node: Node, options: SelectOptions): string[] {
  switch (criterion.method) {
    case 'fqn':
      return criterion.value.includes('.') ? [node.name, node.fqn.slice(1).join('.'), node.fqn.join('.')] : [node.name];
    case 'path': {
      const parts = normalisePath(node.originalFilePath).split('/');
      return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
    }
    case 'file':
      return [baseName(node.originalFilePath)];
    case 'tag':
      return tagsOf(node);
    case 'package':
      return [node.packageName, ...(node.packageName === options.rootProject ? ['this'] : [])];
    case 'source':
      return node.resourceType === 'source' && node.sourceName ? [node.sourceName, `${node.sourceName}.${node.name}`] : [];
    case 'exposure':
      return node.resourceType === 'exposure' ? [node.name] : [];
    case 'group':
      return typeof node.config.group === 'string' ? [node.config.group] : [];
    case 'test_name':
      return node.testMetadata ? [node.testMetadata.name] : [];
    case 'unit_test':
      return node.resourceType === 'unit_test' ? [node.name] : [];
    default:
      return [];
  }
}

function selectCriterion(selection: Selection, criterion: SelectorCriterion): Selected {
  const { graph } = selection;
  const indexed = selection.index.lookup(criterion);
  const matched = new Set<string>(indexed);
  if (!indexed) {
    const matches = criterionMatcher(criterion, selection.options);
    for (const [id, node] of graph.nodes) if (matches(node)) matched.add(id);
  }

  const collected = new Set(matched);
  if (criterion.childrensParents) {
    const below = descendants(graph, matched);
    for (const id of below) collected.add(id);
    for (const id of ancestors(graph, [...matched, ...below])) collected.add(id);
  }
  if (criterion.parentsDepth !== undefined) {
    for (const id of ancestors(graph, matched, criterion.parentsDepth)) collected.add(id);
  }
  if (criterion.childrenDepth !== undefined) {
    for (const id of descendants(graph, matched, criterion.childrenDepth)) collected.add(id);
  }
  return addTestsOf(selection, collected);
}

/** Adds the tests whose parents are selected, as the indirect selection mode says. */
function addTestsOf(selection: Selection, selected: Set<string>): Selected {
  const { graph, mode } = selection;
  const direct = new Set(selected);
  const indirect = new Set<string>();
  if (mode === 'empty') return { direct, indirect };

  const buildable = mode === 'buildable' ? buildableFrom(graph, selected) : undefined;
  for (const id of selected) {
    for (const childId of graph.children.get(id) ?? []) {
      if (direct.has(childId) || indirect.has(childId)) continue;
      const subjects = testSubjects(graph, childId);
      if (!subjects || !subjects.includes(id)) continue;
      if (mode === 'eager' || subjects.every((subject) => selected.has(subject))) direct.add(childId);
      else if (buildable && subjects.every((subject) => buildable.has(subject))) direct.add(childId);
      else indirect.add(childId);
    }
  }
  return { direct, indirect };
}

/** What a buildable test may depend on: the selection, what it is built from, and any source. */
function buildableFrom(graph: Graph, selected: Set<string>): Set<string> {
  const allowed = new Set([...selected, ...ancestors(graph, selected)]);
  for (const [id, node] of graph.nodes) if (node.resourceType === 'source') allowed.add(id);
  return allowed;
}

/**
 * The nodes a test tests, or undefined for nodes that are not tests. A unit test tests its model
 * only, even if the graph also links it to the model's inputs.
 */
function testSubjects(graph: Graph, id: string): string[] | undefined {
  const node = graph.nodes.get(id);
  if (!node) return undefined;
  const parents = [...(graph.parents.get(id) ?? [])];
  if (node.resourceType === 'test') return parents;
  if (node.resourceType !== 'unit_test') return undefined;
  if (node.attachedNode) return [node.attachedNode];
  const model = node.unitTest?.model;
  const tested = parents.filter((parent) => {
    const parentNode = graph.nodes.get(parent);
    return parentNode?.resourceType === 'model' && parentNode.name === model;
  });
  return tested.length ? tested : parents;
}

/**
 * Set algebra on selections. Tests held back as indirect (cautious, buildable) join the result once
 * all their parents are in it, so `a b` selects a test of both a and b even though neither alone does.
 */
function combine(selection: Selection, parts: Selected[], operation: 'union' | 'intersection' | 'difference'): Selected {
  const directSets = parts.map((part) => part.direct);
  const candidateSets = parts.map((part) => new Set([...part.direct, ...part.indirect]));
  const direct = setOperation(directSets, operation);
  const candidates = setOperation(candidateSets, operation);

  const { graph, mode } = selection;
  if (mode === 'cautious' || mode === 'buildable') {
    const allowed = mode === 'buildable' ? new Set([...direct, ...ancestors(graph, direct)]) : direct;
    for (const id of candidates) {
      if (direct.has(id)) continue;
      const subjects = testSubjects(graph, id);
      if (subjects && subjects.every((subject) => allowed.has(subject))) direct.add(id);
    }
  }
  return { direct, indirect: candidates };
}

function setOperation(sets: Set<string>[], operation: 'union' | 'intersection' | 'difference'): Set<string> {
  const [first, ...rest] = sets;
  const result = new Set(first);
  for (const set of rest) {
    if (operation === 'union') {
      for (const id of set) result.add(id);
    } else if (operation === 'intersection') {
      for (const id of result) if (!set.has(id)) result.delete(id);
    } else {
      for (const id of set) result.delete(id);
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Methods: each turns a criterion into a predicate over nodes.

function criterionMatcher(criterion: SelectorCriterion, options: SelectOptions): (node: Node) => boolean {
  const { value } = criterion;
  switch (criterion.method) {
    case 'fqn':
      return (node) => fqnMatches(node, value);
    case 'path':
      return pathMatcher(value);
    case 'file':
      return (node) => fileNames(node).some((name) => fnmatch(name, value));
    case 'tag':
      return (node) => tagsOf(node).some((tag) => fnmatch(tag, value));
    case 'config':
      return configMatcher(criterion.methodArgs, value);
    case 'resource_type':
      return (node) => node.resourceType === value;
    case 'package': {
      const packageName = value === 'this' ? options.rootProject : value;
      return (node) => fnmatch(node.packageName, packageName);
    }
    case 'source':
      return sourceMatcher(value);
    case 'exposure': {
      const parts = value.split('.');
      const name = parts.pop()!;
      const packageName = parts[0];
      return (node) =>
        node.resourceType === 'exposure' &&
        fnmatch(node.name, name) &&
        (packageName === undefined || fnmatch(node.packageName, packageName));
    }
    case 'test_name':
      return (node) => {
        const metadata = node.testMetadata;
        if (node.resourceType !== 'test' || !metadata) return false;
        return fnmatch(metadata.name, value) || (!!metadata.namespace && fnmatch(`${metadata.namespace}.${metadata.name}`, value));
      };
    case 'test_type':
      return testTypeMatcher(value);
    case 'unit_test':
      return (node) => node.resourceType === 'unit_test' && fqnMatches(node, value);
    case 'state':
      return stateMatcher(value, options);
    case 'group':
      return (node) => typeof node.config.group === 'string' && fnmatch(node.config.group, value);
    case 'access':
      return (node) => node.resourceType === 'model' && (node.config.access ?? 'protected') === value;
    case 'version':
      return versionMatcher(value);
  }
}

/**
 * dbt's fqn matching: the leaf name, or a dotted prefix of the fqn with or without its package.
 * After the first wildcard part the rest of the fqn is matched as one dotted string, as dbt does.
 * Unlike dbt-core (but like dbt Fusion), a bare wildcard such as `stg_*` also matches leaf names
 * of models in sub-folders, which is what users expect it to do.
 */
function fqnMatches(node: Node, selector: string): boolean {
  const leaves = fqnLeaves(node);
  const dotted = selector.includes('.');
  if (leaves.some((leaf) => leaf === selector || (!dotted && fnmatch(leaf, selector)))) return true;
  const parts = selector.split('.');
  return fqnPrefixMatches(node.fqn, parts) || fqnPrefixMatches(node.fqn.slice(1), parts);
}

function fqnPrefixMatches(fqn: string[], selectorParts: string[]): boolean {
  const flat = flatFqn(fqn);
  if (flat.length < selectorParts.length) return false;
  for (let i = 0; i < selectorParts.length; i++) {
    if (hasWildcard(selectorParts[i])) return fnmatch(flat.slice(i).join('.'), selectorParts.slice(i).join('.'));
    if (flat[i] !== selectorParts[i]) return false;
  }
  return true;
}

/** Dots in names (versions, dotted folder names) act as separators, as in dbt. */
function flatFqn(fqn: string[]): string[] {
  return fqn.some((segment) => segment.includes('.')) ? fqn.flatMap((segment) => segment.split('.')) : fqn;
}

/** The leaf names an fqn criterion matches exactly. */
function fqnLeaves(node: Node): string[] {
  const leaves = [node.name];
  if (node.version !== undefined) {
    // A versioned model's fqn ends in `v2`: its leaf is the name, with or without the version.
    const version = `v${node.version}`.replace(/\./g, '_');
    leaves.push(`${node.name}_${version}`, `${node.name}.${version}`);
  } else if (node.fqn.length) {
    leaves.push(node.fqn[node.fqn.length - 1]);
  }
  return leaves;
}

/** A file, a parent folder or a glob relative to the project root; a folder selects everything under it. */
function pathMatcher(value: string): (node: Node) => boolean {
  const pattern = normalisePath(value);
  const matches = hasWildcard(pattern) ? picomatch(pattern, { dot: true }) : (candidate: string) => candidate === pattern;
  return (node) => pathAndFolders(node).some((path) => matches(path));
}

/** A node's file and every folder above it, as `path:` criteria match them. */
function pathAndFolders(node: Node): string[] {
  const paths: string[] = [];
  let candidate = normalisePath(node.originalFilePath);
  while (candidate !== '') {
    paths.push(candidate);
    const slash = candidate.lastIndexOf('/');
    candidate = slash < 0 ? '' : candidate.slice(0, slash);
  }
  return paths;
}

function normalisePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

function baseName(path: string): string {
  return normalisePath(path).split('/').pop() ?? '';
}

/** What `file:` matches: the file's name, with and without its extension. */
function fileNames(node: Node): string[] {
  const name = baseName(node.originalFilePath);
  return [name, name.replace(/\.[^.]*$/, '')];
}

function tagsOf(node: Node): string[] {
  return [...node.tags, ...(node.config.tags ?? [])];
}

type IndexedMethod = 'fqn' | 'path' | 'file' | 'tag';

/** Every value a criterion of the method, written without wildcards, matches the node by. */
const INDEX_KEYS: Record<IndexedMethod, (node: Node) => string[]> = {
  fqn: (node) => {
    // The leaves, and each dotted prefix of the fqn with and without its package (what fqnPrefixMatches accepts).
    const keys = fqnLeaves(node);
    for (const fqn of [flatFqn(node.fqn), flatFqn(node.fqn.slice(1))]) {
      let prefix = fqn[0];
      for (let i = 0; i < fqn.length; i++) keys.push(i === 0 ? prefix : (prefix = `${prefix}.${fqn[i]}`));
    }
    return keys;
  },
  path: pathAndFolders,
  file: fileNames,
  tag: tagsOf,
};

/**
 * The nodes by every value that criteria written without wildcards match them by (fqn parts, paths and
 * their folders, file names, tags), so that such a criterion is looked up instead of tested on every node:
 * `--select a b c …` on a pull request's changed models costs one pass over the graph, not one per model.
 * Each method's map is made on first use.
 */
export class NodeIndex {
  private readonly maps = new Map<IndexedMethod, Map<unknown, string[]>>();

  constructor(private readonly graph: Graph) {}

  /** The unique_ids the criterion matches, before graph operators; undefined when every node must be tested. */
  lookup(criterion: SelectorCriterion): string[] | undefined {
    const { method } = criterion;
    if (!(method in INDEX_KEYS)) return undefined;
    const value = method === 'path' ? normalisePath(criterion.value) : criterion.value;
    if (hasWildcard(value)) return undefined;
    return this.map(method as IndexedMethod).get(value) ?? [];
  }

  private map(method: IndexedMethod): Map<unknown, string[]> {
    let map = this.maps.get(method);
    if (!map) {
      map = new Map();
      for (const [id, node] of this.graph.nodes) {
        for (const key of INDEX_KEYS[method](node)) {
          const ids = map.get(key);
          if (!ids) map.set(key, [id]);
          else if (ids[ids.length - 1] !== id) ids.push(id);
        }
      }
      this.maps.set(method, map);
    }
    return map;
  }
}

function configMatcher(keys: string[], value: string): (node: Node) => boolean {
  // dbt compares severity without case: `warn` and `WARN` are the same severity.
  const caseless = keys.length === 1 && keys[0] === 'severity';
  const equals = (configValue: unknown): boolean => {
    if (typeof configValue === 'string') return caseless ? configValue.toLowerCase() === value.toLowerCase() : configValue === value;
    if (typeof configValue === 'boolean') return String(configValue) === value.toLowerCase();
    if (typeof configValue === 'number') return String(configValue) === value;
    return false;
  };
  return (node) => {
    let current: unknown = node.config;
    for (const key of keys) {
      if (current === null || typeof current !== 'object' || !(key in current)) return false;
      current = (current as Record<string, unknown>)[key];
    }
    return Array.isArray(current) ? current.some(equals) : equals(current);
  };
}

function sourceMatcher(value: string): (node: Node) => boolean {
  const parts = value.split('.');
  const [packageName, sourceName, tableName] =
    parts.length === 3 ? parts : parts.length === 2 ? [undefined, parts[0], parts[1]] : [undefined, parts[0], undefined];
  return (node) =>
    node.resourceType === 'source' &&
    fnmatch(node.sourceName ?? '', sourceName!) &&
    (tableName === undefined || fnmatch(node.name, tableName)) &&
    (packageName === undefined || fnmatch(node.packageName, packageName));
}

function testTypeMatcher(value: string): (node: Node) => boolean {
  switch (value) {
    case 'generic':
      return (node) => node.resourceType === 'test' && !!node.testMetadata;
    case 'singular':
      return (node) => node.resourceType === 'test' && !node.testMetadata;
    case 'unit':
      return (node) => node.resourceType === 'unit_test';
    default:
      // `data` tests are dbt's name for generic and singular tests together.
      return (node) => node.resourceType === 'test';
  }
}

function stateMatcher(value: string, options: SelectOptions): (node: Node) => boolean {
  const [state, aspect] = value.split('.');
  const modified = options.stateModified!;
  const isNew = options.stateNew!;
  switch (state) {
    case 'modified':
      return (node) => modified(node.uniqueId, aspect);
    case 'unmodified':
      return (node) => !modified(node.uniqueId);
    case 'new':
      return (node) => isNew(node.uniqueId);
    default:
      return (node) => !isNew(node.uniqueId);
  }
}

function versionMatcher(value: string): (node: Node) => boolean {
  return (node) => {
    if (node.resourceType !== 'model') return false;
    if (node.version === undefined) return value === 'none';
    const latest = node.latestVersion ?? node.version;
    const order = compareVersions(node.version, latest);
    if (value === 'latest') return order === 0;
    if (value === 'prerelease') return order > 0;
    if (value === 'old') return order < 0;
    return false;
  };
}

/** Numeric when both are numbers (so 10 > 9), else as strings, like dbt's latest_version. */
function compareVersions(a: string, b: string): number {
  const numbers = [Number(a), Number(b)];
  if (numbers.every((n) => !Number.isNaN(n))) return Math.sign(numbers[0] - numbers[1]);
  return a === b ? 0 : a < b ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------
// Python's fnmatch: `*` (anything, dots and slashes included), `?`, `[abc]`, `[!abc]`.

const fnmatchCache = new Map<string, RegExp>();

function hasWildcard(text: string): boolean {
  return /[*?[]/.test(text);
}

function fnmatch(name: string, pattern: string): boolean {
  if (!hasWildcard(pattern)) return name === pattern;
  let regex = fnmatchCache.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${fnmatchSource(pattern)}$`, 's');
    fnmatchCache.set(pattern, regex);
  }
  return regex.test(name);
}

function fnmatchSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*') source += '.*';
    else if (char === '?') source += '.';
    else if (char === '[') {
      // A ']' right after '[' or '[!' is a member of the set, not its end.
      let end = i + 1;
      if (pattern[end] === '!') end++;
      if (pattern[end] === ']') end++;
      end = pattern.indexOf(']', end);
      if (end < 0) {
        source += '\\[';
        continue;
      }
      let members = pattern.slice(i + 1, end);
      const negated = members.startsWith('!');
      if (negated) members = members.slice(1);
      source += `[${negated ? '^' : ''}${members.replace(/[\\^\]]/g, (m, offset: number) => (m === '^' && offset > 0 ? m : `\\${m}`))}]`;
      i = end;
    } else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return source;
}
