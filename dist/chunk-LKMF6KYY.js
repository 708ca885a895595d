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
  SluiceError
} from "./chunk-5FWABYZE.js";

// src/plan/state-store.ts
import { hostname } from "node:os";
var STATE_SCHEMA_VERSION = 2;
var TABLES = {
  sluice_meta: ["key", "value"],
  models: ["environment", "unique_id", "name", "resource_type", "materialized", "database_name", "schema_name", "identifier", "fingerprint", "data_fingerprint", "columns_json", "compiled_sql", "git_sha", "run_id", "deploy_id", "deployed_at", "restore_json"],
  runs: ["run_id", "environment", "kind", "status", "started_at", "ended_at", "summary_json"],
  deployments: ["deploy_id", "environment", "kind", "run_id", "git_sha", "created_at", "status", "models_json", "rolls_back", "continues"],
  locks: ["name", "holder", "pid", "host", "acquired_at", "heartbeat_at"],
  builds: ["environment", "unique_id", "name", "fingerprint", "data_fingerprint", "database_name", "schema_name", "identifier", "table_version", "inputs_json", "run_id", "git_sha", "built_at"]
};
function stateStoreFor(session, warehouse) {
  const database = session.project.profile.target.database ?? void 0;
  return new StateStore(warehouse, session.config.state.schema, database);
}
var StateStore = class {
  constructor(warehouse, schema, database) {
    this.warehouse = warehouse;
    this.schema = schema;
    this.database = database;
  }
  warehouse;
  schema;
  database;
  ready = false;
  table(name) {
    return this.warehouse.dialect.relationName({ database: this.database, schema: this.schema, identifier: name });
  }
  literal(value) {
    return this.warehouse.dialect.literal(value === void 0 ? null : value);
  }
  /** Whether the state schema exists at all (a production that was never deployed has none). */
  async exists() {
    const schemas = await this.warehouse.listSchemas(this.database);
    return schemas.some((schema) => schema.toLowerCase() === this.schema.toLowerCase());
  }
  /** Creates the schema and tables on first use; checks the version on every use. */
  async ensure() {
    if (this.ready) return;
    const { dialect } = this.warehouse;
    await this.warehouse.execute(dialect.createSchema(this.database, this.schema));
    for (const [table, columns] of Object.entries(TABLES)) {
      const definition = columns.map((column) => `${dialect.quoteIdentifier(column)} ${column === "pid" ? "bigint" : "string"}`).join(", ");
      await this.warehouse.execute(`create table if not exists ${this.table(table)} (${definition})`);
    }
    const stored = await this.warehouse.query(`select value from ${this.table("sluice_meta")} where key = 'schema_version'`);
    if (!stored.rows.length) {
      await this.warehouse.execute(`insert into ${this.table("sluice_meta")} (key, value) values ('schema_version', ${this.literal(String(STATE_SCHEMA_VERSION))})`);
    } else {
      const version = Number(stored.rows[0].value);
      if (version < STATE_SCHEMA_VERSION) await this.migrate(version);
      if (version > STATE_SCHEMA_VERSION) {
        throw new SluiceError(`The state in schema '${this.schema}' was written by a newer Sluice (state version ${version}; this Sluice knows up to ${STATE_SCHEMA_VERSION})`, {
          hint: "upgrade Sluice: an older one must not change state it does not understand"
        });
      }
    }
    this.ready = true;
  }
  /** Brings state written by an older Sluice up to this one's schema version. */
  async migrate(from) {
    const { dialect } = this.warehouse;
    if (from < 2) {
      const columns = await this.warehouse.getColumns({ database: this.database, schema: this.schema, identifier: "deployments" });
      if (!columns?.some((column) => column.name.toLowerCase() === "continues")) {
        await this.warehouse.execute(`alter table ${this.table("deployments")} add column ${dialect.quoteIdentifier("continues")} string`);
      }
    }
    await this.warehouse.execute(`update ${this.table("sluice_meta")} set value = ${this.literal(String(STATE_SCHEMA_VERSION))} where key = 'schema_version'`);
  }
  // ---- deployed models -----------------------------------------------------------------------------
  async deployedModels(environment) {
    if (!await this.exists()) return /* @__PURE__ */ new Map();
    await this.ensure();
    const result = await this.warehouse.query(`select * from ${this.table("models")} where environment = ${this.literal(environment)}`);
    return new Map(result.rows.map((row) => [String(row.unique_id), modelFromRow(row)]));
  }
  /** Replaces the state rows of these models. */
  async recordModels(models) {
    if (!models.length) return;
    await this.ensure();
    for (const statement of this.recordModelsSql(models)) await this.warehouse.execute(statement);
  }
  /** The statements (one per request, as Databricks wants) that replace the state rows of these models. */
  recordModelsSql(models) {
    const byEnvironment = /* @__PURE__ */ new Map();
    for (const model of models) byEnvironment.set(model.environment, [...byEnvironment.get(model.environment) ?? [], model.uniqueId]);
    const deletes = [...byEnvironment.entries()].map(
      ([environment, ids]) => `delete from ${this.table("models")} where environment = ${this.literal(environment)} and unique_id in (${ids.map((id) => this.literal(id)).join(", ")})`
    );
    const rows = models.map((model) => `(${modelToRow(model).map((value) => this.literal(value)).join(", ")})`);
    return [...deletes, `insert into ${this.table("models")} (${TABLES.models.join(", ")}) values ${rows.join(", ")}`];
  }
  removeModelsSql(environment, uniqueIds) {
    if (!uniqueIds.length) return "";
    return `delete from ${this.table("models")} where environment = ${this.literal(environment)} and unique_id in (${uniqueIds.map((id) => this.literal(id)).join(", ")})`;
  }
  async forgetEnvironment(environment) {
    if (!await this.exists()) return;
    await this.ensure();
    await this.warehouse.execute(`delete from ${this.table("models")} where environment = ${this.literal(environment)}`);
    await this.warehouse.execute(`delete from ${this.table("builds")} where environment = ${this.literal(environment)}`);
  }
  // ---- tested builds of pull requests' environments -------------------------------------------------
  /** Replaces what an environment's runs built and tested with what its latest run did. */
  async recordBuilds(environment, builds) {
    await this.ensure();
    await this.warehouse.execute(`delete from ${this.table("builds")} where environment = ${this.literal(environment)}`);
    if (!builds.length) return;
    const rows = builds.map(
      (build) => `(${[build.environment, build.uniqueId, build.name, build.fingerprint, build.dataFingerprint, build.relation.database ?? null, build.relation.schema, build.relation.identifier, build.tableVersion, JSON.stringify(build.inputs), build.runId, build.gitSha, build.builtAt].map((value) => this.literal(value)).join(", ")})`
    );
    await this.warehouse.execute(`insert into ${this.table("builds")} (${TABLES.builds.join(", ")}) values ${rows.join(", ")}`);
  }
  /** Every tested build of every environment, the newest first. */
  async builds() {
    if (!await this.exists()) return [];
    await this.ensure();
    const result = await this.warehouse.query(`select * from ${this.table("builds")} order by built_at desc`);
    return result.rows.map((row) => ({
      environment: String(row.environment),
      uniqueId: String(row.unique_id),
      name: String(row.name),
      fingerprint: String(row.fingerprint),
      dataFingerprint: String(row.data_fingerprint),
      relation: { database: row.database_name === null ? void 0 : String(row.database_name), schema: String(row.schema_name), identifier: String(row.identifier) },
      tableVersion: String(row.table_version),
      inputs: JSON.parse(String(row.inputs_json)),
      runId: String(row.run_id),
      gitSha: row.git_sha === null ? null : String(row.git_sha),
      builtAt: String(row.built_at)
    }));
  }
  // ---- runs ------------------------------------------------------------------------------------------
  async startRun(run) {
    await this.ensure();
    await this.warehouse.execute(
      `insert into ${this.table("runs")} (run_id, environment, kind, status, started_at, ended_at, summary_json) values (${[run.runId, run.environment, run.kind, "running", run.startedAt, null, "{}"].map((value) => this.literal(value)).join(", ")})`
    );
  }
  async finishRun(runId, status, summary) {
    await this.ensure();
    await this.warehouse.execute(
      `update ${this.table("runs")} set status = ${this.literal(status)}, ended_at = ${this.literal((/* @__PURE__ */ new Date()).toISOString())}, summary_json = ${this.literal(JSON.stringify(summary))} where run_id = ${this.literal(runId)}`
    );
  }
  /**
   * Runs `work` as the run `runId` (already started): a run that throws is recorded as failed with its
   * error instead of staying `running` forever. Recording it is best effort: the warehouse may be the
   * reason it failed.
   */
  async closingRun(runId, work) {
    try {
      return await work();
    } catch (error) {
      await this.finishRun(runId, "failed", { error: error instanceof Error ? error.message : String(error) }).catch(() => void 0);
      throw error;
    }
  }
  /** Oldest first; with `limit`, the most recent ones only. */
  async runs(environment, limit) {
    if (!await this.exists()) return [];
    await this.ensure();
    const where = environment ? ` where environment = ${this.literal(environment)}` : "";
    const recent = limit === void 0 ? "" : ` desc limit ${Math.floor(limit)}`;
    const result = await this.warehouse.query(`select * from ${this.table("runs")}${where} order by started_at${recent}`);
    if (limit !== void 0) result.rows.reverse();
    return result.rows.map((row) => ({
      runId: String(row.run_id),
      environment: String(row.environment),
      kind: String(row.kind),
      status: String(row.status),
      startedAt: String(row.started_at),
      endedAt: row.ended_at === null ? null : String(row.ended_at),
      summary: JSON.parse(String(row.summary_json ?? "{}"))
    }));
  }
  // ---- deployments -----------------------------------------------------------------------------------
  recordDeploymentSql(deployment) {
    const values = [
      deployment.deployId,
      deployment.environment,
      deployment.kind,
      deployment.runId,
      deployment.gitSha,
      deployment.createdAt,
      deployment.status,
      JSON.stringify(deployment.models),
      deployment.rollsBack,
      deployment.continues
    ];
    return `insert into ${this.table("deployments")} (${TABLES.deployments.join(", ")}) values (${values.map((value) => this.literal(value)).join(", ")})`;
  }
  /** A publishing deployment's models so far, and its status. */
  updateDeploymentSql(deployId, models, status) {
    return `update ${this.table("deployments")} set models_json = ${this.literal(JSON.stringify(models))}, status = ${this.literal(status)} where deploy_id = ${this.literal(deployId)}`;
  }
  markRolledBackSql(deployId) {
    return `update ${this.table("deployments")} set status = 'rolled_back' where deploy_id = ${this.literal(deployId)}`;
  }
  async deployments(environment) {
    if (!await this.exists()) return [];
    await this.ensure();
    const result = await this.warehouse.query(`select * from ${this.table("deployments")} where environment = ${this.literal(environment)} order by created_at, deploy_id`);
    return result.rows.map((row) => ({
      deployId: String(row.deploy_id),
      environment: String(row.environment),
      kind: String(row.kind),
      runId: String(row.run_id),
      gitSha: row.git_sha === null ? null : String(row.git_sha),
      createdAt: String(row.created_at),
      status: String(row.status),
      models: JSON.parse(String(row.models_json)),
      rollsBack: row.rolls_back === null ? null : String(row.rolls_back),
      continues: row.continues === null || row.continues === void 0 ? null : String(row.continues)
    }));
  }
  // ---- the lock --------------------------------------------------------------------------------------
  async lockHolder(name) {
    await this.ensure();
    const result = await this.warehouse.query(`select * from ${this.table("locks")} where name = ${this.literal(name)} order by acquired_at, holder`);
    const row = result.rows[0];
    return row ? { holder: String(row.holder), pid: Number(row.pid), host: String(row.host), acquiredAt: String(row.acquired_at), heartbeatAt: String(row.heartbeat_at) } : null;
  }
  /**
   * Tries once to take the lock: clears an expired holder, inserts this holder if there is none, and
   * reads back who holds it (when two insert at once, the earliest row wins and the other withdraws).
   */
  async tryLock(name, holder, expirySeconds) {
    await this.ensure();
    const now = /* @__PURE__ */ new Date();
    const expiredBefore = new Date(now.getTime() - expirySeconds * 1e3).toISOString();
    await this.warehouse.execute(`delete from ${this.table("locks")} where name = ${this.literal(name)} and heartbeat_at < ${this.literal(expiredBefore)}`);
    const stamp = now.toISOString();
    await this.warehouse.execute(
      `insert into ${this.table("locks")} (name, holder, pid, host, acquired_at, heartbeat_at) select ${[name, holder].map((value) => this.literal(value)).join(", ")}, ${process.pid}, ${this.literal(hostname())}, ${this.literal(stamp)}, ${this.literal(stamp)} where not exists (select 1 from ${this.table("locks")} where name = ${this.literal(name)})`
    );
    const current = await this.lockHolder(name);
    if (current && current.holder !== holder) {
      await this.warehouse.execute(`delete from ${this.table("locks")} where name = ${this.literal(name)} and holder = ${this.literal(holder)}`);
      return current;
    }
    return null;
  }
  async heartbeat(name, holder) {
    await this.warehouse.execute(`update ${this.table("locks")} set heartbeat_at = ${this.literal((/* @__PURE__ */ new Date()).toISOString())} where name = ${this.literal(name)} and holder = ${this.literal(holder)}`);
  }
  async unlock(name, holder) {
    await this.ensure();
    const who = holder ? ` and holder = ${this.literal(holder)}` : "";
    await this.warehouse.execute(`delete from ${this.table("locks")} where name = ${this.literal(name)}${who}`);
  }
};
function modelToRow(model) {
  return [
    model.environment,
    model.uniqueId,
    model.name,
    model.resourceType,
    model.materialized,
    model.relation.database ?? null,
    model.relation.schema,
    model.relation.identifier,
    model.fingerprint,
    model.dataFingerprint,
    JSON.stringify(model.columns),
    model.compiledSql,
    model.gitSha,
    model.runId,
    model.deployId,
    model.deployedAt,
    model.restore ? JSON.stringify(model.restore) : null
  ];
}
function modelFromRow(row) {
  return {
    environment: String(row.environment),
    uniqueId: String(row.unique_id),
    name: String(row.name),
    resourceType: String(row.resource_type),
    materialized: String(row.materialized),
    relation: { database: row.database_name === null ? void 0 : String(row.database_name), schema: String(row.schema_name), identifier: String(row.identifier) },
    fingerprint: String(row.fingerprint),
    dataFingerprint: String(row.data_fingerprint),
    columns: JSON.parse(String(row.columns_json ?? "[]")),
    compiledSql: String(row.compiled_sql ?? ""),
    gitSha: row.git_sha === null ? null : String(row.git_sha),
    runId: String(row.run_id),
    deployId: row.deploy_id === null ? null : String(row.deploy_id),
    deployedAt: String(row.deployed_at),
    restore: row.restore_json === null || row.restore_json === void 0 ? null : JSON.parse(String(row.restore_json))
  };
}

export {
  STATE_SCHEMA_VERSION,
  stateStoreFor,
  StateStore
};
