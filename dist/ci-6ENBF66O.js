import { createRequire as __sluiceCreateRequire } from 'node:module';
import { dirname as __sluiceDirname } from 'node:path';
import { fileURLToPath as __sluiceFileURLToPath } from 'node:url';
const require = __sluiceCreateRequire(import.meta.url);
const __filename = __sluiceFileURLToPath(import.meta.url);
const __dirname = __sluiceDirname(__filename);
if (!globalThis.__sluiceQuietBuffer) {
  globalThis.__sluiceQuietBuffer = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) { const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1]; if (code === 'DEP0005') return; return emitWarning.call(this, warning, ...rest); };
}
import {
  InputVersions,
  ModelDiffs,
  buildIntoEnvironment,
  buildReport,
  checkSourcesRead,
  dataAwareImpact,
  diffModels,
  environmentRelations,
  explainImpact,
  fingerprintProject,
  freshnessEntry,
  modifiedIncrementals,
  runSummaryOf,
  testedBuilds,
  versionsBeforeBuild
} from "./chunk-LJJURYQO.js";
import {
  guardedWarehouse
} from "./chunk-6V3BRGZ5.js";
import {
  formatPlan,
  planChanges,
  plural,
  useRelations,
  writeReportFiles
} from "./chunk-ITBSQU2E.js";
import {
  PRODUCTION,
  pullRequestEnvironment
} from "./chunk-PQX6INGK.js";
import "./chunk-M3UQV36C.js";
import "./chunk-OSLAW4OG.js";
import "./chunk-MMQEHTF6.js";
import "./chunk-CXFOSMQA.js";
import {
  lintProject
} from "./chunk-NOBAQ4NS.js";
import "./chunk-H6OTBMW3.js";
import "./chunk-R3NE7RCL.js";
import "./chunk-Z4AALHN7.js";
import "./chunk-3LORLH5I.js";
import "./chunk-JUZGTHLJ.js";
import "./chunk-TREVE4EE.js";
import "./chunk-DMNIRXCU.js";
import {
  stateStoreFor
} from "./chunk-LKMF6KYY.js";
import {
  SluiceError
} from "./chunk-5FWABYZE.js";
import "./chunk-3BX4YTM4.js";

// src/plan/ci.ts
import { randomUUID } from "node:crypto";

