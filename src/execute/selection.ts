/**
 * Which nodes a command acts on — `--select`/`--exclude`, `--selector` and selectors.yml's default,
 * `--indirect-selection` — and dbt's `--warn-error-options`. Light on purpose: `sluice ls` needs this and
 * none of the execution machinery.
 */
import { SluiceError, didYouMean } from '../errors.js';
import { selectNodes, unmatchedMessage, type IndirectSelection } from '../graph/selector.js';
import { evaluateSelection } from '../graph/yaml-selection.js';
import type { NamedSelector } from '../project/selectors-file.js';
import type { Node, ResourceType } from '../project/types.js';
import { isRecord, parseYaml } from '../project/yaml-file.js';
import type { Session } from '../session.js';

export type Command = 'seed' | 'run' | 'snapshot' | 'test' | 'build' | 'compile';

/** What chooses a command's nodes (a part of the run's options). */
export interface SelectionOptions {
  select?: string[];
  exclude?: string[];
  /** Exactly these nodes (and, for test and build, the tests of any of them) instead of a selection. */
  only?: Set<string>;
  selector?: string;
  indirectSelection?: IndirectSelection;
  out?: (line: string) => void;
  warnError?: boolean;
  warnErrorOptions?: WarnErrorOptions;
}

const COMMAND_TYPES: Record<Command, ResourceType[]> = {
  seed: ['seed'],
  run: ['model'],
  snapshot: ['snapshot'],
  test: ['test', 'unit_test'],
  build: ['seed', 'model', 'snapshot', 'test', 'unit_test'],
  compile: ['model', 'test', 'snapshot', 'analysis'],
};

/** The nodes a command would act on, in unique_id order (what `ls` prints too). */
export function selectForCommand(
  session: Session,
  command: Command | 'ls',
  options: SelectionOptions,
  resourceTypes?: ResourceType[],
): Node[] {
  const types = resourceTypes ?? (command === 'ls' ? undefined : COMMAND_TYPES[command]);
  if (options.only) {
    const only = options.only;
    const chosen = [...session.graph.nodes.values()].filter((node) => {
      if (types && !types.includes(node.resourceType)) return false;
      if (only.has(node.uniqueId)) return true;
      if (node.resourceType === 'unit_test') return only.has(node.attachedNode!);
      if (node.resourceType === 'test') return [...session.graph.parents.get(node.uniqueId)!].some((parent) => only.has(parent));
      return false;
    });
    return chosen.sort((a, b) => a.uniqueId.localeCompare(b.uniqueId));
  }
  const base = { rootProject: session.project.name, stateModified: session.stateModified, stateNew: session.stateNew, indirectSelection: options.indirectSelection };
  const selector = namedSelector(session, options);
  if (selector) {
    const ids = evaluateSelection(selector.definition, session.graph, base);
    return [...ids].sort().map((id) => session.graph.nodes.get(id)!).filter((node) => !types || types.includes(node.resourceType));
  }
  const ids = selectNodes(session.graph, {
    ...base,
    select: options.select?.length ? options.select : undefined,
    exclude: options.exclude,
    resourceTypes: types,
    onUnmatched: (unmatched) => {
      // A warning as in dbt (exit code unchanged), an error under --warn-error.
      if (options.warnError || warnErrorIncludes(options.warnErrorOptions, 'NoNodesForSelectionCriteria')) {
        throw new SluiceError(unmatchedMessage(unmatched), { hint: 'check the selector for a typo; without --warn-error this is a warning' });
      }
      (options.out ?? ((line: string) => process.stdout.write(`${line}\n`)))(`Warning: ${unmatchedMessage(unmatched)}`);
    },
  });
  return [...ids].sort().map((id) => session.graph.nodes.get(id)!);
}

/** dbt's --warn-error-options: `include` (`all` or event names) and `exclude` (`warn` and `error` are older names). */
export interface WarnErrorOptions {
  include: 'all' | string[];
  exclude: string[];
}

export function warnErrorIncludes(options: WarnErrorOptions | undefined, event: string): boolean {
  if (!options || options.exclude.includes(event)) return false;
  return options.include === 'all' || options.include.includes(event);
}

/** `--warn-error-options '{"include": "all", "exclude": [...]}'`, as YAML or JSON. */
export function parseWarnErrorOptions(text: string): WarnErrorOptions {
  const value = parseYaml<unknown>(text, '--warn-error-options').value;
  if (!isRecord(value)) throw new SluiceError('--warn-error-options must be a mapping', { hint: `e.g. --warn-error-options '{"include": "all", "exclude": ["NoNodesForSelectionCriteria"]}'` });
  const include = value.include ?? value.error ?? [];
  const exclude = value.exclude ?? value.warn ?? [];
  const names = (list: unknown, key: string) => {
    if (!Array.isArray(list) || list.some((item) => typeof item !== 'string')) throw new SluiceError(`--warn-error-options: '${key}' must be "all" or a list of event names`);
    return list as string[];
  };
  return { include: include === 'all' || include === '*' ? 'all' : names(include, 'include'), exclude: names(exclude, 'exclude') };
}

/** `--selector NAME`, or the selectors.yml default when nothing else is selected. */
function namedSelector(session: Session, options: Pick<SelectionOptions, 'select' | 'exclude' | 'selector'>): NamedSelector | undefined {
  const { selectors } = session.project;
  if (options.selector !== undefined) {
    if (options.select?.length || options.exclude?.length) throw new SluiceError('--selector cannot be combined with --select or --exclude', { hint: 'put the whole selection in the selector, or use --select alone' });
    const selector = selectors.get(options.selector);
    if (!selector) {
      throw new SluiceError(`No selector named '${options.selector}' in selectors.yml`, {
        file: 'selectors.yml',
        hint: didYouMean(options.selector, selectors.keys()) ?? (selectors.size ? `selectors: ${[...selectors.keys()].join(', ')}` : 'the project has no selectors.yml'),
      });
    }
    return selector;
  }
  if (options.select?.length || options.exclude?.length) return undefined;
  return [...selectors.values()].find((selector) => selector.default);
}

