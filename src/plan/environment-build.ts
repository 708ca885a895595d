/**
 * Building a plan into an environment: the planned models go to the environment's schemas, every other
 * ref reads production, incremental models start from a copy of their production table, and every
 * statement passes the guard first.
 */
import { runCommand, type RunSummary } from '../execute/run-task.js';
import { ensureSchema } from '../execute/materializations.js';
import { RelationCache } from '../execute/relation-cache.js';
import type { Node } from '../project/types.js';
import { useRelations, type Session } from '../session.js';
import type { Relation, Warehouse } from '../warehouse/warehouse.js';
import type { Environment } from './environment.js';
import { guardedWarehouse } from './guard.js';
import type { Plan } from './plan.js';

/** Where each node's relation is while working in `environment` on `plan`. */
export function environmentRelations(session: Session, plan: Plan, environment: Environment): (node: Node) => Relation {
  const built = (node: Node): boolean => {
    if (plan.build.has(node.uniqueId)) return true;
    // A source loaded by a seed that is rebuilt reads the environment's copy.
    if (node.resourceType === 'source') return [...(session.graph.parents.get(node.uniqueId) ?? [])].some((parent) => plan.build.has(parent));
    // Tests and unit tests live with what they test.
    if ((node.resourceType === 'test' || node.resourceType === 'unit_test') && node.attachedNode) return plan.build.has(node.attachedNode);
    return false;
  };
  return (node) => (built(node) ? environment.relationFor(node.relation) : node.relation);
}

export interface EnvironmentBuildOptions {
  fullRefresh?: boolean;
  out: (line: string) => void;
  threads?: number;
}

export async function buildIntoEnvironment(
  session: Session,
  warehouse: Warehouse,
  plan: Plan,
  environment: Environment,
  options: EnvironmentBuildOptions,
): Promise<RunSummary> {
  const relationOf = environmentRelations(session, plan, environment);
  useRelations(session, relationOf);
  const guarded = guardedWarehouse(warehouse, environment);
  if (!options.fullRefresh) await startIncrementalsFromProduction(session, guarded, warehouse, plan, relationOf, options.out);
  return runCommand(session, guarded, 'build', { only: plan.build, fullRefresh: options.fullRefresh, threads: options.threads, out: options.out });
}

/** Incremental models start from their production table (a zero-copy clone where the warehouse has one). */
async function startIncrementalsFromProduction(
  session: Session,
  guarded: Warehouse,
  warehouse: Warehouse,
  plan: Plan,
  relationOf: (node: Node) => Relation,
  out: (line: string) => void,
): Promise<void> {
  const created = new Map<string, Promise<unknown>>();
  const production = new RelationCache(warehouse);
  for (const id of plan.build) {
    const node = session.graph.nodes.get(id)!;
    if (node.resourceType !== 'model' || node.config.materialized !== 'incremental' || node.config.full_refresh === true) continue;
    if ((await production.type(node.relation)) !== 'table') continue;
    const target = relationOf(node);
    await ensureSchema(guarded, target, created);
    await guarded.execute(guarded.dialect.cloneTable(target, node.relation));
    out(`  incremental ${node.name} starts from a copy of production's ${node.relation.schema}.${node.relation.identifier}`);
  }
}
