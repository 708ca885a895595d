/**
 * The data diff of a pull request's built models against their production twins, filled into the
 * report: row counts, schema, values by key (or a profile without one), and the breaking changes.
 * Everything is computed in the warehouse; only samples come back.
 */
import { primaryKeyFor } from '../diff/primary-key.js';
import { snapshotMetaColumns } from '../execute/snapshot-config.js';
import { diffRelation } from '../diff/relation-diff.js';
import type { Node } from '../project/types.js';
import type { Report, ReportModel } from '../report/report-json.js';
import type { Session } from '../session.js';
import type { Warehouse } from '../warehouse/warehouse.js';
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

export async function diffModels(session: Session, warehouse: Warehouse, report: Report, environment: Environment, out: (line: string) => void): Promise<void> {
  const settings = session.config.diff;
  let diffed = 0;
  for (const model of report.models) {
    const node = session.graph.nodes.get(model.unique_id);
    if (!node || model.status !== 'built' || node.config.materialized === 'ephemeral') continue;
    if (diffed >= settings.maxModels) {
      model.diff_notes.push(`Not diffed: more than diff.max_models (${settings.maxModels}) models changed.`);
      continue;
    }
    diffed++;
    const env = environment.relationFor(node.relation);
    const base = model.change === 'new' ? null : node.relation;
    // A snapshot holds several versions of each unique_key: its rows are its versions, keyed by scd id.
    const key = node.resourceType === 'snapshot' ? { columns: [snapshotMetaColumns(node.config).scdId] } : primaryKeyFor({ uniqueKey: node.config.unique_key, meta: node.meta, columnTests: columnTests(session, node) });
    const envColumns = ((await warehouse.getColumns(env)) ?? []).map((column) => column.name);
    const result = await diffRelation(warehouse, base, env, {
      key: key?.columns ?? null,
      samples: settings.samples,
      floatTolerance: settings.floatTolerance,
      samplePercent: settings.samplePercent,
      where: settings.where,
      maskedColumns: maskedColumns(session, node, envColumns),
      names: { base: 'production', env: environment.name },
    });
    fill(model, result);
  }
  report.breaking = breakingChanges(session, report.models);
  if (diffed) out(`Diffed ${diffed} model${diffed === 1 ? '' : 's'} against production.`);
}

function fill(model: ReportModel, result: Awaited<ReturnType<typeof diffRelation>>): void {
  model.rows = result.rows;
  model.schema = result.schema;
  model.values = result.values;
  model.profile = result.profile;
  model.diff_notes.push(...result.notes);
}
