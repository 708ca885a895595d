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
  newDeployId
} from "./chunk-TYBFSMQF.js";
import {
  FINGERPRINTED_TYPES,
  compileSql,
  fingerprintProject,
  readSeed,
  seedColumnSqlType
} from "./chunk-LJJURYQO.js";
import "./chunk-6V3BRGZ5.js";
import {
  buildOrder,
  snapshotMetaColumns,
  storedFingerprint,
  useRelations
} from "./chunk-ITBSQU2E.js";
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

// src/plan/adopt.ts
import { randomUUID } from "node:crypto";
function normalizeType(type) {
  const lower = type.toLowerCase().replace(/\s+/g, "");
  const base = /^(array|map|struct)[<(]/.exec(lower)?.[1];
  if (base) return base;
  const synonyms = { integer: "int", int4: "int", int32: "int", long: "bigint", int8: "bigint", int64: "bigint", varchar: "string", text: "string", "char": "string", float8: "double", real: "float", float4: "float", bool: "boolean", short: "smallint", int2: "smallint", int1: "tinyint", byte: "tinyint" };
  return synonyms[lower] ?? lower.replace(/^varchar\(\d+\)$/, "string");
}
function columnDifferences(expected, actual, options = {}) {
  const problems = [];
  const actualByName = new Map(actual.map((column) => [column.name.toLowerCase(), column]));
  const expectedNames = new Set(expected.map((column) => column.name.toLowerCase()));
  const missing = expected.filter((column) => !actualByName.has(column.name.toLowerCase())).map((column) => column.name);
  const extra = actual.filter((column) => !expectedNames.has(column.name.toLowerCase()) && !options.extraAllowed?.(column.name)).map((column) => column.name);
  if (missing.length) problems.push(`production lacks column${missing.length === 1 ? "" : "s"} ${missing.join(", ")} that the SQL returns`);
  if (extra.length) problems.push(`production has column${extra.length === 1 ? "" : "s"} ${extra.join(", ")} that the SQL does not return`);
  if (options.types !== false) {
    for (const column of expected) {
      const found = actualByName.get(column.name.toLowerCase());
      if (found && normalizeType(found.type) !== normalizeType(column.type)) problems.push(`column ${column.name} is ${found.type} in production, ${column.type} from the SQL`);
    }
  }
  return problems;
}
function expectedType(node) {
  const materialized = String(node.config.materialized);
  if (node.resourceType !== "model") return "table";
  if (materialized === "view") return "view";
  if (materialized === "table" || materialized === "incremental") return "table";
  return null;
}
async function runAdopt(session, warehouse, options) {
  const { out } = options;
  const state = stateStoreFor(session, warehouse);
  const already = await state.deployedModels(PRODUCTION);
  useRelations(session, (node) => node.relation);
  const fingerprints = await fingerprintProject(session, warehouse);
  const nodes = [];
  const records = [];
  const adoptionId = newDeployId();
  const runId = randomUUID();
  const now = (/* @__PURE__ */ new Date()).toISOString();
  for (const id of buildOrder(session.graph)) {
    const node = session.graph.nodes.get(id);
    if (!FINGERPRINTED_TYPES.has(node.resourceType) || !fingerprints.has(id)) continue;
    const entry = { name: node.name, uniqueId: id, status: "adopted", problems: [] };
    nodes.push(entry);
    if (already.has(id)) {
      entry.status = "already";
      continue;
    }
    const materialized = String(node.config.materialized);
    let columns = [];
    let compiledSql = "";
    if (materialized !== "ephemeral") {
      const type = await warehouse.getRelationType(node.relation);
      if (!type) {
        entry.status = "missing";
        entry.problems.push(`${warehouse.dialect.relationName(node.relation)} does not exist`);
        continue;
      }
      const wanted = expectedType(node);
      if (wanted && wanted !== type) entry.problems.push(`${warehouse.dialect.relationName(node.relation)} is a ${type}; the project makes a ${wanted}`);
      columns = await warehouse.getColumns(node.relation) ?? [];
      const check = await expectedColumns(session, warehouse, node);
      compiledSql = check.compiledSql;
      if (check.error) entry.problems.push(check.error);
      else if (check.columns) entry.problems.push(...columnDifferences(check.columns, columns, { extraAllowed: check.extraAllowed, types: check.types }));
      if (node.resourceType === "seed" && !entry.problems.length) {
        const rows = Number((await warehouse.query(`select count(*) as n from ${warehouse.dialect.relationName(node.relation)}`)).rows[0]?.n ?? 0);
        const csvRows = readSeed(node).rows.length;
        if (rows !== csvRows) entry.problems.push(`it has ${rows} row${rows === 1 ? "" : "s"}; the CSV has ${csvRows}`);
      }
      if (entry.problems.length) {
        entry.status = "mismatch";
        continue;
      }
    }
    const fingerprint = fingerprints.get(id);
    records.push({
      environment: PRODUCTION,
      uniqueId: id,
      name: node.name,
      resourceType: node.resourceType,
      materialized,
      relation: node.relation,
      fingerprint: storedFingerprint(fingerprint),
      dataFingerprint: fingerprint.data,
      columns,
      compiledSql,
      gitSha: options.gitSha ?? null,
      runId,
      deployId: adoptionId,
      deployedAt: now,
      // Nothing before the adoption is kept: a rollback of the adoption itself is refused (rollback.ts).
      restore: null
    });
  }
  reportAdoption(nodes, out, Boolean(options.dryRun));
  if (options.dryRun) return { adoptionId: null, nodes };
  if (!records.length) {
    out(nodes.every((node) => node.status === "already") ? "Nothing to adopt: Sluice already deploys every node of the project." : "Nothing was recorded: no node matched production.");
    return { adoptionId: null, nodes };
  }
  await state.ensure();
  const lock = await acquireDeployLock(state, { timeoutSeconds: session.config.promote.lockTimeoutSeconds, expirySeconds: session.config.promote.lockExpirySeconds, out });
  try {
    const deployment = {
      deployId: adoptionId,
      environment: PRODUCTION,
      kind: "adopt",
      runId,
      gitSha: options.gitSha ?? null,
      createdAt: now,
      status: "published",
      models: records.map((record) => ({ ...record, compiledSql: "" })),
      rollsBack: null,
      continues: null
    };
    const statements = [...state.recordModelsSql(records), state.recordDeploymentSql(deployment)];
    if (warehouse.transaction) await warehouse.transaction(statements);
    else for (const statement of statements) await warehouse.execute(statement);
  } finally {
    await lock.release();
  }
  out(`Adopted ${records.length} of ${nodes.length} node${nodes.length === 1 ? "" : "s"} as ${adoptionId}: the next pull request builds only what it changes, and diffs against these relations.`);
  return { adoptionId, nodes };
}
async function expectedColumns(session, warehouse, node) {
  const { dialect } = warehouse;
  if (node.resourceType === "seed") {
    const table = readSeed(node);
    return { columns: table.columns.map((column) => ({ name: column.name, type: seedColumnSqlType(column, dialect) })), compiledSql: "" };
  }
  if (node.language === "python") return { compiledSql: "" };
  let compiledSql;
  try {
    compiledSql = await compileSql({ renderer: session.renderer, nodes: session.graph.nodes, options: { warehouse, isIncremental: false } }, node);
  } catch (error) {
    if (error instanceof SluiceError) throw error;
    return { compiledSql: "", error: `its SQL did not render: ${error.message}` };
  }
  let probed;
  try {
    probed = (await warehouse.query(`select * from (
${compiledSql.trim().replace(/;\s*$/, "")}
) as sluice_adopt_probe where 1 = 0`)).columns;
  } catch (error) {
    return { compiledSql, error: `its SQL fails on production: ${error.message.split("\n")[0]}` };
  }
  if (node.resourceType === "snapshot") {
    const meta = new Set(Object.values(snapshotMetaColumns(node.config)).map((name) => name.toLowerCase()));
    return { columns: probed, compiledSql, extraAllowed: (name) => meta.has(name.toLowerCase()) };
  }
  return { columns: probed, compiledSql };
}
function reportAdoption(nodes, out, dryRun) {
  const width = Math.max(10, ...nodes.map((node) => node.name.length));
  const label = { adopted: dryRun ? "matches" : "adopted", already: "deployed", missing: "missing", mismatch: "differs" };
  for (const node of nodes) {
    const why = node.status === "already" ? "already in Sluice's state: left as it is" : node.problems.join("; ");
    out(`  ${label[node.status].padEnd(8)} ${why ? `${node.name.padEnd(width)}  ${why}` : node.name}`);
  }
  const skipped = nodes.filter((node) => node.status === "missing" || node.status === "mismatch");
  if (skipped.length) {
    out("");
    out(`Not ${dryRun ? "to be " : ""}recorded (${skipped.length}): ${skipped.map((node) => node.name).join(", ")}. The next pull request plans ${skipped.length === 1 ? "it" : "them"} as new and builds ${skipped.length === 1 ? "it" : "them"}; the next promote publishes ${skipped.length === 1 ? "it" : "them"} (an existing table is kept for rollback).`);
  }
  if (dryRun) out("Dry run: nothing was recorded.");
}
export {
  columnDifferences,
  normalizeType,
  runAdopt
};