// src/lint/lint-output.ts
function lintCounts(findings) {
  const errors = findings.filter((finding) => finding.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}
function lintSummaryLine(outcome) {
  const { errors, warnings } = lintCounts(outcome.findings);
  const { stats } = outcome;
  const verdict = errors || warnings ? `${plural(errors, "error")}, ${plural(warnings, "warning")}` : "clean";
  const details = [
    stats.parseAttempted ? `SQL parsed in ${stats.parsed} of ${stats.parseAttempted}${stats.parseAttempted < stats.files ? " that a rule needed parsed" : ""}` : "",
    stats.cached ? `${stats.cached} unchanged from the lint cache` : "",
    // A rate means something over many files, not over the few of a pull request.
    stats.files >= 50 && stats.seconds > 0 ? `${Math.round(stats.files / stats.seconds)} files/s` : ""
  ].filter(Boolean);
  return `Linted ${plural(stats.files, "file")} in ${stats.seconds.toFixed(2)} s: ${verdict}${details.length ? ` (${details.join(", ")})` : ""}`;
}
function formatText(outcome, options = {}) {
  const lines = outcome.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}: ${finding.severity === "error" ? "error  " : "warning"} ${finding.rule}  ${finding.message}`);
  for (const file of outcome.fixed) lines.push(`fixed ${file}`);
  if (outcome.stats.unparsed.length) {
    lines.push(`Rules on the parsed SQL skipped ${plural(outcome.stats.unparsed.length, "file")} node-sql-parser cannot parse (token rules ran):`);
    for (const entry of options.stats ? outcome.stats.unparsed : outcome.stats.unparsed.slice(0, 5)) lines.push(`  ${entry.file}: ${entry.reason}`);
    if (!options.stats && outcome.stats.unparsed.length > 5) lines.push(`  … and ${outcome.stats.unparsed.length - 5} more (--stats lists them)`);
  }
  if (options.stats && outcome.stats.formatSkipped.length) {
    lines.push(`The formatter left ${plural(outcome.stats.formatSkipped.length, "file")} alone:`);
    for (const entry of outcome.stats.formatSkipped) lines.push(`  ${entry.file}: ${entry.reason}`);
  }
  lines.push(lintSummaryLine(outcome));
  return lines;
}

// src/plan/ci.ts
function changedModelFiles(session, plan) {
  return plan.nodes.filter((node) => node.change === "modified" || node.change === "new").map((node) => session.graph.nodes.get(node.uniqueId)).filter((node) => node?.resourceType === "model").map((node) => node.originalFilePath);
}
async function columnsBuilt(warehouse, summary, environment) {
  const columns = /* @__PURE__ */ new Map();
  for (const result of summary.results) {
    const node = result.node;
    if (result.status !== "success" || node.resourceType !== "model" || node.config.materialized === "ephemeral") continue;
    if (!Object.keys(node.columns).length) continue;
    const described = await warehouse.getColumns(environment.relationFor(node.relation));
    if (described) columns.set(node.uniqueId, described.map((column) => column.name.toLowerCase()));
  }
  return columns;
}
async function planAgainstProduction(session, warehouse, environment) {
  const state = stateStoreFor(session, warehouse);
  const production = await state.deployedModels(PRODUCTION);
  const fingerprints = await fingerprintProject(session, environment ? guardedWarehouse(warehouse, environment) : warehouse);
  const plan = planChanges(session, fingerprints, production);
  const changes = new Map(plan.nodes.map((node) => [node.uniqueId, node.change]));
  session.stateModified = (id) => changes.get(id) === "modified" || changes.get(id) === "new";
  session.stateNew = (id) => changes.get(id) === "new";
  return plan;
}
async function runCi(session, warehouse, options) {
  const environment = pullRequestEnvironment(options.environment, session.config);
  const state = stateStoreFor(session, warehouse);
  const plan = await planAgainstProduction(session, warehouse, environment);
  for (const line of formatPlan(plan, environment.name)) options.out(line);
  options.out("");
  const runId = randomUUID();
  const startedAt = (/* @__PURE__ */ new Date()).toISOString();
  await state.startRun({ runId, environment: environment.name, kind: "ci", startedAt });
  return state.closingRun(runId, async () => {
    const freshness = await checkSourcesRead(session, guardedWarehouse(warehouse, environment), plan.build, { threads: options.threads, out: options.out });
    const fullRefreshModified = options.fullRefreshModified ?? session.config.ci.fullRefreshModified;
    const versions = session.config.promote.reuse ? new InputVersions(warehouse) : null;
    if (versions) await versionsBeforeBuild(session, plan, versions);
    const diffs = new ModelDiffs(session, warehouse, environment);
    const impact = dataAwareImpact(session, warehouse, plan, environment, diffs);
    const summary = await buildIntoEnvironment(session, warehouse, plan, environment, { ...options, fullRefreshModified, impact });
    if (impact) explainImpact(session, plan, impact);
    let lint = null;
    if (options.lint !== false) {
      options.out("");
      const builtColumns = await columnsBuilt(warehouse, summary, environment);
      lint = await lintProject(session, { ...options.lint ?? { files: changedModelFiles(session, plan) }, fix: false, builtColumns: (node) => builtColumns.get(node.uniqueId) ?? null });
      for (const line of formatText(lint)) options.out(line);
    }
    const report = buildReport(session, plan, summary, { command: "ci", env: environment.name, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
    report.freshness = freshness.results.map(freshnessEntry);
    noteIncrementalHistory(session, plan, report, Boolean(options.fullRefresh || fullRefreshModified));
    if (lint) {
      report.lint = lint.findings;
      if (lint.findings.some((finding) => finding.severity === "error")) report.ok = false;
    }
    await diffModels(session, warehouse, report, environment, options.out, diffs);
    if (versions) await state.recordBuilds(environment.name, await testedBuilds(session, { plan, report, environment, fingerprints: plan.fingerprints, versions, runId, gitSha: options.gitSha ?? null }));
    await state.finishRun(runId, report.ok ? "success" : "failed", runSummaryOf(report, summary, { elapsedSeconds: (Date.now() - Date.parse(startedAt)) / 1e3 }));
    const reportPath = writeReportFiles(session.project.targetPath, report).json;
    return { plan, summary, report, reportPath, environment };
  });
}
function noteIncrementalHistory(session, plan, report, rebuilt) {
  for (const id of modifiedIncrementals(session, plan)) {
    const model = report.models.find((candidate) => candidate.unique_id === id);
    if (!model) continue;
    const onSchemaChange = String(session.graph.nodes.get(id).config.on_schema_change ?? "ignore");
    if (rebuilt) {
      model.diff_notes.unshift("Incremental model rebuilt in full here (--full-refresh-modified): its whole history uses the new logic.");
      continue;
    }
    const columns = onSchemaChange === "ignore" ? ", and columns it adds are left out (on_schema_change: ignore)" : "";
    model.diff_notes.unshift(`Incremental model: only the rows this run added use the new logic; its history was not rebuilt${columns}. Rebuild it here with ci --full-refresh-modified; on merge, promote continues production's table the same way unless run with --full-refresh.`);
  }
}
async function runDiff(session, warehouse, options) {
  const environment = pullRequestEnvironment(options.environment, session.config);
  const database = environment.catalog ?? void 0;
  if (!(await warehouse.listSchemas(database)).some((schema) => environment.ownsSchema(database, schema))) {
    throw new SluiceError(`Environment '${environment.name}' does not exist: no ${environment.schemaPrefix}* schema${environment.catalog ? ` in catalog ${environment.catalog}` : ""}`, {
      hint: `build it first with sluice ci --env ${environment.name}; sluice janitor --dry-run lists the environments that exist`
    });
  }
  const plan = await planAgainstProduction(session, warehouse, environment);
  const relations = new Set(
    (await Promise.all([...new Set([...plan.build].map((id) => session.graph.nodes.get(id)).map((node) => environment.relationFor(node.relation).schema))].map(async (schema) => {
      const listed = await warehouse.listRelations(environment.catalog ?? void 0, schema);
      return listed.map((relation) => `${schema}.${relation.identifier}`.toLowerCase());
    }))).flat()
  );
  const built = new Set([...plan.build].filter((id) => {
    const node = session.graph.nodes.get(id);
    const relation = environment.relationFor(node.relation);
    return relations.has(`${relation.schema}.${relation.identifier}`.toLowerCase());
  }));
  const summary = {
    command: "build",
    results: [...built].map((id) => ({ uniqueId: id, status: "success", executionTime: 0, message: null, failures: null, node: session.graph.nodes.get(id) })),
    elapsedSeconds: 0,
    ok: true
  };
  useRelations(session, environmentRelations(session, plan, environment));
  const report = buildReport(session, plan, summary, { command: "diff", env: environment.name, runId: randomUUID(), relationName: (relation) => warehouse.dialect.relationName(relation) });
  const missing = [...plan.build].filter((id) => !built.has(id) && session.graph.nodes.get(id).config.materialized !== "ephemeral");
  if (missing.length) options.out(`Not built in ${environment.name} (run sluice ci first): ${missing.map((id) => session.graph.nodes.get(id).name).join(", ")}`);
  await diffModels(session, warehouse, report, environment, options.out);
  const reportPath = writeReportFiles(session.project.targetPath, report).json;
  return { report, reportPath };
}
export {
  planAgainstProduction,
  runCi,
  runDiff
};
