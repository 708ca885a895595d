/**
 * The dbt commands that touch the warehouse — seed, run, test, build — and compile: select nodes, order
 * them, execute them on the scheduler, print one line per node and a summary, write run_results.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SluiceError } from '../errors.js';
import { severityOf } from '../project/config.js';
import type { Node } from '../project/types.js';
import { ancestors, descendants } from '../graph/graph.js';
import type { IndirectSelection } from '../graph/selector.js';
import type { Session } from '../session.js';
import type { ExecuteOptions } from '../templating/renderer.js';
import { WarehouseError, type Relation, type Warehouse } from '../warehouse/warehouse.js';
import { compileGenericTest, compileSql, wrapTestSql, type CompileContext } from './compile-node.js';
import { checkRelationConfig, tableOptions, type RelationPlacement } from './relation-config.js';
import { applyAfterCreate, ensureSchema, materializeIncremental, materializeSeed, materializeTable, materializeView, readSeed, type MaterializeResult } from './materializations.js';
import type { SeedTable } from '../project/seed-csv.js';
import { writeRunResults, type NodeResult } from './run-results.js';
import { runTasks, type NodeStatus, type SchedulerTask, type TaskOutcome } from './scheduler.js';
import { materializeSnapshot } from './snapshot.js';
import { projectHooks, runEndContext, runProjectHooks } from './run-hooks.js';
import { cancellationRequested } from './cancellation.js';
import { RelationCache } from './relation-cache.js';
import { runUnitTest } from './unit-tests.js';
import { selectForCommand, warnErrorIncludes, type Command, type WarnErrorOptions } from './selection.js';
import { eventSinkOf, nodeFinishedEvent, nodeStartEvent, type LogEventSink, type NodeOutcome } from '../report/log-events.js';

export { parseWarnErrorOptions, selectForCommand, warnErrorIncludes, type Command, type WarnErrorOptions } from './selection.js';


export interface RunOptions {
  select?: string[];
  exclude?: string[];
  fullRefresh?: boolean;
  failFast?: boolean;
  threads?: number;
  /** Run exactly these nodes (and, for test and build, the tests of any of them) instead of a selection. */
  only?: Set<string>;
  /** A selector of selectors.yml instead of --select/--exclude. */
  selector?: string;
  /** How tests join a selection when their parents are selected (dbt's --indirect-selection). */
  indirectSelection?: IndirectSelection;
  /** dbt's --warn-error: a test that warns fails, and so does the run. */
  warnError?: boolean;
  /** dbt's --warn-error-options: which warnings are errors (`LogTestResult` tests, `JinjaLogWarning` exceptions.warn). */
  warnErrorOptions?: WarnErrorOptions;
  /**
   * Where the target's schema is for hooks: in an environment, the environment's copy of it (relations of
   * nodes come from the session's resolver instead).
   */
  hookTarget?: Relation;
  /** Building into a Sluice environment (a pull request's, promote's audit): grants wait for production. */
  inEnvironment?: boolean;
  /** These nodes run with --full-refresh (ci --full-refresh-modified: modified incremental models). */
  fullRefreshNodes?: Set<string>;
  /**
   * Asked when a node is ready to run (its dependencies finished): a reason not to run it — it is then
   * deferred, read from where it already is, and its dependents go on — or null to run it.
   */
  gate?: (node: Node) => Promise<string | GateOutcome | null>;
  /** What the run knows of relations' existence, shared with a gate that creates some (a copy of production's table). */
  relations?: RelationCache;
  out?: (line: string) => void;
  /**
   * Structured log events (`--log-format json`): NodeStart, and NodeFinished carrying the node's line as its
   * msg instead of `out`. Default: the sink `out` carries, if any (see report/log-events.ts).
   */
  events?: LogEventSink;
}

/** A gate's answer other than a plain deferral: the word the node's line shows (`REUSE`) and why. */
export interface GateOutcome {
  reason: string;
  label: string;
}

