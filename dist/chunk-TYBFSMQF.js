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
  RelationCache,
  ReuseOnMerge,
  afterCreateStatements,
  blockingChecks,
  buildIntoEnvironment,
  buildReport,
  checkSourcesRead,
  compileSql,
  dataAwareImpact,
  explainImpact,
  fingerprintProject,
  freshnessEntry,
  modifiedIncrementals,
  runSummaryOf,
  tableOptions,
  viewStatement
} from "./chunk-LJJURYQO.js";
import {
  guardedWarehouse
} from "./chunk-6V3BRGZ5.js";
import {
  buildOrder,
  describeFreshness,
  formatPlan,
  planChanges,
  storedFingerprint,
  useRelations,
  writePromoteFiles
} from "./chunk-ITBSQU2E.js";
import {
  AUDIT_ENVIRONMENT,
  PRODUCTION,
  dropEnvironmentSchemas,
  pullRequestEnvironment
} from "./chunk-PQX6INGK.js";
import {
  stateStoreFor
} from "./chunk-LKMF6KYY.js";
import {
  SluiceError
} from "./chunk-5FWABYZE.js";

// src/plan/promote.ts
import { randomBytes, randomUUID as randomUUID2 } from "node:crypto";

// src/plan/deploy-lock.ts
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
var DEPLOY_LOCK = "deploy";
function processIsGone(holder) {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return error.code === "ESRCH";
  }
}
async function acquireDeployLock(state, options) {
  const holder = randomUUID();
  const deadline = Date.now() + options.timeoutSeconds * 1e3;
  const poll = options.pollMilliseconds ?? 1e3;
  let announced = false;
  for (; ; ) {
    const current = await state.tryLock(DEPLOY_LOCK, holder, options.expirySeconds);
    if (!current) break;
    if (processIsGone(current)) {
      options.out(`The deploy lock was held by process ${current.pid} on ${current.host}, which has ended: taking it over.`);
      await state.unlock(DEPLOY_LOCK, current.holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new SluiceError(`Another deploy holds the lock (process ${current.pid} on ${current.host}, since ${current.acquiredAt})`, {
        hint: `waited ${options.timeoutSeconds}s; if that deploy is dead, run again after its lock expires (${options.expirySeconds}s without a heartbeat) or use --force-unlock`
      });
    }
    if (!announced) {
      options.out(`Waiting for the deploy lock held by process ${current.pid} on ${current.host} (up to ${options.timeoutSeconds}s)…`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(poll, Math.max(1, deadline - Date.now()))));
  }
  const beat = setInterval(() => void state.heartbeat(DEPLOY_LOCK, holder).catch(() => void 0), Math.max(1e3, options.expirySeconds * 1e3 / 4));
  beat.unref();
  let released = false;
  return {
    holder,
    async release() {
      if (released) return;
      released = true;
      clearInterval(beat);
      await state.unlock(DEPLOY_LOCK, holder);
    }
  };
}

// src/plan/faults.ts
function checkFault(point, index) {
  const fault = process.env.SLUICE_FAULT;
  if (!fault) return;
  const [wantedPoint, wantedIndex] = fault.split(":");
  if (wantedPoint !== point) return;
  if (wantedIndex !== void 0 && Number(wantedIndex) !== index) return;
  process.kill(process.pid, "SIGKILL");
}

// src/plan/promote.ts
function newDeployId(now = /* @__PURE__ */ new Date()) {
  return `d${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}-${now.getUTCMilliseconds().toString(16).padStart(3, "0")}${randomBytes(1).toString("hex")[0]}`;
}
async function runPromote(session, warehouse, options) {
  const { out } = options;
  const state = stateStoreFor(session, warehouse);
  await state.ensure();
  if (options.forceUnlock) {
    await state.unlock("deploy");
    out("Removed the deploy lock (--force-unlock).");
  }
  const lock = await acquireDeployLock(state, { timeoutSeconds: session.config.promote.lockTimeoutSeconds, expirySeconds: session.config.promote.lockExpirySeconds, out });
  const runId = randomUUID2();
  const audit = pullRequestEnvironment(AUDIT_ENVIRONMENT, session.config);
  try {
    const production = await state.deployedModels(PRODUCTION);
    const fingerprints = await fingerprintProject(session, warehouse);
    const plan = planChanges(session, fingerprints, production);
    for (const line of formatPlan(plan, PRODUCTION)) out(line);
    if (!options.fullRefresh) {
      for (const id of modifiedIncrementals(session, plan)) {
        out(`  note: ${session.graph.nodes.get(id).name} is incremental: production's table is continued with the new logic for new rows only; its history is not rebuilt (promote --full-refresh rebuilds it)`);
      }
    }
    if (!plan.build.size && !plan.removed.length) {
      const unchanged = buildReport(session, plan, { command: "build", results: [], elapsedSeconds: 0, ok: true }, { command: "promote", env: session.project.profile.targetName, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
      writePromoteFiles(session.project.targetPath, unchanged, { status: "up_to_date", deployId: null, failures: [] });
      out("Production is up to date: nothing to deploy.");
      return { status: "up_to_date", deployId: null, plan, report: null, failures: [] };
    }
    const freshness = await checkSourcesRead(session, guardedWarehouse(warehouse, audit), plan.build, { threads: options.threads, out });
    await state.startRun({ runId, environment: PRODUCTION, kind: "promote", startedAt: (/* @__PURE__ */ new Date()).toISOString() });
    return await state.closingRun(runId, async () => {
      const stale = blockingChecks(freshness, session.config.promote.requireFreshSources);
      if (stale.length) {
        const failures2 = stale.map((check) => describeFreshness(freshnessEntry(check)));
        const report2 = buildReport(session, plan, { command: "build", results: [], elapsedSeconds: 0, ok: false }, { command: "promote", env: session.project.profile.targetName, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
        report2.ok = false;
        report2.freshness = freshness.results.map(freshnessEntry);
        writePromoteFiles(session.project.targetPath, report2, { status: "failed", deployId: null, failures: failures2 });
        await state.finishRun(runId, "failed", runSummaryOf(report2, null, { failures: failures2 }));
        out("");
        out(`Not published: promote.require_fresh_sources${session.config.promote.requireFreshSources === "warn" ? ": warn" : ""} stops a deploy that reads a stale source. Nothing was built; production is unchanged. Stale:`);
        for (const failure of failures2) out(`  ${failure}`);
        return { status: "failed", deployId: null, plan, report: report2, failures: failures2 };
      }
      await dropEnvironmentSchemas(warehouse, audit);
      out("");
      out(`Write and audit: building ${plan.build.size} node${plan.build.size === 1 ? "" : "s"} into audit relations (${audit.schemaPrefix}*)`);
      const relocated = /* @__PURE__ */ new Map();
      const reuse = session.config.promote.reuse && !options.fullRefresh ? new ReuseOnMerge(session, warehouse, plan, fingerprints, await state.builds(), new InputVersions(warehouse)) : void 0;
      const diffs = new ModelDiffs(session, warehouse, audit, (node) => relocated.get(node.uniqueId));
      const impact = dataAwareImpact(session, warehouse, plan, audit, diffs);
      const summary = await buildIntoEnvironment(session, warehouse, plan, audit, { out, fullRefresh: options.fullRefresh, threads: options.threads, impact, reuse, relocated });
      if (impact) explainImpact(session, plan, impact);
      const unaffected = new Set(impact?.deferred.keys() ?? []);
      const reused = reuse?.reused ?? /* @__PURE__ */ new Map();
      const report = buildReport(session, plan, summary, { command: "promote", env: session.project.profile.targetName, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
      report.freshness = freshness.results.map(freshnessEntry);
      for (const model of report.models) {
        const build = reused.get(model.unique_id);
        if (build) Object.assign(model, { status: "built", reused_from: build.environment, reason: `reused from ${build.environment}: built and tested there on the same inputs` });
      }
      if (reuse) {
        if (reused.size) out(`  reused ${reused.size} table${reused.size === 1 ? "" : "s"} built and tested in pull requests' environments: ${[...reused.values()].map((build) => `${build.name} (${build.environment})`).join(", ")}`);
        for (const [id, why] of reuse.notReused) out(`  built ${session.graph.nodes.get(id).name} again: ${why}`);
      }
      const failures = summary.results.filter((result) => result.status === "error" || result.status === "fail" || result.status === "skipped").map((result) => `${result.node.resourceType === "test" || result.node.resourceType === "unit_test" ? "test" : result.node.resourceType} ${result.node.name}: ${result.status}${result.failures ? ` (${result.failures} failing row${result.failures === 1 ? "" : "s"})` : ""}`);
      if (failures.length) {
        report.ok = false;
        writePromoteFiles(session.project.targetPath, report, { status: "failed", deployId: null, failures });
        await dropEnvironmentSchemas(warehouse, audit);
        await state.finishRun(runId, "failed", runSummaryOf(report, summary, { failures }));
        out("");
        out("Not published: production is unchanged. What failed:");
        for (const failure of failures) out(`  ${failure}`);
        return { status: "failed", deployId: null, plan, report, failures };
      }
      const deployId = newDeployId();
      out("");
      out(`Publish: deploying ${plan.build.size} node${plan.build.size === 1 ? "" : "s"} to production as ${deployId}${unaffected.size ? ` (and recording ${unaffected.size} that read nothing that changed, left as they are)` : ""}`);
      useRelations(session, (node) => node.relation);
      const continues = interruptedDeployments(await state.deployments(PRODUCTION)).map((deployment) => deployment.deployId);
      if (continues.length) out(`  completing ${continues.join(", ")}, interrupted while publishing: a rollback of ${deployId} undoes ${continues.length === 1 ? "it" : "them"} too`);
      await publish(session, warehouse, state, { plan, audit, production, fingerprints, deployId, runId, gitSha: options.gitSha ?? null, continues, unaffected, reused, out });
      await pruneCopies(session, warehouse, plan);
      await dropEnvironmentSchemas(warehouse, audit);
      await state.finishRun(runId, "success", runSummaryOf(report, summary, { deployId }));
      const files = writePromoteFiles(session.project.targetPath, report, { status: "published", deployId, failures: [] });
      out(`Published ${deployId} to ${session.project.profile.targetName}. Undo it with: sluice rollback`);
      out(`Report: ${files.json} (and promote.md beside it)`);
      return { status: "published", deployId, plan, report, failures: [] };
    });
  } finally {
    await lock.release();
  }
}
function interruptedDeployments(deployments) {
  const completed = new Set(deployments.flatMap((deployment) => deployment.continues?.split(",") ?? []));
  return deployments.filter((deployment) => deployment.kind === "promote" && deployment.status === "publishing" && !completed.has(deployment.deployId));
}
var VERSIONS_SCHEMA = "sluice_versions";
function copyRelation(relation, deployId) {
  return { database: relation.database, schema: VERSIONS_SCHEMA, identifier: `${copyPrefix(relation)}${deployId}` };
}
function copyPrefix(relation) {
  return `${relation.schema}__${relation.identifier}__sluice_`;
}
function keepCopySql(dialect, relation, copy) {
  return [dialect.createSchema(copy.database, copy.schema), dialect.createTableAs(copy, `select * from ${dialect.relationName(relation)}`), dialect.dropRelation(relation, "table")];
}
function restoreCopySql(dialect, copy, relation) {
  if (copy.schema === relation.schema && (copy.database ?? "") === (relation.database ?? "")) return [dialect.renameRelation(copy, relation.identifier, "table")];
  return [dialect.createTableAs(relation, `select * from ${dialect.relationName(copy)}`), dialect.dropRelation(copy, "table")];
}
async function publish(session, warehouse, state, context) {
  const { dialect } = warehouse;
  const steps = [];
  const now = (/* @__PURE__ */ new Date()).toISOString();
  const schemas = /* @__PURE__ */ new Set();
  const relations = new RelationCache(warehouse);
  const history = warehouse.tableVersion && dialect.restoreTable ? warehouse.tableVersion.bind(warehouse) : void 0;
  for (const id of buildOrder(session.graph)) {
    const previousRow = context.production.get(id);
    if (context.unaffected.has(id) && previousRow) {
      const node2 = session.graph.nodes.get(id);
      const fingerprint2 = context.fingerprints.get(id);
      const existing = node2.config.materialized === "ephemeral" ? null : await relations.type(previousRow.relation);
      steps.push({
        node: node2,
        statements: [],
        model: {
          ...previousRow,
          fingerprint: storedFingerprint(fingerprint2),
          dataFingerprint: fingerprint2.data,
          gitSha: context.gitSha,
          runId: context.runId,
          deployId: context.deployId,
          deployedAt: now,
          restore: { previousType: existing, previous: { ...previousRow, restore: null }, stateOnly: true }
        }
      });
      continue;
    }
    if (!context.plan.build.has(id)) continue;
    const node = session.graph.nodes.get(id);
    const production = node.relation;
    const materialized = String(node.config.materialized);
    const previous = context.production.get(id) ?? null;
    const fingerprint = context.fingerprints.get(id);
    const builtAt = context.reused.get(id)?.relation ?? context.audit.relationFor(production);
    const statements = [];
    let compiledSql = node.compiledCode ?? "";
    let restore = { previousType: null, previous: previous ? { ...previous, restore: null } : null };
    if (materialized !== "ephemeral") {
      const schemaKey = `${production.database ?? ""}.${production.schema}`;
      if (!schemas.has(schemaKey)) {
        schemas.add(schemaKey);
        statements.push(dialect.createSchema(production.database, production.schema));
      }
      const existing = await relations.type(production);
      restore = { ...restore, previousType: existing };
      if (existing === "table" && history && materialized !== "view") {
        restore.version = await history(production);
        const retention = await warehouse.historyRetentionSeconds?.(production);
        const window = session.config.promote.rollbackWindowSeconds;
        if (retention !== void 0 && retention < window) {
          context.out(`  warning: ${node.name} keeps replaced files for ${describeSeconds(retention)} (delta.deletedFileRetentionDuration), less than promote.rollback_window (${describeSeconds(window)}): rolling this deploy back fails after that`);
        }
      } else if (existing === "table") {
        const copy = copyRelation(production, context.deployId);
        statements.push(...keepCopySql(dialect, production, copy));
        restore.copy = copy;
      } else if (existing === "view") {
        restore.viewSql = previous?.compiledSql || void 0;
        if (materialized !== "view" || !dialect.alterViewAs) statements.push(dialect.dropRelation(production, "view"));
      }
      const type = materialized === "view" ? "view" : "table";
      if (materialized === "view") {
        compiledSql = await compileSql({ renderer: session.renderer, nodes: session.graph.nodes, options: { warehouse } }, node);
        statements.push(viewStatement(dialect, production, compiledSql, dialect.alterViewAs ? existing : null));
      } else {
        const options = tableOptions(node, production, { inEnvironment: false });
        statements.push(dialect.createTableAs(production, `select * from ${dialect.relationName(builtAt)}`, options));
      }
      const keepsGrants = existing === type && (type === "table" || dialect.alterViewAs !== void 0);
      const after = await afterCreateStatements(warehouse, node, production, type, { inEnvironment: false }, { fresh: !keepsGrants, columnsFrom: builtAt });
      statements.push(...after);
    }
    const columns = materialized === "ephemeral" ? [] : await warehouse.getColumns(builtAt) ?? [];
    const model = {
      environment: PRODUCTION,
      uniqueId: id,
      name: node.name,
      resourceType: node.resourceType,
      materialized,
      relation: production,
      fingerprint: storedFingerprint(fingerprint),
      dataFingerprint: fingerprint.data,
      columns,
      compiledSql,
      gitSha: context.gitSha,
      runId: context.runId,
      deployId: context.deployId,
      deployedAt: now,
      restore
    };
    steps.push({ node, statements, model });
  }
  const deployment = {
    deployId: context.deployId,
    environment: PRODUCTION,
    kind: "promote",
    runId: context.runId,
    gitSha: context.gitSha,
    createdAt: now,
    status: "published",
    models: steps.map((step) => step.model),
    rollsBack: null,
    continues: context.continues.length ? context.continues.join(",") : null
  };
  const removedSql = state.removeModelsSql(PRODUCTION, context.plan.removed.map((model) => model.uniqueId));
  if (warehouse.transaction) {
    const statements = steps.flatMap((step) => [...step.statements, ...state.recordModelsSql([step.model])]);
    if (removedSql) statements.push(removedSql);
    statements.push(state.recordDeploymentSql(deployment));
    await warehouse.transaction(statements, (done) => checkFault("publish", done));
  } else {
    await warehouse.execute(state.recordDeploymentSql({ ...deployment, status: "publishing", models: [] }));
    for (const [index, step] of steps.entries()) {
      await warehouse.execute(state.updateDeploymentSql(context.deployId, deployment.models.slice(0, index + 1), "publishing"));
      for (const statement of step.statements) await warehouse.execute(statement);
      await state.recordModels([step.model]);
      checkFault("publish-step", index);
    }
    if (removedSql) await warehouse.execute(removedSql);
    await warehouse.execute(state.updateDeploymentSql(context.deployId, deployment.models, "published"));
  }
  for (const step of steps) {
    if (step.model.restore?.stateOnly) context.out(`  recorded ${step.node.name}: reads nothing that changed, production's is unchanged`);
    else context.out(`  published ${step.node.name}${context.reused.has(step.node.uniqueId) ? ` from ${context.reused.get(step.node.uniqueId).environment}` : ""}${step.model.restore?.copy ? " (previous version kept for rollback)" : ""}`);
  }
}
async function pruneCopies(session, warehouse, plan) {
  const keep = session.config.promote.keepVersions;
  const bySchema = /* @__PURE__ */ new Map();
  for (const id of plan.build) {
    const node = session.graph.nodes.get(id);
    if (node.config.materialized === "ephemeral") continue;
    const key = `${node.relation.database ?? ""}.${node.relation.schema}`;
    const entry = bySchema.get(key) ?? { relation: node.relation, identifiers: /* @__PURE__ */ new Set() };
    entry.identifiers.add(node.relation.identifier);
    bySchema.set(key, entry);
  }
  const versions = /* @__PURE__ */ new Map();
  for (const { relation, identifiers } of bySchema.values()) {
    const key = relation.database ?? "";
    if (!versions.has(key)) {
      const schemas = await warehouse.listSchemas(relation.database);
      versions.set(key, schemas.some((schema) => schema.toLowerCase() === VERSIONS_SCHEMA) ? await warehouse.listRelations(relation.database, VERSIONS_SCHEMA) : []);
    }
    const beside = await warehouse.listRelations(relation.database, relation.schema);
    for (const identifier of identifiers) {
      const prefix = copyPrefix({ ...relation, identifier });
      const copies = [
        ...versions.get(key).filter((candidate) => candidate.identifier.startsWith(`${prefix}d`)).map((candidate) => ({ relation: { database: relation.database, schema: VERSIONS_SCHEMA, identifier: candidate.identifier }, deployId: candidate.identifier.slice(prefix.length) })),
        ...beside.filter((candidate) => candidate.identifier.startsWith(`${identifier}__sluice_d`)).map((candidate) => ({ relation: { ...relation, identifier: candidate.identifier }, deployId: candidate.identifier.slice(`${identifier}__sluice_`.length) }))
      ].sort((a, b) => b.deployId.localeCompare(a.deployId));
      for (const old of copies.slice(keep)) await warehouse.execute(warehouse.dialect.dropRelation(old.relation, "table"));
    }
  }
}
function describeSeconds(seconds) {
  return seconds >= 86400 && seconds % 86400 === 0 ? `${seconds / 86400} day${seconds === 86400 ? "" : "s"}` : `${Math.round(seconds / 3600)} hour${Math.round(seconds / 3600) === 1 ? "" : "s"}`;
}

export {
  acquireDeployLock,
  checkFault,
  newDeployId,
  runPromote,
  interruptedDeployments,
  VERSIONS_SCHEMA,
  copyRelation,
  restoreCopySql
};
