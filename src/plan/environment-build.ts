/**
 * Building a plan into an environment: the planned models go to the environment's schemas, every other
 * ref reads production, incremental models and snapshots start from a copy of their production table,
 * and every statement passes the guard first.
 */
import { runCommand, type GateOutcome, type RunSummary } from '../execute/run-task.js';
import { ensureSchema } from '../execute/materializations.js';
import { RelationCache } from '../execute/relation-cache.js';
import type { Node } from '../project/types.js';
import { useRelations, type Session } from '../session.js';
import { SluiceError } from '../errors.js';
import { WarehouseError, type Relation, type TableCopy, type Warehouse } from '../warehouse/warehouse.js';
import type { Environment } from './environment.js';
import { guardedWarehouse } from './guard.js';
import type { Plan } from './plan.js';
import type { DataAwareImpact } from './impact.js';
import type { ReuseOnMerge } from './reuse.js';

/** Where each node's relation is while working in `environment` on `plan`. */
export function environmentRelations(session: Session, plan: Plan, environment: Environment, relocated?: Map<string, Relation>): (node: Node) => Relation {
  const built = (node: Node): boolean => {
    if (plan.build.has(node.uniqueId)) return true;
    // A source loaded by a seed that is rebuilt reads the environment's copy.
    if (node.resourceType === 'source') return [...(session.graph.parents.get(node.uniqueId) ?? [])].some((parent) => plan.build.has(parent));
    // Tests and unit tests live with what they test.
    if ((node.resourceType === 'test' || node.resourceType === 'unit_test') && node.attachedNode) return plan.build.has(node.attachedNode);
    return false;
  };
  return (node) => relocated?.get(node.uniqueId) ?? (built(node) ? environment.relationFor(node.relation) : node.relation);
}

export interface EnvironmentBuildOptions {
  fullRefresh?: boolean;
  /** Modified incremental models are rebuilt in full instead of continuing production's history. */
  fullRefreshModified?: boolean;
  out: (line: string) => void;
  threads?: number;
  /** Decides which impacted nodes run (data-aware impact); without it every planned node runs. */
  impact?: DataAwareImpact;
  /** Promote: publishes a pull request's tested table instead of building a node, where it can stand for it. */
  reuse?: ReuseOnMerge;
  /** Where reused nodes are (filled as the build goes): their readers read them there. */
  relocated?: Map<string, Relation>;
}

export async function buildIntoEnvironment(
  session: Session,
  warehouse: Warehouse,
  plan: Plan,
  environment: Environment,
  options: EnvironmentBuildOptions,
): Promise<RunSummary> {
  const relocated = options.relocated ?? new Map<string, Relation>();
  const relationOf = environmentRelations(session, plan, environment, relocated);
  useRelations(session, relationOf);
  const guarded = guardedWarehouse(warehouse, environment);
  const fullRefreshNodes = options.fullRefreshModified ? modifiedIncrementals(session, plan) : new Set<string>();
  // Shared with the run, so that it sees the tables copied from production as it goes.
  const relations = new RelationCache(guarded);
  const start = startFromProduction(session, guarded, warehouse, relationOf, relations, { environment: environment.name, fullRefresh: Boolean(options.fullRefresh), fullRefreshNodes, out: options.out });
  // Each node, once ready: deferred if the impact says its data cannot have changed, else started from production's table where it continues one.
  const gate = async (node: Node): Promise<string | GateOutcome | null> => {
    const reason = options.impact ? await options.impact.decide(node) : null;
    if (reason !== null) {
      if (node.resourceType !== 'test' && node.resourceType !== 'unit_test') plan.build.delete(node.uniqueId);
      return reason;
    }
    if (options.reuse) {
      const testedIn = reusedTest(session, plan, options.reuse, node);
      if (testedIn) return { reason: `passed in ${testedIn}, on the same data`, label: 'REUSE' };
      const build = await options.reuse.decide(node);
      if (build) {
        relocated.set(node.uniqueId, build.relation);
        return { reason: `reused from ${build.environment}: built and tested there on the same inputs`, label: 'REUSE' };
      }
    }
    if (plan.build.has(node.uniqueId)) await start(node);
    return null;
  };
  // Hooks that write to `{{ target.schema }}` write to the environment's copy of it.
  const target = session.project.profile.target;
  const hookTarget = environment.relationFor({ database: target.database === undefined ? undefined : String(target.database), schema: String(target.schema), identifier: '' });
  return runCommand(session, guarded, 'build', { only: new Set(plan.build), fullRefresh: options.fullRefresh, threads: options.threads, hookTarget, inEnvironment: true, fullRefreshNodes, gate, relations, out: options.out });
}

