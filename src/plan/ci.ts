/**
 * `sluice ci --env pr_7`: plan against production's state, check the freshness of the sources the build
 * reads, build what changed into the pull request's environment (reading everything else from
 * production), test it, lint what changed (documented columns
 * against what was built), diff it with production, and write report.json.
 */
import { randomUUID } from 'node:crypto';
import { SluiceError } from '../errors.js';
import type { RunSummary } from '../execute/run-task.js';
import { fingerprintProject } from '../graph/fingerprint.js';
import { formatText } from '../lint/lint-output.js';
import { lintProject, type LintOutcome, type LintRequest } from '../lint/lint-project.js';
import type { Node } from '../project/types.js';
import { useRelations, type Session } from '../session.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { buildIntoEnvironment, environmentRelations, modifiedIncrementals } from './environment-build.js';
import { PRODUCTION, pullRequestEnvironment, type Environment } from './environment.js';
import { guardedWarehouse } from './guard.js';
import { formatPlan, planChanges, type Plan } from './plan.js';
import { buildReport } from './report-model.js';
import { diffModels, ModelDiffs } from './diff-models.js';
import { dataAwareImpact, explainImpact } from './impact.js';
import { runSummaryOf } from '../report/run-summary.js';
import { InputVersions, testedBuilds, versionsBeforeBuild } from './reuse.js';
import { stateStoreFor } from './state-store.js';
import type { Report } from '../report/report-json.js';
import { writeReportFiles } from '../report/write-report.js';
import { freshnessEntry } from '../freshness/check-freshness.js';
import { checkSourcesRead } from '../freshness/source-freshness.js';

export interface CiOptions {
  environment: string;
  fullRefresh?: boolean;
  /** Rebuild modified incremental models in full (default: sluice.yml ci.full_refresh_modified). */
  fullRefreshModified?: boolean;
  threads?: number;
  out: (line: string) => void;
  /** The commit built, recorded with what it built. */
  gitSha?: string | null;
  /** What to lint first; default: the files of the models the pull request modified or added. false: no lint. */
  lint?: LintRequest | false;
}

export interface CiResult {
  plan: Plan;
  summary: RunSummary;
  report: Report;
  reportPath: string;
  environment: Environment;
}

/** The files of the models a plan calls modified or new: what `ci` lints unless told otherwise. */
function changedModelFiles(session: Session, plan: Plan): string[] {
  return plan.nodes
    .filter((node) => node.change === 'modified' || node.change === 'new')
    .map((node) => session.graph.nodes.get(node.uniqueId))
    .filter((node): node is Node => node?.resourceType === 'model')
    .map((node) => node.originalFilePath);
}

/** The columns of the models a build made, as the warehouse describes them (lower case). */
async function columnsBuilt(warehouse: Warehouse, summary: RunSummary, environment: Environment): Promise<Map<string, string[]>> {
  const columns = new Map<string, string[]>();
  for (const result of summary.results) {
    const node = result.node;
    if (result.status !== 'success' || node.resourceType !== 'model' || node.config.materialized === 'ephemeral') continue;
    if (!Object.keys(node.columns).length) continue; // nothing documented to compare with
    const described = await warehouse.getColumns(environment.relationFor(node.relation));
    if (described) columns.set(node.uniqueId, described.map((column) => column.name.toLowerCase()));
  }
  return columns;
}

/**
 * Fingerprints the project and plans it against production's deployed state. Rendering runs the pull
 * request's code (`run_query`, `statement`): for an environment it reaches the warehouse through the guard.
 */
export async function planAgainstProduction(session: Session, warehouse: Warehouse, environment: Environment | null): Promise<Plan> {
  const state = stateStoreFor(session, warehouse);
  const production = await state.deployedModels(PRODUCTION);
  const fingerprints = await fingerprintProject(session, environment ? guardedWarehouse(warehouse, environment) : warehouse);
  const plan = planChanges(session, fingerprints, production);
  // One lookup table, not a search of the plan per node: state:modified on a large project stays linear.
  const changes = new Map(plan.nodes.map((node) => [node.uniqueId, node.change]));
  session.stateModified = (id) => changes.get(id) === 'modified' || changes.get(id) === 'new';
  session.stateNew = (id) => changes.get(id) === 'new';
  return plan;
}

