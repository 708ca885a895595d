/**
 * Breaking changes: a column a pull request removes or retypes that something downstream reads — a model
 * (by its SQL) or an exposure (a BI dashboard: by the columns its meta declares, or any column when it
 * declares none). They are listed first in the report.
 */
import { readsColumn } from '../graph/column-lineage.js';
import type { Node } from '../project/types.js';
import type { BreakingChange, ReportModel } from '../report/report-json.js';
import type { Session } from '../session.js';

/** The SQL a downstream model runs, as well as it can be known without running it. */
function sqlOf(session: Session, node: Node): string {
  if (node.compiledCode) return node.compiledCode;
  try {
    return session.renderer.renderSync(node);
  } catch {
    return node.rawCode;
  }
}

function declaredColumns(exposure: Node, model: string): string[] | null {
  const meta = exposure.meta ?? {};
  const columns = meta.columns;
  if (Array.isArray(columns)) return columns.map(String).map((entry) => (entry.includes('.') ? entry : `${model}.${entry}`));
  if (columns && typeof columns === 'object') {
    const forModel = (columns as Record<string, unknown>)[model];
    return Array.isArray(forModel) ? forModel.map((entry) => `${model}.${String(entry)}`) : [];
  }
  return null;
}

export function breakingChanges(session: Session, models: ReportModel[]): BreakingChange[] {
  const { graph } = session;
  const dialect = session.renderer.dialect.name;
  const changes: BreakingChange[] = [];
  for (const model of models) {
    if (!model.schema) continue;
    const lost = [
      ...model.schema.removed.map((column) => ({ column, change: 'removed' })),
      ...model.schema.changed.map((entry) => ({ column: entry.column, change: `retyped (${entry.from} → ${entry.to})` })),
    ];
    if (!lost.length) continue;
    const children = [...(graph.children.get(model.unique_id) ?? [])].map((id) => graph.nodes.get(id)!);
    for (const { column, change } of lost) {
      const readBy: string[] = [];
      for (const child of children) {
        if (child.resourceType === 'model' && readsColumn(sqlOf(session, child), column, dialect)) readBy.push(child.name);
        if (child.resourceType === 'exposure') {
          const declared = declaredColumns(child, model.name);
          if (declared === null || declared.map((entry) => entry.toLowerCase()).includes(`${model.name}.${column}`.toLowerCase())) readBy.push(`exposure ${child.name}`);
        }
      }
      if (readBy.length) changes.push({ model: model.name, column, change, read_by: readBy.sort() });
    }
  }
  return changes;
}