export interface RunSummary {
  command: Command;
  results: NodeResult[];
  elapsedSeconds: number;
  /** True when no node errored, failed or was skipped. */
  ok: boolean;
  /** Nodes the gate deferred instead of running, with its reasons (not in `results`). */
  deferred?: Map<string, string>;
}

function executable(node: Node): boolean {
  return !(node.resourceType === 'model' && node.config.materialized === 'ephemeral');
}

/** Nodes a dependency is traced through: nothing runs for them, but their parents may (an ephemeral model's, a seeded source's). */
function transparent(node: Node): boolean {
  return !executable(node) || node.resourceType === 'source';
}

/** Dependencies among the selected nodes, looking through ephemeral models, plus dbt build's ordering rules. */
function taskDependencies(session: Session, nodes: Node[], command: Command): Map<string, Set<string>> {
  const { graph } = session;
  const selected = new Set(nodes.map((node) => node.uniqueId));
  const deps = new Map<string, Set<string>>(nodes.map((node) => [node.uniqueId, new Set<string>()]));
  const nearestExecutable = (id: string, seen = new Set<string>()): string[] => {
    const node = graph.nodes.get(id);
    if (!node || seen.has(id)) return [];
    seen.add(id);
    if (!transparent(node)) return [id];
    return [...(graph.parents.get(id) ?? [])].flatMap((parent) => nearestExecutable(parent, seen));
  };
  for (const node of nodes) {
    if (node.resourceType === 'unit_test') {
      // A unit test runs after its model's parents and before its model.
      const model = node.attachedNode!;
      for (const parent of graph.parents.get(model) ?? []) for (const dep of nearestExecutable(parent)) if (selected.has(dep)) deps.get(node.uniqueId)!.add(dep);
      if (selected.has(model) && command === 'build') deps.get(model)!.add(node.uniqueId);
      continue;
    }
    for (const parent of graph.parents.get(node.uniqueId) ?? []) {
      for (const dep of nearestExecutable(parent)) if (selected.has(dep) && dep !== node.uniqueId) deps.get(node.uniqueId)!.add(dep);
    }
  }
  if (command === 'build') {
    // A model's tests run before its children: each test precedes what is downstream of all its parents.
    const downstreamOf = new Map<string, Set<string>>();
    const downstream = (id: string) => {
      let found = downstreamOf.get(id);
      if (!found) {
        found = new Set([...descendants(graph, [id])].filter((child) => selected.has(child) && !['test', 'unit_test'].includes(graph.nodes.get(child)!.resourceType)));
        downstreamOf.set(id, found);
      }
      return found;
    };
    for (const test of nodes.filter((node) => node.resourceType === 'test')) {
      const parents = [...(graph.parents.get(test.uniqueId) ?? [])];
      if (!parents.length) continue;
      let common = downstream(parents[0]);
      if (parents.length > 1) {
        // A test of several parents precedes what reads all of them — but never one of its own parents' ancestors.
        const upstream = ancestors(graph, [test.uniqueId]);
        common = new Set([...common].filter((id) => parents.every((parent) => downstream(parent).has(id)) && !upstream.has(id)));
      }
      for (const id of common) deps.get(id)!.add(test.uniqueId);
    }
  }
  return deps;
}

function formatLine(index: number, total: number, status: string, node: Node, what: string, detail: string): string {
  const counter = `${String(index).padStart(String(total).length)} of ${total}`;
  const label = `${status.padEnd(5)} ${what}`;
  const dots = '.'.repeat(Math.max(3, 70 - label.length));
  return `  ${counter} ${label} ${dots} [${detail}]`;
}

function describeNode(node: Node, relationName: (node: Node) => string): string {
  if (node.resourceType === 'test') return node.name;
  if (node.resourceType === 'unit_test') return `unit test ${node.unitTest!.model}::${node.name}`;
  if (node.resourceType === 'analysis') return `analysis ${node.name}`;
  const kind = node.resourceType === 'seed' || node.resourceType === 'snapshot' ? node.resourceType : `${node.config.materialized} model`;
  return `${kind} ${relationName(node)}`;
}

