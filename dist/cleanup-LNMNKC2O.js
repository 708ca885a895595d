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
  guardedWarehouse
} from "./chunk-6V3BRGZ5.js";
import {
  AUDIT_ENVIRONMENT,
  dropEnvironmentSchemas,
  environmentOfSchema,
  pullRequestEnvironment
} from "./chunk-PQX6INGK.js";
import {
  stateStoreFor
} from "./chunk-LKMF6KYY.js";
import "./chunk-5FWABYZE.js";
import "./chunk-3BX4YTM4.js";

// src/plan/cleanup.ts
async function dropEnvironment(session, warehouse, name, out) {
  const environment = pullRequestEnvironment(name, session.config);
  const dropped = await dropEnvironmentSchemas(guardedWarehouse(warehouse, environment), environment);
  await stateStoreFor(session, warehouse).forgetEnvironment(name);
  if (dropped.length) out(`Dropped environment ${name}: ${dropped.join(", ")}`);
  else out(`Environment ${name} has no schemas: nothing to drop.`);
  return dropped;
}
async function listEnvironments(session, warehouse) {
  const names = /* @__PURE__ */ new Set();
  for (const schema of await warehouse.listSchemas(session.config.environments.catalog ?? void 0)) {
    const name = environmentOfSchema(schema, session.config);
    if (name && name !== AUDIT_ENVIRONMENT) names.add(name);
  }
  return [...names].sort();
}
async function runJanitor(session, warehouse, options) {
  const { out } = options;
  const ttl = options.olderThanSeconds ?? session.config.environments.ttlSeconds;
  const now = options.now ?? /* @__PURE__ */ new Date();
  const environments = await listEnvironments(session, warehouse);
  const runs = await stateStoreFor(session, warehouse).runs();
  const lastActive = /* @__PURE__ */ new Map();
  for (const run of runs) if ((lastActive.get(run.environment) ?? "") < run.startedAt) lastActive.set(run.environment, run.startedAt);
  const result = { dropped: [], kept: [] };
  for (const name of environments) {
    const number = /^pr_(\d+)$/.exec(name)?.[1];
    const closed = number !== void 0 && options.closedPullRequests?.has(Number(number));
    const last = lastActive.get(name);
    const ageSeconds = last ? (now.getTime() - Date.parse(last)) / 1e3 : void 0;
    let reason;
    if (closed) reason = `pull request #${number} is closed`;
    else if (ageSeconds !== void 0 && ageSeconds > ttl) reason = `last built ${formatAge(ageSeconds)} ago`;
    else if (ageSeconds === void 0) reason = void 0;
    if (!reason) {
      result.kept.push(name);
      out(`  keep ${name}${ageSeconds === void 0 ? " (no run recorded: age unknown)" : ` (last built ${formatAge(ageSeconds)} ago)`}`);
      continue;
    }
    if (options.dryRun) out(`  would drop ${name}: ${reason}`);
    else {
      out(`  drop ${name}: ${reason}`);
      await dropEnvironment(session, warehouse, name, (line) => out(`    ${line}`));
    }
    result.dropped.push(name);
  }
  out(`${options.dryRun ? "Dry run: would drop" : "Dropped"} ${result.dropped.length} environment${result.dropped.length === 1 ? "" : "s"}, kept ${result.kept.length}.`);
  return result;
}
function formatAge(seconds) {
  if (seconds >= 86400) return `${Math.floor(seconds / 86400)}d`;
  if (seconds >= 3600) return `${Math.floor(seconds / 3600)}h`;
  if (seconds >= 60) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds)}s`;
}
export {
  dropEnvironment,
  listEnvironments,
  runJanitor
};
