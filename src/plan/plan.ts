/**
 * The plan: the project compared with what production's state says is deployed. Each model is
 * *modified* (its own fingerprint changed), *new*, *removed*, *impacted* (downstream of a change) or
 * *deferred* (unchanged: read from production). A pull request builds the modified, new and impacted
 * models only.
 */
import type { Fingerprint } from '../graph/fingerprint.js';
import { descendants } from '../graph/graph.js';
import { buildOrder } from '../graph/build-order.js';
import type { Session } from '../session.js';
import type { DeployedModel } from './state-store.js';

export type Change = 'modified' | 'new' | 'removed' | 'impacted' | 'deferred';

export interface PlannedNode {
  uniqueId: string;
  name: string;
  resourceType: string;
  materialized: string;
  change: Change;
  reason: string;
  /**
   * Impacted only because something upstream changed (its own SQL and config did not): with data-aware
   * impact it is rebuilt only if a column it reads changed, decided once its changed parents are built.
   */
  conditional?: boolean;
}

export interface Plan {
  /** Whether production had any state; without it everything is new. */
  hasProductionState: boolean;
  /** Every model, seed, snapshot and removed model, in build order (removed ones last). */
  nodes: PlannedNode[];
  /** unique_ids to build: modified, new and impacted. */
  build: Set<string>;
  /** Deployed models the project no longer has. */
  removed: DeployedModel[];
  /** The project's fingerprints the plan was made from. */
  fingerprints: Map<string, Fingerprint>;
}

// Snapshots too: a pull request that changes one (or what it reads) shows the history it would record.
const PLANNED_TYPES = new Set(['model', 'seed', 'snapshot']);

export function planChanges(session: Session, fingerprints: Map<string, Fingerprint>, production: Map<string, DeployedModel>): Plan {
  const { graph } = session;
  const hasProductionState = production.size > 0;
  const changes = new Map<string, { change: Change; reason: string; conditional?: boolean }>();
  const dataAware = session.config.impact.dataAware;
  for (const id of buildOrder(graph)) {
    const node = graph.nodes.get(id)!;
    if (!PLANNED_TYPES.has(node.resourceType)) continue;
    const fingerprint = fingerprints.get(id);
    const deployed = production.get(id);
    if (!fingerprint) continue;
    if (!deployed) {
      changes.set(id, { change: 'new', reason: hasProductionState ? 'not in production yet' : 'production has no state yet' });
    } else if (deployed.fingerprint !== storedFingerprint(fingerprint)) {
      changes.set(id, { change: 'modified', reason: modificationReason(deployed, fingerprint, node.config.materialized) });
    }
  }
  const downstream = descendants(graph, changes.keys());
  for (const id of downstream) {
    const node = graph.nodes.get(id)!;
    if (!PLANNED_TYPES.has(node.resourceType) || changes.has(id)) continue;
    const upstream = [...graph.parents.get(id)!].map((parent) => graph.nodes.get(parent)!).find((parent) => changes.has(parent.uniqueId) || downstream.has(parent.uniqueId));
    changes.set(id, { change: 'impacted', reason: `reads ${upstream ? upstream.name : 'a changed model'}`, ...(dataAware ? { conditional: true } : {}) });
  }
  // Unchanged own SQL, but what it was built from changed since it was deployed (e.g. a parent deployed alone).
  for (const id of buildOrder(graph)) {
    const node = graph.nodes.get(id)!;
    const deployed = production.get(id);
    const fingerprint = fingerprints.get(id);
    if (!PLANNED_TYPES.has(node.resourceType) || changes.has(id) || !deployed || !fingerprint) continue;
    if (deployed.dataFingerprint !== fingerprint.data) changes.set(id, { change: 'impacted', reason: 'its upstream changed since it was deployed' });
  }
  const nodes: PlannedNode[] = [];
  const build = new Set<string>();
  for (const id of buildOrder(graph)) {
    const node = graph.nodes.get(id)!;
    if (!PLANNED_TYPES.has(node.resourceType)) continue;
    const planned = changes.get(id) ?? { change: 'deferred' as const, reason: 'unchanged: read from production' };
    nodes.push({ uniqueId: id, name: node.name, resourceType: node.resourceType, materialized: String(node.config.materialized), ...planned });
    if (planned.change !== 'deferred') build.add(id);
  }
  const removed = [...production.values()].filter((deployed) => !graph.nodes.has(deployed.uniqueId));
  for (const deployed of removed) {
    nodes.push({ uniqueId: deployed.uniqueId, name: deployed.name, resourceType: deployed.resourceType, materialized: deployed.materialized, change: 'removed', reason: 'no longer in the project' });
  }
  return { hasProductionState, nodes, build, removed, fingerprints };
}

function modificationReason(deployed: DeployedModel, fingerprint: Fingerprint, materialized: unknown): string {
  const [deployedSql, deployedConfig] = deployed.fingerprint.includes(':') ? deployed.fingerprint.split(':') : [undefined, undefined];
  if (deployedSql === fingerprint.sql && deployedConfig !== fingerprint.config) return `config changed (materialized: ${String(materialized)})`;
  if (deployedConfig === fingerprint.config && deployedSql !== fingerprint.sql) return 'SQL changed';
  return 'SQL and config changed';
}

/** How a fingerprint is stored, so that a later plan can tell SQL changes from config changes. */
export function storedFingerprint(fingerprint: Fingerprint): string {
  return `${fingerprint.sql}:${fingerprint.config}`;
}

export function formatPlan(plan: Plan, environment: string): string[] {
  const lines: string[] = [];
  if (!plan.hasProductionState) lines.push('Production has no state yet: everything is planned as new.');
  const counts = new Map<Change, number>();
  for (const node of plan.nodes) counts.set(node.change, (counts.get(node.change) ?? 0) + 1);
  lines.push(
    `Plan for ${environment}: ${['modified', 'new', 'impacted', 'removed', 'deferred'].map((change) => `${counts.get(change as Change) ?? 0} ${change}`).join(', ')}`,
  );
  const width = Math.max(10, ...plan.nodes.map((node) => node.name.length));
  for (const node of plan.nodes) {
    if (node.change === 'deferred') continue;
    const maybe = node.conditional ? ': rebuilt only if a column it reads changes (decided once what it reads is built and diffed)' : '';
    lines.push(`  ${node.change.padEnd(9)} ${node.name.padEnd(width)}  ${node.reason}${maybe}`);
  }
  const deferred = plan.nodes.filter((node) => node.change === 'deferred');
  if (deferred.length) lines.push(`  deferred  ${deferred.length} model${deferred.length === 1 ? '' : 's'} read from production`);
  return lines;
}
