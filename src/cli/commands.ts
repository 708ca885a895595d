/** What each CLI command does, as calls into the library. Output goes through one masking printer. */
import { join } from 'node:path';
import { parseWarnErrorOptions, selectForCommand, type Command } from '../execute/selection.js';
import type { IndirectSelection } from '../graph/selector.js';
import { writeManifest } from '../graph/manifest.js';
import { openProject, withWarehouse } from '../pipeline.js';
import type { Node, ResourceType } from '../project/types.js';
import type { Session } from '../session.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { describeTarget } from '../warehouse/connect.js';
import type { JsonLog } from './json-log.js';

export interface CommonOptions {
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  select?: string[];
  /** `-m/--models`: dbt's older name for --select. */
  models?: string[];
  exclude?: string[];
  selector?: string;
  indirectSelection?: IndirectSelection;
  warnError?: boolean;
  warnErrorOptions?: string;
  threads?: number;
  failFast?: boolean;
  fullRefresh?: boolean;
  output?: 'selector' | 'name' | 'path' | 'json' | 'text';
  resourceType?: string[];
  dir?: string;
  /** `--log-format json`: the command's structured log, which its lines and events go to instead of plain stdout. */
  jsonLog?: JsonLog;
}

/** Prints a line with every secret of the profile masked. */
export function maskingPrinter(secrets: string[], write: (text: string) => void = (text) => process.stdout.write(text)) {
  const masked = secrets.filter((secret) => secret.length >= 4);
  return (line: string) => {
    let text = line;
    for (const secret of masked) text = text.split(secret).join('*****');
    write(`${text}\n`);
  };
}

/**
 * What every project command passes to the library. With a JSON log, the templates' `log()` lines join it
 * (not plain stdout) and the run carries the log's invocation id.
 */
export function projectOptions(options: Pick<CommonOptions, 'projectDir' | 'profilesDir' | 'target' | 'vars' | 'jsonLog'>, out: (line: string) => void) {
  const log = options.jsonLog ? { log: options.jsonLog.note, invocationId: options.jsonLog.invocationId } : {};
  return { projectDir: options.projectDir ?? '.', profilesDir: options.profilesDir, target: options.target, vars: options.vars, out, ...log };
}

/** The printer of a command: masking these secrets, as text lines or (`--log-format json`) as log events. */
export function commandPrinter(options: Pick<CommonOptions, 'jsonLog'>, secrets: string[]): (line: string) => void {
  return options.jsonLog ? options.jsonLog.printer(secrets) : maskingPrinter(secrets);
}

/** Output masks the profile's secrets; until the profile is read, the environment's secret-looking values. */
export function openCommand(options: CommonOptions, keepGoing = false): { session: Session; out: (line: string) => void } {
  const pending: string[] = [];
  const session = openProject({ ...projectOptions(options, (line) => pending.push(line)), keepGoing });
  const out = commandPrinter(options, session.project.profile.secrets);
  for (const line of pending) out(line);
  return { session, out };
}

/** What the selection flags ask for: --select and -m/--models together, --exclude, --selector, indirect selection. */
function selection(options: CommonOptions) {
  const select = [...(options.select ?? []), ...(options.models ?? [])];
  return { select: select.length ? select : undefined, exclude: options.exclude, selector: options.selector, indirectSelection: options.indirectSelection };
}

export async function runWarehouseCommand(command: Exclude<Command, 'compile'>, options: CommonOptions): Promise<number> {
  const { session, out } = openCommand(options);
  out(`Sluice ${command} · project ${session.project.name} · target ${session.project.profile.targetName} (${describeTarget(session.project.profile.target)})`);
  const warnErrorOptions = options.warnErrorOptions === undefined ? undefined : parseWarnErrorOptions(options.warnErrorOptions);
  // The execution machinery loads when a command runs nodes (`ls` only selects).
  const { runCommand } = await import('../execute/run-task.js');
  const summary = await withWarehouse(session, { out }, async (warehouse) => {
    await knowProductionState(session, warehouse, options);
    return runCommand(session, warehouse, command, {
      ...selection(options),
      threads: options.threads,
      failFast: options.failFast,
      fullRefresh: options.fullRefresh,
      warnError: options.warnError,
      warnErrorOptions,
      out,
    });
  });
  return summary.ok ? 0 : 1;
}