export async function runCommand(session: Session, warehouse: Warehouse | undefined, command: Command, options: RunOptions = {}): Promise<RunSummary> {
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const started = Date.now();
  session.renderer.command = command;
  const warnsAreErrors = (event: string) => Boolean(options.warnError) || warnErrorIncludes(options.warnErrorOptions, event);
  session.renderer.warnError = warnsAreErrors('JinjaLogWarning');
  // Compile compiles ephemeral models too (their SQL is what their readers inline); nothing else runs them.
  const nodes = selectForCommand(session, command, options).filter((node) => command === 'compile' || executable(node));
  if (!nodes.length) {
    out('Nothing to do: the selection matched no nodes.');
    return { command, results: [], elapsedSeconds: 0, ok: true };
  }
  if (command !== 'compile' && !warehouse) throw new SluiceError(`'${command}' needs a warehouse connection`);
  // Bad seed files are bad input: found before any SQL runs.
  const seeds = new Map<string, SeedTable>();
  if (command !== 'compile') for (const node of nodes) if (node.resourceType === 'seed') seeds.set(node.uniqueId, readSeed(node));
  // So are adapter configs Sluice cannot honour as dbt does.
  if (warehouse && command !== 'compile') for (const node of nodes) checkRelationConfig(node, warehouse.dialect);
  const deps = taskDependencies(session, nodes, command);
  const threads = options.threads ?? session.project.profile.target.threads;
  const createdSchemas = new Map<string, Promise<unknown>>();
  const relations = warehouse ? (options.relations ?? new RelationCache(warehouse)) : undefined;
  const results = new Map<string, NodeResult>();
  const deferred = new Map<string, string>();
  const labels = new Map<string, string>();
  const relationText = (node: Node) => {
    const relation = session.resolver.relationOf(node);
    return [relation.schema, relation.identifier].join('.');
  };
  const executeOptions = (): ExecuteOptions => ({ warehouse: warehouse! });
  const compileContext: CompileContext = { renderer: session.renderer, nodes: session.graph.nodes, options: { warehouse: warehouse! } };
  let finished = 0;
  // --log-format json: node events, each finished node's line as the msg of its NodeFinished event.
  const events = options.events ?? eventSinkOf(options.out);
  const nodeStarts = new Map<string, Date>();
  const nodePlace = (node: Node) => {
    const relation = session.resolver.relationOf(node);
    return { relation, relationName: warehouse ? warehouse.dialect.relationName(relation) : null };
  };
  const nodeLine = (line: string, node: Node, outcome: NodeOutcome) =>
    events ? events(nodeFinishedEvent(line, node, nodePlace(node), outcome, nodeStarts.get(node.uniqueId) ?? null)) : out(line);
  out(`Running ${command} with ${threads} thread${threads === 1 ? '' : 's'} on ${nodes.length} node${nodes.length === 1 ? '' : 's'}`);
  // dbt's on-run-start hooks; one that fails skips every node (on-run-end still runs).
  const runsHooks = HOOK_COMMANDS.has(command) && warehouse !== undefined;
  const startHookNodes = runsHooks ? projectHooks(session.project, 'on-run-start') : [];
  // As dbt, the schemas the selection builds in exist before on-run-start runs (its hooks may write there).
  if (startHookNodes.length) {
    const building = nodes.filter((node) => node.resourceType === 'seed' || node.resourceType === 'snapshot' || (node.resourceType === 'model' && node.config.materialized !== 'ephemeral'));
    const relations = [...building.map((node) => session.resolver.relationOf(node)), ...(options.hookTarget ? [options.hookTarget] : [])];
    await Promise.all(relations.map((relation) => ensureSchema(warehouse!, relation, createdSchemas)));
  }
  const hookOptions = { warehouse: warehouse!, targetPlace: options.hookTarget && { database: options.hookTarget.database, schema: options.hookTarget.schema } };
  const startHooks = runsHooks ? await runProjectHooks(session, hookOptions, 'on-run-start', {}, out) : [];
  const startFailed = startHooks.some((hook) => hook.status === 'error');

  const tasks: SchedulerTask[] = nodes.map((node) => ({
    id: node.uniqueId,
    dependsOn: [...deps.get(node.uniqueId)!],
    run: async (): Promise<TaskOutcome> => {
      if (startFailed) return { status: 'skipped', message: 'an on-run-start hook failed' };
      if (gateFailure) return { status: 'skipped', message: 'the run stopped' };
      const nodeStarted = Date.now();
      let result: NodeResult;
      const parseError = session.nodeErrors.get(node.uniqueId);
      try {
        if (parseError) throw parseError;
        let gated: string | GateOutcome | null = null;
        try {
          gated = options.gate ? await options.gate(node) : null;
        } catch (error) {
          // What the gate could not do (copy production's table for the node) stops the run, and the command fails with its error.
          gateFailure ??= { error };
          return { status: 'skipped', message: 'the run stopped' };
        }
        if (gated !== null) {
          const outcome = typeof gated === 'string' ? { reason: gated, label: 'DEFER' } : gated;
          deferred.set(node.uniqueId, outcome.reason);
          labels.set(node.uniqueId, outcome.label);
          return { status: 'success', message: outcome.reason };
        }
        if (events) {
          nodeStarts.set(node.uniqueId, new Date(nodeStarted));
          events(nodeStartEvent(node, nodePlace(node), nodeStarts.get(node.uniqueId)!));
        }
        result = await executeNode(session, warehouse, command, node, {
          compileContext,
          createdSchemas,
          fullRefresh: Boolean(options.fullRefresh) || Boolean(options.fullRefreshNodes?.has(node.uniqueId)),
          executeOptions,
          seeds,
          relations: relations!,
          warnError: warnsAreErrors('LogTestResult'),
          placement: { inEnvironment: Boolean(options.inEnvironment) },
        });
      } catch (error) {
        result = errorResult(session, node, error);
      }
      result.executionTime = (Date.now() - nodeStarted) / 1000;
      results.set(node.uniqueId, result);
      return { status: result.status, message: result.message };
    },
  }));

  const stopsDependents = new Set<NodeStatus>(command === 'build' ? ['error', 'fail', 'skipped'] : ['error', 'skipped']);
  let gateFailure: { error: unknown } | null = null;
  const outcomes = await runTasks(tasks, {
    threads,
    stopsDependents,
    failFast: options.failFast,
    shouldStop: cancellationRequested,
    onFinish: (id, outcome) => {
      finished++;
      const node = session.graph.nodes.get(id)!;
      if (deferred.has(id)) {
        const label = labels.get(id) ?? 'DEFER';
        nodeLine(formatLine(finished, nodes.length, label, node, describeNode(node, relationText), label), node, { status: 'deferred', message: deferred.get(id)! });
        // A deferred model's tests defer with it: its line says why once.
        if (node.resourceType !== 'test' && node.resourceType !== 'unit_test') out(`      ${deferred.get(id)}`);
        return;
      }
      const result = results.get(id) ?? skippedResult(node, outcome.message ?? null);
      results.set(id, result);
      nodeLine(formatLine(finished, nodes.length, statusWord(result), node, describeNode(node, relationText), resultDetail(result)), node, result);
      if ((result.status === 'error' || result.status === 'fail') && result.message) {
        for (const line of result.message.split('\n')) out(`      ${line}`);
      }
    },
  });
  if (gateFailure) throw (gateFailure as { error: unknown }).error;
  const ordered = nodes.filter((node) => !deferred.has(node.uniqueId)).map((node) => results.get(node.uniqueId) ?? skippedResult(node, outcomes.get(node.uniqueId)?.message ?? null));
  const endHooks = runsHooks ? await runProjectHooks(session, hookOptions, 'on-run-end', runEndContext(session, ordered), out) : [];
  const hooksFailed = [...startHooks, ...endHooks].some((hook) => hook.status === 'error');
  const elapsedSeconds = (Date.now() - started) / 1000;
  writeRunResults(session, command, ordered, elapsedSeconds);
  const counts = countStatuses(ordered);
  out('');
  out(`Finished ${command} of ${nodes.length} node${nodes.length === 1 ? '' : 's'} in ${elapsedSeconds.toFixed(2)}s.`);
  out(`PASS=${counts.pass} WARN=${counts.warn} ERROR=${counts.error} SKIP=${counts.skipped}${deferred.size ? ` DEFER=${deferred.size}` : ''} TOTAL=${ordered.length}`);
  return { command, results: ordered, elapsedSeconds, ok: counts.error === 0 && counts.skipped === 0 && !hooksFailed, ...(options.gate ? { deferred } : {}) };
}