/**
 * The environment a test already passed in: the test of a reused table whose other parents are either
 * reused from the same environment or not built here — it would test the same data again.
 */
function reusedTest(session: Session, plan: Plan, reuse: ReuseOnMerge, node: Node): string | null {
  if (node.resourceType !== 'test' || !node.attachedNode) return null;
  const environment = reuse.reused.get(node.attachedNode)?.environment;
  if (!environment) return null;
  for (const parent of session.graph.parents.get(node.uniqueId) ?? []) {
    if (plan.build.has(parent) && reuse.reused.get(parent)?.environment !== environment) return null;
  }
  return environment;
}

/** The incremental models a plan calls modified: their new logic reaches only new rows unless rebuilt. */
export function modifiedIncrementals(session: Session, plan: Plan): Set<string> {
  return new Set(plan.nodes.filter((planned) => planned.change === 'modified' && session.graph.nodes.get(planned.uniqueId)?.config.materialized === 'incremental').map((planned) => planned.uniqueId));
}

/** Whether a planned node's table carries history that its run in an environment continues. */
function continuesProduction(node: Node, fullRefresh: boolean): boolean {
  // dbt never rebuilds a snapshot, --full-refresh or not: its history is what it holds.
  if (node.resourceType === 'snapshot') return true;
  return node.resourceType === 'model' && node.config.materialized === 'incremental' && !fullRefresh && node.config.full_refresh !== true;
}

/**
 * Incremental models and snapshots start from their production table (a zero-copy clone where the
 * warehouse has one for that table, a full copy otherwise), so that the environment shows what one more
 * run would do to production's data. A snapshot production does not have yet starts from nothing: a table
 * an earlier run left in the environment is dropped, so that its first run is what the pull request shows.
 * Done as each node is about to run, so that a node the impact defers is never copied.
 */
function startFromProduction(
  session: Session,
  guarded: Warehouse,
  warehouse: Warehouse,
  relationOf: (node: Node) => Relation,
  relations: RelationCache,
  options: { environment: string; fullRefresh: boolean; fullRefreshNodes: Set<string>; out: (line: string) => void },
): (node: Node) => Promise<void> {
  const created = new Map<string, Promise<unknown>>();
  const production = new RelationCache(warehouse);
  return async (node) => {
    if (!continuesProduction(node, options.fullRefresh || options.fullRefreshNodes.has(node.uniqueId))) return;
    const target = relationOf(node);
    if ((await production.type(node.relation)) !== 'table') {
      if (node.resourceType === 'snapshot' && (await guarded.getRelationType(target)) === 'table') {
        await guarded.execute(guarded.dialect.dropRelation(target, 'table'));
        await relations.set(target, null);
      }
      return;
    }
    await ensureSchema(guarded, target, created);
    const productionName = `${node.relation.schema}.${node.relation.identifier}`;
    const kind = node.resourceType === 'snapshot' ? 'snapshot' : 'incremental';
    // The warehouse only chooses the statement; the guard checks it like any other (its target is the environment's).
    const copy: TableCopy = warehouse.tableCopy ? await warehouse.tableCopy(target, node.relation) : { sql: warehouse.dialect.cloneTable(target, node.relation) };
    try {
      await guarded.execute(copy.sql);
      await relations.set(target, 'table');
    } catch (error) {
      if (!(error instanceof WarehouseError)) throw error;
      const access = "Sluice needs to read production's table and create tables in the environment's schema (an external table's clone also needs CREATE EXTERNAL TABLE on its location)";
      throw new SluiceError(`${kind === 'snapshot' ? 'Snapshot' : 'Model'} '${node.name}': production's ${productionName} could not be copied into environment '${options.environment}': ${error.message}`, {
        file: node.originalFilePath,
        // A snapshot's history is what it holds: --full-refresh does not rebuild it.
        hint: kind === 'snapshot' ? access : `${access}; or run ci with --full-refresh to build the model from scratch`,
      });
    }
    if (copy.fullCopyBecause) options.out(`  ${kind} ${node.name} starts from a full copy of production's ${productionName}: ${copy.fullCopyBecause}`);
    else if (copy.location) options.out(`  ${kind} ${node.name} starts from a clone of production's ${productionName}, an external table: the clone's files are at ${copy.location}`);
    else options.out(`  ${kind} ${node.name} starts from a copy of production's ${productionName}`);
  };
}
