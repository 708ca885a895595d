/**
 * The data diff of a pull request's built models against their production twins, filled into the
 * report: row counts, schema, values by key (or a profile without one), and the breaking changes.
 * Everything is computed in the warehouse; only samples come back.
 */
import { primaryKeyFor } from '../diff/primary-key.js';
import { snapshotMetaColumns } from '../execute/snapshot-config.js';
import { diffRelation, type RelationDiff } from '../diff/relation-diff.js';
import type { Node } from '../project/types.js';
import type { Report, ReportModel } from '../report/report-json.js';
import type { Session } from '../session.js';
import type { Relation, Warehouse } from '../warehouse/warehouse.js';
import { breakingChanges } from './breaking.js';
import type { Environment } from './environment.js';

/** Declared columns with `meta: {pii: true}`, and any column matching a `diff.mask` pattern. */
export function maskedColumns(session: Session, node: Node, columns: string[]): string[] {
  const declared = Object.values(node.columns)
    .filter((column) => column.meta?.pii === true || column.meta?.pii === 'true')
    .map((column) => column.name.toLowerCase());
  return columns.filter((column) => declared.includes(column.toLowerCase()) || session.config.diff.maskPatterns.some((pattern) => pattern.test(column)));
}

function columnTests(session: Session, node: Node): Array<{ column: string; tests: string[] }> {
  const byColumn = new Map<string, string[]>();
  for (const child of session.graph.children.get(node.uniqueId) ?? []) {
    const test = session.graph.nodes.get(child)!;
    if (test.resourceType !== 'test' || test.attachedNode !== node.uniqueId || !test.columnName || !test.testMetadata) continue;
    const name = test.testMetadata.namespace ? `${test.testMetadata.namespace}.${test.testMetadata.name}` : test.testMetadata.name;
    byColumn.set(test.columnName, [...(byColumn.get(test.columnName) ?? []), name]);
  }
  return [...byColumn.entries()].map(([column, tests]) => ({ column, tests }));
}

/**
 * The diffs of one run's built models, each computed once: data-aware impact reads a parent's diff to
 * decide about its readers, and the report shows the same diff.
 */
export class ModelDiffs {
  private readonly diffs = new Map<string, Promise<RelationDiff>>();

  constructor(
    private readonly session: Session,
    private readonly warehouse: Warehouse,
    private readonly environment: Environment,
    /** Where a node built for this run is, when not in the environment (promote: a reused pull request's table). */
    private readonly placeOf?: (node: Node) => Relation | undefined,
  ) {}

  /** Whether the node's diff was computed (or is being computed). */
  has(node: Node): boolean {
    return this.diffs.has(node.uniqueId);
  }

  /** The diff of a node built in the environment with its production twin (`isNew`: production has none). */
  of(node: Node, isNew: boolean): Promise<RelationDiff> {
    let diff = this.diffs.get(node.uniqueId);
    if (!diff) {
      diff = this.compute(node, isNew);
      this.diffs.set(node.uniqueId, diff);
    }
    return diff;
  }

  private async compute(node: Node, isNew: boolean): Promise<RelationDiff> {
    const { session, warehouse, environment } = this;
    const settings = session.config.diff;
    const env = this.placeOf?.(node) ?? environment.relationFor(node.relation);
    // A snapshot holds several versions of each unique_key: its rows are its versions, keyed by scd id.
    const key = node.resourceType === 'snapshot' ? { columns: [snapshotMetaColumns(node.config).scdId] } : primaryKeyFor({ uniqueKey: node.config.unique_key, meta: node.meta, columnTests: columnTests(session, node) });
    const envColumns = ((await warehouse.getColumns(env)) ?? []).map((column) => column.name);
    return diffRelation(warehouse, isNew ? null : node.relation, env, {
      key: key?.columns ?? null,
      samples: settings.samples,
      floatTolerance: settings.floatTolerance,
      samplePercent: settings.samplePercent,
      where: settings.where,
      maskedColumns: maskedColumns(session, node, envColumns),
      names: { base: 'production', env: environment.name },
    });
  }
}

export async function diffModels(session: Session, warehouse: Warehouse, report: Report, environment: Environment, out: (line: string) => void, diffs = new ModelDiffs(session, warehouse, environment)): Promise<void> {
  const settings = session.config.diff;
  let diffed = 0;
  for (const model of report.models) {
    const node = session.graph.nodes.get(model.unique_id);
    if (!node || model.status !== 'built' || node.config.materialized === 'ephemeral') continue;
    // Diffs computed already (for data-aware impact) are shown whatever the limit: they cost nothing more.
    if (diffed >= settings.maxModels && !diffs.has(node)) {
      model.diff_notes.push(`Not diffed: more than diff.max_models (${settings.maxModels}) models changed.`);
      continue;
    }
    diffed++;
    fill(model, await diffs.of(node, model.change === 'new'));
  }
  report.breaking = breakingChanges(session, report.models);
  if (diffed) out(`Diffed ${diffed} model${diffed === 1 ? '' : 's'} against production.`);
}

function fill(model: ReportModel, result: RelationDiff): void {
  model.rows = result.rows;
  model.schema = result.schema;
  model.values = result.values;
  model.profile = result.profile;
  model.diff_notes.push(...result.notes);
}