/** The commands dbt runs on-run-start / on-run-end hooks around. */
const HOOK_COMMANDS = new Set<Command>(['run', 'build', 'seed', 'snapshot', 'test']);

function countStatuses(results: NodeResult[]) {
  const counts = { pass: 0, warn: 0, error: 0, skipped: 0 };
  for (const result of results) {
    if (result.status === 'success' || result.status === 'pass') counts.pass++;
    else if (result.status === 'warn') counts.warn++;
    else if (result.status === 'skipped') counts.skipped++;
    else counts.error++;
  }
  return counts;
}

function statusWord(result: NodeResult): string {
  switch (result.status) {
    case 'success':
      return 'OK';
    case 'pass':
      return 'PASS';
    case 'warn':
      return 'WARN';
    case 'fail':
      return 'FAIL';
    case 'skipped':
      return 'SKIP';
    default:
      return 'ERROR';
  }
}

function resultDetail(result: NodeResult): string {
  const time = `in ${result.executionTime.toFixed(2)}s`;
  if (result.status === 'skipped') return 'SKIP';
  if (result.status === 'error') return `ERROR ${time}`;
  if (result.failures !== null && result.failures !== undefined && result.status !== 'pass' && result.status !== 'success') return `${result.failures} failing ${time}`;
  const rows = result.rowsAffected !== undefined ? ` ${result.rowsAffected.toLocaleString('en-US')}` : '';
  return `${result.adapterMessage ?? statusWord(result)}${rows} ${time}`;
}

