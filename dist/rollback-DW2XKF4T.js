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
  acquireDeployLock,
  checkFault,
  newDeployId,
  restoreCopySql
} from "./chunk-TYBFSMQF.js";
import "./chunk-LJJURYQO.js";
import "./chunk-6V3BRGZ5.js";
import "./chunk-ITBSQU2E.js";
import {
  PRODUCTION
} from "./chunk-PQX6INGK.js";
import "./chunk-M3UQV36C.js";
import "./chunk-OSLAW4OG.js";
import "./chunk-MMQEHTF6.js";
import "./chunk-CXFOSMQA.js";
import "./chunk-H6OTBMW3.js";
import "./chunk-Z4AALHN7.js";
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

// src/plan/rollback.ts
async function runRollback(session, warehouse, options) {
  const state = stateStoreFor(session, warehouse);
  if (!await state.exists()) throw new SluiceError("Nothing to roll back: production has never been deployed by Sluice", { hint: "deploy first with sluice promote" });
  const lock = await acquireDeployLock(state, { timeoutSeconds: session.config.promote.lockTimeoutSeconds, expirySeconds: session.config.promote.lockExpirySeconds, out: options.out });
  try {
    const all = await state.deployments(PRODUCTION);
    const completed = new Set(all.flatMap((deployment) => deployment.continues?.split(",") ?? []));
    const published = all.filter((deployment) => deployment.kind === "promote" && (deployment.status === "published" || deployment.status === "publishing") && !completed.has(deployment.deployId)).reverse();
    const adoption = [...all].reverse().find((deployment) => deployment.kind === "adopt");
    const adoptions = new Set(all.filter((deployment) => deployment.kind === "adopt").map((deployment) => deployment.deployId));
    if (options.to && options.to === adoption?.deployId) throw adoptionBoundary(adoption, published.length > 0);
    if (!published.length) {
      if (adoption) throw adoptionBoundary(adoption, false);
      throw new SluiceError("Nothing to roll back: no published deployment is left to undo", { hint: "sluice deployments lists what was deployed and rolled back" });
    }
    let chosen;
    if (options.to) {
      const index = published.findIndex((deployment) => deployment.deployId === options.to);
      if (index < 0) {
        throw new SluiceError(`Deployment '${options.to}' is not a published deployment that can be undone`, {
          hint: `published deployments: ${published.map((deployment) => deployment.deployId).join(", ")}`
        });
      }
      chosen = published.slice(0, index + 1);
    } else chosen = [published[0]];
    const undo = withCompleted(chosen, all);
    await checkRestorable(session, warehouse, undo);
    const { dialect } = warehouse;
    const statements = [];
    const restored = /* @__PURE__ */ new Map();
    const actions = /* @__PURE__ */ new Map();
    const removedIds = [];
    const typeNow = /* @__PURE__ */ new Map();
    for (const deployment of undo) {
      for (const model of [...deployment.models].reverse()) {
        const restore = model.restore;
        const current = model.relation;
        const materialized = model.materialized;
        if (restore?.stateOnly) {
          actions.set(model.uniqueId, `state restored: ${deployment.deployId} did not change its ${materialized === "view" ? "view" : "table"}`);
        } else if (materialized !== "ephemeral") {
          const currentType = typeNow.has(model.uniqueId) ? typeNow.get(model.uniqueId) : await warehouse.getRelationType(current);
          typeNow.set(model.uniqueId, restore?.previousType ?? null);
          if (restore?.copy) {
            if (!await warehouse.getRelationType(restore.copy)) {
              throw new SluiceError(`The version of '${model.name}' before ${deployment.deployId} is no longer kept`, {
                hint: `Sluice keeps ${session.config.promote.keepVersions} previous version(s) per model (promote.keep_versions in sluice.yml)`
              });
            }
            if (currentType) statements.push(dialect.dropRelation(current, currentType));
            statements.push(...restoreCopySql(dialect, restore.copy, current));
            actions.set(model.uniqueId, `restored the table as it was before ${deployment.deployId}${sinceAdoption(restore, adoptions)}`);
          } else if (restore?.version !== void 0 && dialect.restoreTable) {
            if (currentType === "view") {
              throw new SluiceError(`Cannot restore '${model.name}': it was a table before ${deployment.deployId} and is a view now`, {
                hint: "restore the table from its Delta history by hand (UNDROP / RESTORE), then run promote again"
              });
            }
            statements.push(dialect.restoreTable(current, restore.version));
            actions.set(model.uniqueId, `restored Delta version ${restore.version}, as it was before ${deployment.deployId}${sinceAdoption(restore, adoptions)}`);
          } else if (restore?.previousType === "view" && restore.viewSql) {
            if (currentType === "view" && dialect.alterViewAs) statements.push(dialect.alterViewAs(current, restore.viewSql));
            else {
              if (currentType) statements.push(dialect.dropRelation(current, currentType));
              statements.push(dialect.createViewAs(current, restore.viewSql));
            }
            actions.set(model.uniqueId, `restored the view's SQL from before ${deployment.deployId}${sinceAdoption(restore, adoptions)}`);
          } else if (!restore || restore.previousType === null) {
            if (currentType) statements.push(dialect.dropRelation(current, currentType));
            actions.set(model.uniqueId, `dropped: it was new in ${deployment.deployId} (production had no ${model.name} before)`);
          } else {
            throw new SluiceError(`Cannot restore '${model.name}': production had a ${restore.previousType} there before ${deployment.deployId} that Sluice had not recorded, so its earlier version was not kept; nothing was changed`, {
              hint: `run sluice adopt before the first deploy so that Sluice records what production has; to undo ${deployment.deployId} now, revert the change in git and promote again`
            });
          }
        }
        restored.set(model.uniqueId, restore?.previous ?? null);
      }
    }
    const rows = [];
    for (const [uniqueId, previous] of restored) {
      if (previous) rows.push(previous);
      else removedIds.push(uniqueId);
    }
    const deployId = newDeployId();
    const record = {
      deployId,
      environment: PRODUCTION,
      kind: "rollback",
      runId: deployId,
      gitSha: null,
      createdAt: (/* @__PURE__ */ new Date()).toISOString(),
      status: "published",
      models: rows,
      rollsBack: undo.map((deployment) => deployment.deployId).join(","),
      continues: null
    };
    const stateStatements = [
      ...removedIds.length ? [state.removeModelsSql(PRODUCTION, removedIds)] : [],
      ...rows.length ? state.recordModelsSql(rows) : [],
      ...undo.map((deployment) => state.markRolledBackSql(deployment.deployId)),
      state.recordDeploymentSql(record)
    ];
    if (warehouse.transaction) {
      await warehouse.transaction([...statements, ...stateStatements], (done) => checkFault("rollback", done));
    } else {
      for (const statement of [...statements, ...stateStatements]) await warehouse.execute(statement);
    }
    const nameOf = (id) => session.graph.nodes.get(id)?.name ?? id.split(".").pop();
    const names = [...restored.keys()].map(nameOf);
    const dropped = [...actions.values()].filter((action) => action.startsWith("dropped")).length;
    const first = dropped > 0 && dropped === actions.size ? ` — the first deployment: its ${dropped} model${dropped === 1 ? "" : "s"} did not exist before, so rolling back drops ${dropped === 1 ? "it" : "them"}` : "";
    options.out(`Rolled back ${undo.map((deployment) => deployment.deployId).join(", ")}${first} (recorded as ${deployId}):`);
    const width = Math.max(10, ...names.map((name) => name.length));
    for (const id of restored.keys()) options.out(`  ${nameOf(id).padEnd(width)}  ${actions.get(id) ?? "state restored (ephemeral: nothing in the warehouse)"}`);
    return { deployId, undone: undo.map((deployment) => deployment.deployId), models: names };
  } finally {
    await lock.release();
  }
}
function adoptionBoundary(adoption, later) {
  return new SluiceError(
    `Nothing to roll back${later ? " to" : ""}: production was adopted as ${adoption.deployId} (${adoption.createdAt}, ${adoption.models.length} model${adoption.models.length === 1 ? "" : "s"} recorded as they were)${later ? "" : ", and nothing has been deployed since"}. Sluice keeps no version from before the adoption, so it cannot restore one.`,
    { hint: later ? "roll back the deployments after it (sluice rollback, or --to the first one after the adoption) to return to production as adopted" : "after the next promote, sluice rollback restores production as adopted" }
  );
}
function sinceAdoption(restore, adoptions) {
  const from = restore.previous?.deployId;
  return from && adoptions.has(from) ? ` (production as adopted in ${from})` : "";
}
function withCompleted(chosen, all) {
  const byId = new Map(all.map((deployment) => [deployment.deployId, deployment]));
  const undo = [];
  const seen = /* @__PURE__ */ new Set();
  const add = (deployment) => {
    if (seen.has(deployment.deployId)) return;
    seen.add(deployment.deployId);
    undo.push(deployment);
    for (const id of deployment.continues?.split(",") ?? []) {
      const earlier = byId.get(id);
      if (earlier) add(earlier);
    }
  };
  for (const deployment of chosen) add(deployment);
  return undo;
}
async function checkRestorable(session, warehouse, undo) {
  if (!warehouse.restoreProblem) return;
  const problems = [];
  for (const deployment of undo) {
    for (const model of deployment.models) {
      if (model.restore?.version === void 0 || model.materialized === "ephemeral" || model.materialized === "view") continue;
      const problem = await warehouse.restoreProblem(model.relation, model.restore.version);
      if (problem) problems.push(`${model.name} (before ${deployment.deployId}): ${problem}`);
    }
  }
  if (!problems.length) return;
  throw new SluiceError(`Cannot roll back: ${problems.length === 1 ? "a version it needs is" : "versions it needs are"} no longer restorable, so nothing was changed:
  ${problems.join("\n  ")}`, {
    hint: `roll forward instead (revert the change in git and merge: promote rebuilds what changed), or restore by hand from a backup; to keep rollback possible for longer, raise the tables' delta.deletedFileRetentionDuration (promote warns when it is shorter than promote.rollback_window, now ${Math.round(session.config.promote.rollbackWindowSeconds / 86400)} days)`
  });
}
export {
  runRollback
};