export async function runCi(session: Session, warehouse: Warehouse, options: CiOptions): Promise<CiResult> {
  const environment = pullRequestEnvironment(options.environment, session.config);
  const state = stateStoreFor(session, warehouse);
  const plan = await planAgainstProduction(session, warehouse, environment);
  for (const line of formatPlan(plan, environment.name)) options.out(line);
  options.out('');
  const runId = randomUUID();
  const startedAt = new Date().toISOString();
  await state.startRun({ runId, environment: environment.name, kind: 'ci', startedAt });
  return state.closingRun(runId, async () => {
    // Freshness of the sources the build reads: reported in the comment, never a reason to fail ci.
    const freshness = await checkSourcesRead(session, guardedWarehouse(warehouse, environment), plan.build, { threads: options.threads, out: options.out });
    const fullRefreshModified = options.fullRefreshModified ?? session.config.ci.fullRefreshModified;
    // What the build reads from production, as it is before the build: recorded with what it built and
    // tested, so that promote can publish those tables on merge if nothing they read has changed.
    const versions = session.config.promote.reuse ? new InputVersions(warehouse) : null;
    if (versions) await versionsBeforeBuild(session, plan, versions);
    const diffs = new ModelDiffs(session, warehouse, environment);
    const impact = dataAwareImpact(session, warehouse, plan, environment, diffs);
    const summary = await buildIntoEnvironment(session, warehouse, plan, environment, { ...options, fullRefreshModified, impact });
    if (impact) explainImpact(session, plan, impact);
    // Lint after the build, so that documented columns are checked against what the warehouse built.
    let lint: LintOutcome | null = null;
    if (options.lint !== false) {
      options.out('');
      const builtColumns = await columnsBuilt(warehouse, summary, environment);
      lint = await lintProject(session, { ...(options.lint ?? { files: changedModelFiles(session, plan) }), fix: false, builtColumns: (node) => builtColumns.get(node.uniqueId) ?? null });
      for (const line of formatText(lint)) options.out(line);
    }
    const report = buildReport(session, plan, summary, { command: 'ci', env: environment.name, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
    report.freshness = freshness.results.map(freshnessEntry);
    noteIncrementalHistory(session, plan, report, Boolean(options.fullRefresh || fullRefreshModified));
    if (lint) {
      report.lint = lint.findings;
      if (lint.findings.some((finding) => finding.severity === 'error')) report.ok = false;
    }
    await diffModels(session, warehouse, report, environment, options.out, diffs);
    if (versions) await state.recordBuilds(environment.name, await testedBuilds(session, { plan, report, environment, fingerprints: plan.fingerprints, versions, runId, gitSha: options.gitSha ?? null }));
    await state.finishRun(runId, report.ok ? 'success' : 'failed', runSummaryOf(report, summary, { elapsedSeconds: (Date.now() - Date.parse(startedAt)) / 1000 }));
    const reportPath = writeReportFiles(session.project.targetPath, report).json;
    return { plan, summary, report, reportPath, environment };
  });
}

/**
 * A modified incremental model continues production's table in the pull request: only the rows its run
 * adds use the new logic, and (with on_schema_change: ignore, dbt's default) columns it adds are left out.
 * The reviewer is told, with the way to rebuild it.
 */
function noteIncrementalHistory(session: Session, plan: Plan, report: Report, rebuilt: boolean): void {
  for (const id of modifiedIncrementals(session, plan)) {
    const model = report.models.find((candidate) => candidate.unique_id === id);
    if (!model) continue;
    const onSchemaChange = String(session.graph.nodes.get(id)!.config.on_schema_change ?? 'ignore');
    if (rebuilt) {
      model.diff_notes.unshift('Incremental model rebuilt in full here (--full-refresh-modified): its whole history uses the new logic.');
      continue;
    }
    const columns = onSchemaChange === 'ignore' ? ', and columns it adds are left out (on_schema_change: ignore)' : '';
    model.diff_notes.unshift(`Incremental model: only the rows this run added use the new logic; its history was not rebuilt${columns}. Rebuild it here with ci --full-refresh-modified; on merge, promote continues production's table the same way unless run with --full-refresh.`);
  }
}

/** `sluice diff --env pr_7`: the data diff of what `ci` built in the environment, without building. */
export async function runDiff(session: Session, warehouse: Warehouse, options: { environment: string; out: (line: string) => void }): Promise<{ report: Report; reportPath: string }> {
  const environment = pullRequestEnvironment(options.environment, session.config);
  // An environment never built (or dropped) has nothing to diff: say so, and leave the report files as they are.
  const database = environment.catalog ?? undefined;
  if (!(await warehouse.listSchemas(database)).some((schema) => environment.ownsSchema(database, schema))) {
    throw new SluiceError(`Environment '${environment.name}' does not exist: no ${environment.schemaPrefix}* schema${environment.catalog ? ` in catalog ${environment.catalog}` : ''}`, {
      hint: `build it first with sluice ci --env ${environment.name}; sluice janitor --dry-run lists the environments that exist`,
    });
  }
  const plan = await planAgainstProduction(session, warehouse, environment);
  const relations = new Set(
    (await Promise.all([...new Set([...plan.build].map((id) => session.graph.nodes.get(id)!).map((node) => environment.relationFor(node.relation).schema))].map(async (schema) => {
      const listed = await warehouse.listRelations(environment.catalog ?? undefined, schema);
      return listed.map((relation) => `${schema}.${relation.identifier}`.toLowerCase());
    }))).flat(),
  );
  const built = new Set([...plan.build].filter((id) => {
    const node = session.graph.nodes.get(id)!;
    const relation = environment.relationFor(node.relation);
    return relations.has(`${relation.schema}.${relation.identifier}`.toLowerCase());
  }));
  const summary: RunSummary = {
    command: 'build',
    results: [...built].map((id) => ({ uniqueId: id, status: 'success' as const, executionTime: 0, message: null, failures: null, node: session.graph.nodes.get(id)! })),
    elapsedSeconds: 0,
    ok: true,
  };
  useRelations(session, environmentRelations(session, plan, environment));
  const report = buildReport(session, plan, summary, { command: 'diff', env: environment.name, runId: randomUUID(), relationName: (relation) => warehouse.dialect.relationName(relation) });
  const missing = [...plan.build].filter((id) => !built.has(id) && session.graph.nodes.get(id)!.config.materialized !== 'ephemeral');
  if (missing.length) options.out(`Not built in ${environment.name} (run sluice ci first): ${missing.map((id) => session.graph.nodes.get(id)!.name).join(', ')}`);
  await diffModels(session, warehouse, report, environment, options.out);
  const reportPath = writeReportFiles(session.project.targetPath, report).json;
  return { report, reportPath };
}