function skippedResult(node: Node, message: string | null): NodeResult {
  return { uniqueId: node.uniqueId, status: 'skipped', executionTime: 0, message, failures: null, node };
}

function errorResult(session: Session, node: Node, error: unknown): NodeResult {
  const compiledPath = compiledPathOf(session, node);
  let message: string;
  if (error instanceof WarehouseError) {
    message = `Database error in ${node.resourceType} '${node.name}' (${node.originalFilePath})\n${error.message}\ncompiled SQL: ${compiledPath}`;
  } else if (error instanceof SluiceError) {
    message = `${error.message}${error.where ? ` (${error.where})` : ` (${node.originalFilePath})`}${error.hint ? `\nhint: ${error.hint}` : ''}`;
  } else {
    message = `${error instanceof Error ? error.message : String(error)} (${node.originalFilePath})`;
  }
  return { uniqueId: node.uniqueId, status: 'error', executionTime: 0, message, failures: null, node };
}

export function compiledPathOf(session: Session, node: Node): string {
  const base = join(session.project.targetPath, 'compiled', node.packageName);
  // A generic test, and a snapshot defined in YAML, compile to a file of their own under their YAML file (as in dbt).
  const underYaml = (node.resourceType === 'test' && node.testMetadata) || (node.resourceType === 'snapshot' && /\.ya?ml$/i.test(node.originalFilePath));
  const file = underYaml ? join(node.originalFilePath, `${node.resourceType === 'test' ? node.relation.identifier : node.name}.sql`) : node.originalFilePath;
  return join(base, file);
}

function writeCompiled(session: Session, node: Node, sql: string): void {
  const path = compiledPathOf(session, node);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, sql);
  node.compiledCode = sql;
}