/** `state:` selectors compare with production's state: plan first when a selector needs it. */
async function knowProductionState(session: Session, warehouse: Warehouse, options: CommonOptions): Promise<void> {
  const selectors = [...(options.select ?? []), ...(options.models ?? []), ...(options.exclude ?? [])];
  if (!selectors.some((selector) => selector.includes('state:'))) return;
  // Loaded only here: planning (diffs, reports) is more code than plain commands need.
  const { planAgainstProduction } = await import('../plan/ci.js');
  await planAgainstProduction(session, warehouse, null);
}

/**
 * Compiles every node it can: a node that does not parse is reported with the others' results instead of
 * stopping the run. Exit 2 when some node's Jinja or refs are invalid, 1 when only compiling failed.
 */
export async function runCompile(options: CommonOptions): Promise<number> {
  const { session, out } = openCommand(options, true);
  // Compiling may need the warehouse (run_query, introspection, is_incremental), as in dbt.
  const { runCommand } = await import('../execute/run-task.js');
  const summary = await withWarehouse(session, { out, lazy: true }, (warehouse) => runCommand(session, warehouse, 'compile', { ...selection(options), out }));
  writeManifest(session);
  out(`Compiled SQL is in ${join(session.project.targetPath, 'compiled')}`);
  if (session.nodeErrors.size) {
    out(`${session.nodeErrors.size} node${session.nodeErrors.size === 1 ? '' : 's'} of the project did not parse: the project is invalid`);
    return 2;
  }
  return summary.ok ? 0 : 1;
}

function selectorText(node: Node): string {
  if (node.resourceType === 'source') return `source:${node.packageName}.${node.sourceName}.${node.name}`;
  if (node.resourceType === 'exposure') return `exposure:${node.packageName}.${node.name}`;
  if (node.resourceType === 'unit_test') return `unit_test:${node.fqn.join('.')}`;
  return node.fqn.join('.');
}

export async function runList(options: CommonOptions): Promise<number> {
  const { session, out } = openCommand(options);
  const types = options.resourceType?.map((type) => (type === 'data_test' ? 'test' : type)) as ResourceType[] | undefined;
  const selectors = [...(options.select ?? []), ...(options.models ?? []), ...(options.exclude ?? [])];
  if (selectors.some((selector) => selector.includes('state:'))) await withWarehouse(session, { out }, (warehouse) => knowProductionState(session, warehouse, options));
  const warnErrorOptions = options.warnErrorOptions === undefined ? undefined : parseWarnErrorOptions(options.warnErrorOptions);
  const nodes = selectForCommand(session, 'ls', { ...selection(options), out, warnError: options.warnError, warnErrorOptions }, types);
  for (const node of nodes) {
    if (options.output === 'json') {
      out(
        JSON.stringify({
          name: node.name,
          resource_type: node.resourceType,
          package_name: node.packageName,
          original_file_path: node.originalFilePath,
          unique_id: node.uniqueId,
          alias: node.relation.identifier,
          tags: node.tags,
          config: node.config,
          depends_on: node.dependsOn,
          ...(node.sourceName ? { source_name: node.sourceName } : {}),
        }),
      );
    } else if (options.output === 'name') out(node.name);
    else if (options.output === 'path') out(node.originalFilePath);
    else out(selectorText(node));
  }
  return 0;
}

export async function runDebug(options: CommonOptions): Promise<number> {
  const { session, out } = openCommand(options);
  const { profile } = session.project;
  out(`project:  ${session.project.name} (${session.project.root})`);
  out(`profile:  ${profile.profileName} from ${profile.file}`);
  out(`target:   ${profile.targetName} — ${describeTarget(profile.target)}, ${profile.target.threads} thread(s)`);
  out(`nodes:    ${[...session.graph.nodes.values()].filter((node) => node.resourceType === 'model').length} models, ${session.project.macros.size} macros`);
  try {
    await withWarehouse(session, { out }, async (warehouse) => {
      await warehouse.ping();
    });
    out('connection: OK');
    return 0;
  } catch (error) {
    out(`connection: FAILED — ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
