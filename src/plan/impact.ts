/**
 * Data-aware impact: a model downstream of a change is rebuilt only if the change reaches its data. Its
 * changed parents are built first and diffed with production (the value diff says which columns changed
 * and whether rows came or went); the model is rebuilt if a parent's rows changed, if it reads a column
 * whose values or type changed (by name, or through a `*` over that parent), or if what it reads cannot
 * be told. Otherwise it is deferred to production, with the reason. Never a guess towards skipping: an
 * inexact diff (sampled, filtered, with a float tolerance, without a key), SQL whose reads are uncertain
 * and Jinja that asked the warehouse for data all mean rebuild.
 */
import { compileSql } from '../execute/compile-node.js';
import { relationReads, type RelationReads } from '../graph/column-lineage.js';
import type { Node } from '../project/types.js';
import type { Session } from '../session.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { RelationDiff } from '../diff/relation-diff.js';
import type { Plan, PlannedNode } from './plan.js';
import type { ModelDiffs } from './diff-models.js';
import type { Environment } from './environment.js';
import { guardedWarehouse } from './guard.js';

/** What changed in a built model's data, compared with production's. */
export interface DataChange {
  /** Rows came or went (or the counts differ). */
  rows: boolean;
  /** Lower-case columns whose values or type changed, that were added or removed. */
  columns: Set<string>;
  /** Columns moved: a `*` reader's output changes order. */
  reordered: boolean;
  /** Why the diff cannot tell what changed exactly (then every reader is rebuilt), or null. */
  inexact: string | null;
}

/** What the diff of a built model says changed, for deciding about its readers. */
export function dataChange(diff: RelationDiff, settings: { floatTolerance: number }): DataChange {
  const change: DataChange = { rows: false, columns: new Set(), reordered: false, inexact: null };
  if (!diff.schema || !diff.rows || diff.rows.base === null) {
    change.inexact = 'it has nothing in production to compare with';
    return change;
  }
  for (const column of [...diff.schema.added, ...diff.schema.removed, ...diff.schema.changed.map((changed) => changed.column)]) change.columns.add(column.toLowerCase());
  change.reordered = diff.schema.reordered.length > 0;
  if (diff.rows.base !== diff.rows.env) change.rows = true;
  if (!diff.values) change.inexact = 'its rows have no key to compare them by';
  else if (diff.values.sampled) change.inexact = 'its diff covers part of the rows (diff.sample_percent or diff.where)';
  else if (settings.floatTolerance > 0) change.inexact = 'its diff ignores small float differences (diff.float_tolerance)';
  if (diff.values) {
    if (diff.values.only_base > 0 || diff.values.only_env > 0) change.rows = true;
    for (const [column, count] of Object.entries(diff.values.columns)) if (count > 0) change.columns.add(column.toLowerCase());
  }
  return change;
}

/** Whether a reader of a parent that changed this way must be rebuilt, and why (null: it need not). */
export function rebuildReason(parent: string, identifier: string, change: DataChange, reads: RelationReads): string | null {
  if (change.inexact) return `${parent} changed and ${change.inexact}`;
  if (change.rows) return `${parent}'s rows changed`;
  if (!change.columns.size && !change.reordered) return null;
  if (reads.uncertain) return `${parent} changed and what it reads cannot be told: ${reads.uncertain}`;
  if (reads.starRelations.has(identifier.toLowerCase())) return `reads every column of ${parent} (*), and ${describeColumns(change)} changed`;
  const read = [...change.columns].filter((column) => reads.words.has(column)).sort();
  if (read.length) return `reads ${read.map((column) => `${parent}.${column}`).join(', ')}, which changed`;
  return null;
}

function describeColumns(change: DataChange): string {
  const columns = [...change.columns].sort();
  if (!columns.length) return 'its column order';
  return columns.length > 4 ? `${columns.slice(0, 4).join(', ')} and ${columns.length - 4} more` : columns.join(', ');
}

export interface ImpactContext {
  session: Session;
  plan: Plan;
  /** Diffs a built node with production (cached: the report uses the same diff). */
  diff: (node: Node) => Promise<RelationDiff>;
  /** The warehouse a model is compiled against while deciding (the environment's guard). */
  warehouse: Warehouse;
}

/**
 * Decides, as each planned node becomes ready to run, whether it runs or is deferred to production.
 * Only impacted models and snapshots whose change is conditional (downstream of a change, their own SQL
 * and config unchanged) can be deferred, and the tests of a deferred model go with it.
 */
export class DataAwareImpact {
  /** Nodes deferred, with the reason the report gives. */
  readonly deferred = new Map<string, string>();
  /** Conditional nodes rebuilt, with the reason. */
  readonly rebuilt = new Map<string, string>();
  private readonly changes = new Map<string, Promise<DataChange>>();
  private readonly planned: Map<string, PlannedNode>;

  constructor(private readonly context: ImpactContext) {
    this.planned = new Map(context.plan.nodes.map((node) => [node.uniqueId, node]));
  }