interface NodeRunContext {
  compileContext: CompileContext;
  createdSchemas: Map<string, Promise<unknown>>;
  fullRefresh: boolean;
  executeOptions: () => ExecuteOptions;
  seeds: Map<string, SeedTable>;
  relations: RelationCache;
  warnError: boolean;
  placement: RelationPlacement;
}

async function executeNode(session: Session, warehouse: Warehouse | undefined, command: Command, node: Node, context: NodeRunContext): Promise<NodeResult> {
  const base = { uniqueId: node.uniqueId, executionTime: 0, message: null, failures: null, node } as const;
  if (command === 'compile') {
    const sql = node.resourceType === 'test' ? await compileTest(context.compileContext, node) : node.resourceType === 'unit_test' ? '' : await compileSql(context.compileContext, node);
    if (node.resourceType !== 'unit_test') writeCompiled(session, node, sql);
    return { ...base, status: 'success', compiledCode: sql };
  }
  if (node.language === 'python') {
    throw new SluiceError(`'${node.name}' is a Python model: Sluice compiles Python models but cannot run them`, {
      file: node.originalFilePath,
      hint: `build it with dbt, or leave it out (--exclude ${node.name}) and read it from where it was built`,
    });
  }
  const wh = warehouse!;
  const relation = session.resolver.relationOf(node);
  if (node.resourceType === 'seed') {
    await ensureSchema(wh, relation, context.createdSchemas);
    const result = await materializeSeed(wh, context.seeds.get(node.uniqueId)!, relation, context.fullRefresh, await context.relations.type(relation));
    await applyAfterCreate(wh, { node, relation, placement: context.placement }, 'table');
    await context.relations.set(relation, 'table');
    return { ...base, status: 'success', adapterMessage: result.message, rowsAffected: result.rowsAffected, relationName: wh.dialect.relationName(relation) };
  }
  if (node.resourceType === 'model') return runModel(session, wh, node, relation, context);
  if (node.resourceType === 'snapshot') return runSnapshot(session, wh, node, relation, context);
  if (node.resourceType === 'unit_test') {
    const model = session.graph.nodes.get(node.attachedNode!)!;
    const outcome = await runUnitTest(node, model, wh, session.renderer, session.refs, (target) => session.resolver.relationOf(target));
    return { ...base, status: outcome.status, failures: outcome.failures, message: outcome.message, compiledCode: outcome.sql };
  }
  if (node.resourceType === 'test') return runDataTest(session, wh, node, context);
  throw new SluiceError(`Cannot execute a ${node.resourceType}`);
}

async function compileTest(context: CompileContext, node: Node): Promise<string> {
  return node.testMetadata ? compileGenericTest(context, node) : compileSql(context, node);
}

async function runHooks(session: Session, warehouse: Warehouse, node: Node, key: 'pre-hook' | 'post-hook', options: ExecuteOptions): Promise<void> {
  for (const [index, hook] of ((node.config[key] as string[] | undefined) ?? []).entries()) {
    const sql = await session.renderer.render(node, options, { key: `${node.uniqueId}:${key}:${index}:${hook}`, text: hook });
    if (sql.trim()) await warehouse.execute(sql);
  }
}

