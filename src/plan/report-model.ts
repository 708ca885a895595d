/** From a plan and a run's results to report.json's models and tests. */
import type { RunSummary } from '../execute/run-task.js';
import type { Report, ReportModel, ReportTest } from '../report/report-json.js';
import type { Session } from '../session.js';
import type { Relation } from '../warehouse/warehouse.js';
import type { Plan } from './plan.js';

export function buildReport(
  session: Session,
  plan: Plan,
  summary: RunSummary,
  options: { command: string; env: string; runId: string; relationName: (relation: Relation) => string },
): Report {
  const results = new Map(summary.results.map((result) => [result.uniqueId, result]));
  const models: ReportModel[] = plan.nodes.map((planned) => {
    const node = session.graph.nodes.get(planned.uniqueId);
    const result = results.get(planned.uniqueId);
    let status: ReportModel['status'] = 'deferred';
    if (planned.change === 'removed') status = 'skipped';
    else if (result) status = result.status === 'success' ? 'built' : result.status === 'skipped' ? 'skipped' : 'failed';
    else if (plan.build.has(planned.uniqueId)) status = node?.config.materialized === 'ephemeral' ? 'built' : 'skipped';
    return {
      name: planned.name,
      unique_id: planned.uniqueId,
      status,
      change: planned.change === 'deferred' ? null : planned.change,
      reason: planned.reason,
      materialized: planned.materialized,
      relation: node && node.config.materialized !== 'ephemeral' ? options.relationName(session.resolver.relationOf(node)) : null,
      base_relation: node && node.config.materialized !== 'ephemeral' && planned.change !== 'new' ? options.relationName(node.relation) : null,
      parents: node ? [...(session.graph.parents.get(node.uniqueId) ?? [])].map((id) => session.graph.nodes.get(id)!).filter((parent) => ['model', 'seed', 'snapshot'].includes(parent.resourceType)).map((parent) => parent.name).sort() : [],
      rows: null,
      schema: null,
      values: null,
      profile: null,
      diff_notes: [],
      message: result?.message ?? null,
    };
  });
  const tests: ReportTest[] = summary.results
    .filter((result) => result.node.resourceType === 'test' || result.node.resourceType === 'unit_test')
    .map((result) => ({
      name: result.node.name,
      unique_id: result.uniqueId,
      model: result.node.attachedNode ? (session.graph.nodes.get(result.node.attachedNode)?.name ?? null) : null,
      status: result.status,
      failures: result.failures,
      message: result.message,
      severity: String(result.node.config.severity ?? 'ERROR').toUpperCase() === 'WARN' ? ('warn' as const) : ('error' as const),
      execution_time: result.executionTime,
    }));
  return {
    version: 1,
    generated_at: new Date().toISOString(),
    command: options.command,
    env: options.env,
    // Production is named by its target, as the header lines name it.
    base_env: session.project.profile.targetName,
    run_id: options.runId,
    ok: summary.ok,
    models,
    tests,
    lint: [],
    breaking: [],
  };
}