  /** A reason to defer `node`, or null to run it. */
  async decide(node: Node): Promise<string | null> {
    if (node.resourceType === 'test' || node.resourceType === 'unit_test') {
      const model = node.attachedNode && this.deferred.has(node.attachedNode) ? this.context.session.graph.nodes.get(node.attachedNode) : undefined;
      return model ? `${model.name} was deferred: production's is unchanged` : null;
    }
    if (!this.planned.get(node.uniqueId)?.conditional) return null;
    let reason: string | null;
    try {
      reason = await this.rebuildReason(node);
    } catch (error) {
      // Never a guess towards skipping: what cannot be measured is rebuilt.
      reason = `what changed could not be measured (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
    if (reason !== null) {
      this.rebuilt.set(node.uniqueId, reason);
      return null;
    }
    const changed = this.changedParentNames(node);
    const deferral = changed.length ? `reads no changed column of ${changed.join(', ')}` : 'nothing it reads was rebuilt: it reads only what production has';
    this.deferred.set(node.uniqueId, deferral);
    return deferral;
  }

  private async rebuildReason(node: Node): Promise<string | null> {
    const parents = this.effectiveParents(node);
    if (parents.some((parent) => parent === 'changed-code')) return 'an ephemeral model it reads changed';
    let reads: RelationReads | null = null;
    for (const parent of parents as Node[]) {
      const change = await this.changeOf(parent);
      if (!change.rows && !change.columns.size && !change.reordered && !change.inexact) continue;
      if (!reads) {
        const questions: string[] = [];
        const sql = await compileSql({ renderer: this.context.session.renderer, nodes: this.context.session.graph.nodes, options: { warehouse: this.context.warehouse, questions } }, node);
        const asked = questions.find((question) => !question.startsWith('relation:') && !question.startsWith('columns:'));
        if (asked) return `its Jinja asks the warehouse for data (${asked.split(':')[0]}), so what it builds may change with ${parent.name}`;
        reads = relationReads(sql);
      }
      const reason = rebuildReason(parent.name, parent.relation.identifier, change, reads);
      if (reason) return reason;
    }
    return null;
  }

  /** Built parents whose data changed, by name, for the deferral's reason. */
  private changedParentNames(node: Node): string[] {
    return (this.effectiveParents(node).filter((parent) => parent !== 'changed-code') as Node[]).map((parent) => parent.name).sort();
  }

  /**
   * The parents that were built in this run (looking through ephemeral models, and through sources to
   * the seeds that load them); 'changed-code' for an ephemeral model whose own SQL changed.
   */
  private effectiveParents(node: Node): Array<Node | 'changed-code'> {
    const { graph } = this.context.session;
    const found: Array<Node | 'changed-code'> = [];
    const seen = new Set<string>();
    const visit = (id: string) => {
      for (const parentId of graph.parents.get(id) ?? []) {
        if (seen.has(parentId)) continue;
        seen.add(parentId);
        const parent = graph.nodes.get(parentId);
        if (!parent) continue;
        if (parent.resourceType === 'model' && parent.config.materialized === 'ephemeral') {
          const change = this.planned.get(parentId)?.change;
          if (change === 'modified' || change === 'new') found.push('changed-code');
          else visit(parentId);
        } else if (parent.resourceType === 'source') {
          visit(parentId);
        } else if (this.context.plan.build.has(parentId) && !this.deferred.has(parentId) && ['model', 'seed', 'snapshot'].includes(parent.resourceType)) {
          found.push(parent);
        }
      }
    };
    visit(node.uniqueId);
    return found;
  }

  private changeOf(parent: Node): Promise<DataChange> {
    let change = this.changes.get(parent.uniqueId);
    if (!change) {
      const settings = this.context.session.config.diff;
      change = this.context.diff(parent).then((diff) => dataChange(diff, settings));
      this.changes.set(parent.uniqueId, change);
    }
    return change;
  }
}

/** Data-aware impact for a build into `environment`, unless sluice.yml turns it off. */
export function dataAwareImpact(session: Session, warehouse: Warehouse, plan: Plan, environment: Environment, diffs: ModelDiffs): DataAwareImpact | undefined {
  if (!session.config.impact.dataAware) return undefined;
  const isNew = new Set(plan.nodes.filter((node) => node.change === 'new').map((node) => node.uniqueId));
  return new DataAwareImpact({ session, plan, warehouse: guardedWarehouse(warehouse, environment), diff: (node) => diffs.of(node, isNew.has(node.uniqueId)) });
}

/**
 * The plan's reasons, as the build decided them: why each impacted model was rebuilt or deferred. An
 * impacted ephemeral model is built only into its readers: when they were all deferred, so is it.
 */
export function explainImpact(session: Session, plan: Plan, impact: DataAwareImpact): void {
  for (const node of [...plan.nodes].reverse()) {
    const model = session.graph.nodes.get(node.uniqueId);
    if (!node.conditional || model?.config.materialized !== 'ephemeral' || !plan.build.has(node.uniqueId)) continue;
    if ([...(session.graph.children.get(node.uniqueId) ?? [])].some((child) => plan.build.has(child))) continue;
    plan.build.delete(node.uniqueId);
    impact.deferred.set(node.uniqueId, 'ephemeral, and every model that reads it was deferred');
  }
  for (const node of plan.nodes) {
    const reason = impact.deferred.get(node.uniqueId) ?? impact.rebuilt.get(node.uniqueId);
    if (reason) node.reason = reason;
  }
}