async function runModel(session: Session, warehouse: Warehouse, node: Node, relation: Relation, context: NodeRunContext): Promise<NodeResult> {
  const materialized = String(node.config.materialized);
  if (!['view', 'table', 'incremental'].includes(materialized)) {
    throw new SluiceError(`Unknown materialization '${materialized}' for model '${node.name}'`, {
      file: node.originalFilePath,
      hint: 'use view, table, incremental or ephemeral (custom materializations are not supported yet)',
    });
  }
  const existing = await context.relations.type(relation);
  const fullRefresh = node.config.full_refresh === undefined || node.config.full_refresh === null ? context.fullRefresh : Boolean(node.config.full_refresh);
  const isIncremental = materialized === 'incremental' && existing === 'table' && !fullRefresh;
  const options: ExecuteOptions = { ...context.executeOptions(), isIncremental, fullRefresh };
  const sql = await compileSql({ ...context.compileContext, options }, node);
  writeCompiled(session, node, sql);
  await ensureSchema(warehouse, relation, context.createdSchemas);
  await runHooks(session, warehouse, node, 'pre-hook', options);
  let result: MaterializeResult;
  const model = { node, relation, sql, existing, placement: context.placement };
  if (materialized === 'view') result = await materializeView(warehouse, model);
  else if (materialized === 'table' || !isIncremental) result = await materializeTable(warehouse, model);
  else result = await materializeIncremental(warehouse, model);
  await context.relations.set(relation, materialized === 'view' ? 'view' : 'table');
  await runHooks(session, warehouse, node, 'post-hook', options);
  return builtResult(warehouse, node, relation, sql, result);
}

/** The result of a node that built its relation. */
function builtResult(warehouse: Warehouse, node: Node, relation: Relation, sql: string, result: MaterializeResult): NodeResult {
  return {
    uniqueId: node.uniqueId,
    status: 'success',
    executionTime: 0,
    message: null,
    failures: null,
    node,
    adapterMessage: result.message,
    rowsAffected: result.rowsAffected,
    compiledCode: sql,
    relationName: warehouse.dialect.relationName(relation),
  };
}

/** A snapshot: its query compiled, its table created or its changes applied, hooks around it. */
async function runSnapshot(session: Session, warehouse: Warehouse, node: Node, relation: Relation, context: NodeRunContext): Promise<NodeResult> {
  const options: ExecuteOptions = context.executeOptions();
  const sql = await compileSql({ ...context.compileContext, options }, node);
  writeCompiled(session, node, sql);
  // The snapshot's time is what the project's (or the adapter's) snapshot_get_time() says, as in dbt.
  const now = (await session.renderer.render(node, options, { key: 'snapshot:snapshot_get_time', text: '{{ snapshot_get_time() }}' })).trim();
  await ensureSchema(warehouse, relation, context.createdSchemas);
  await runHooks(session, warehouse, node, 'pre-hook', options);
  const result = await materializeSnapshot(warehouse, { node, relation, sql, existing: await context.relations.type(relation), now, table: tableOptions(node, relation, context.placement) });
  await applyAfterCreate(warehouse, { node, relation, placement: context.placement }, 'table');
  await context.relations.set(relation, 'table');
  await runHooks(session, warehouse, node, 'post-hook', options);
  return builtResult(warehouse, node, relation, sql, result);
}

async function runDataTest(session: Session, warehouse: Warehouse, node: Node, context: NodeRunContext): Promise<NodeResult> {
  const sql = await compileTest(context.compileContext, node);
  const wrapped = wrapTestSql(node, sql);
  writeCompiled(session, node, sql);
  const result = await warehouse.query(wrapped);
  const row = result.rows[0] ?? { failures: 0, should_warn: false, should_error: false };
  const failures = Number(row.failures ?? 0);
  const truthy = (value: unknown) => value === true || value === 'true' || value === 1;
  let status: NodeStatus = 'pass';
  if (severityOf(node.config) === 'ERROR' && truthy(row.should_error)) status = 'fail';
  else if (truthy(row.should_warn)) status = 'warn';
  // --warn-error: a warning fails the test, with the condition that warned.
  const warned = status === 'warn' || (status === 'fail' && !(severityOf(node.config) === 'ERROR' && truthy(row.should_error)));
  if (status === 'warn' && context.warnError) status = 'fail';
  const message = status === 'pass' ? null : `Got ${failures} result${failures === 1 ? '' : 's'}, configured to ${status === 'fail' && !warned ? 'fail' : 'warn'} if ${warned ? node.config.warn_if : node.config.error_if}${warned && status === 'fail' ? ' (--warn-error)' : ''}`;
  return { uniqueId: node.uniqueId, status, executionTime: 0, message, failures: status === 'pass' ? 0 : failures, node, compiledCode: sql };
}
