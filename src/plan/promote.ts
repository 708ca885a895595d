/**
 * `sluice promote` (what runs on merge): write → audit → publish. Under the deploy lock, check the
 * freshness of the sources it reads (`promote.require_fresh_sources` can stop it there, before anything
 * is built), build what changed into audit relations, run the tests there, and only if every
 * error-level test passed publish to production — in one transaction where the warehouse has them (DuckDB, keeping a copy of each
 * previous table for rollback), otherwise model by model (Databricks: each table replaced atomically with
 * `CREATE OR REPLACE`, its Delta version recorded first), with its state row right after it, so that a
 * crash leaves each model old or new, the state saying which, and running promote again converges.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { compileSql } from '../execute/compile-node.js';
import { viewStatement } from '../execute/materializations.js';
import { afterCreateStatements, tableOptions } from '../execute/relation-config.js';
import { RelationCache } from '../execute/relation-cache.js';
import { buildOrder } from '../graph/build-order.js';
import { fingerprintProject, type Fingerprint } from '../graph/fingerprint.js';
import type { Node } from '../project/types.js';
import type { Report } from '../report/report-json.js';
import { writePromoteFiles } from '../report/write-report.js';
import { useRelations, type Session } from '../session.js';
import type { Relation, SqlDialect, Warehouse } from '../warehouse/warehouse.js';
import { stateStoreFor } from './state-store.js';
import { acquireDeployLock } from './deploy-lock.js';
import { buildIntoEnvironment, modifiedIncrementals } from './environment-build.js';
import { AUDIT_ENVIRONMENT, dropEnvironmentSchemas, PRODUCTION, pullRequestEnvironment, type Environment } from './environment.js';
import { checkFault } from './faults.js';
import { formatPlan, planChanges, storedFingerprint, type Plan } from './plan.js';
import { buildReport } from './report-model.js';
import { dataAwareImpact, explainImpact } from './impact.js';
import { ModelDiffs } from './diff-models.js';
import { runSummaryOf } from '../report/run-summary.js';
import { InputVersions, ReuseOnMerge } from './reuse.js';
import { guardedWarehouse } from './guard.js';
import { freshnessEntry } from '../freshness/check-freshness.js';
import { blockingChecks, checkSourcesRead } from '../freshness/source-freshness.js';
import { describeFreshness } from '../report/freshness-section.js';
import type { DeployedModel, DeploymentRecord, RestoreInfo, StateStore, TestedBuild } from './state-store.js';


export interface PromoteOptions {
  out: (line: string) => void;
  fullRefresh?: boolean;
  forceUnlock?: boolean;
  gitSha?: string | null;
  threads?: number;
}

export interface PromoteResult {
  status: 'published' | 'up_to_date' | 'failed';
  deployId: string | null;
  plan: Plan;
  report: Report | null;
  failures: string[];
}

/** Deploy ids sort by time: `d20261129T010203Z-1a2b`. */
export function newDeployId(now = new Date()): string {
  // The suffix starts with the milliseconds (3 hex digits), so that two deploys in one second still sort by time.
  return `d${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}-${now.getUTCMilliseconds().toString(16).padStart(3, '0')}${randomBytes(1).toString('hex')[0]}`;
}

export async function runPromote(session: Session, warehouse: Warehouse, options: PromoteOptions): Promise<PromoteResult> {
  const { out } = options;
  const state = stateStoreFor(session, warehouse);
  await state.ensure();
  if (options.forceUnlock) {
    await state.unlock('deploy');
    out('Removed the deploy lock (--force-unlock).');
  }
  const lock = await acquireDeployLock(state, { timeoutSeconds: session.config.promote.lockTimeoutSeconds, expirySeconds: session.config.promote.lockExpirySeconds, out });
  const runId = randomUUID();
  const audit = pullRequestEnvironment(AUDIT_ENVIRONMENT, session.config);
  try {
    const production = await state.deployedModels(PRODUCTION);
    const fingerprints = await fingerprintProject(session, warehouse);
    const plan = planChanges(session, fingerprints, production);
    for (const line of formatPlan(plan, PRODUCTION)) out(line);
    if (!options.fullRefresh) {
      // What publishing a changed incremental model means: production's table, continued.
      for (const id of modifiedIncrementals(session, plan)) {
        out(`  note: ${session.graph.nodes.get(id)!.name} is incremental: production's table is continued with the new logic for new rows only; its history is not rebuilt (promote --full-refresh rebuilds it)`);
      }
    }
    if (!plan.build.size && !plan.removed.length) {
      const unchanged = buildReport(session, plan, { command: 'build', results: [], elapsedSeconds: 0, ok: true }, { command: 'promote', env: session.project.profile.targetName, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
      writePromoteFiles(session.project.targetPath, unchanged, { status: 'up_to_date', deployId: null, failures: [] });
      out('Production is up to date: nothing to deploy.');
      return { status: 'up_to_date', deployId: null, plan, report: null, failures: [] };
    }
    // Source freshness before anything is built, so that the deploy gate stops with production untouched.
    const freshness = await checkSourcesRead(session, guardedWarehouse(warehouse, audit), plan.build, { threads: options.threads, out });
    await state.startRun({ runId, environment: PRODUCTION, kind: 'promote', startedAt: new Date().toISOString() });
    // A promote that throws from here on is recorded as failed, not left running.
    return await state.closingRun(runId, async () => {
      const stale = blockingChecks(freshness, session.config.promote.requireFreshSources);
      if (stale.length) {
        const failures = stale.map((check) => describeFreshness(freshnessEntry(check)));
        const report = buildReport(session, plan, { command: 'build', results: [], elapsedSeconds: 0, ok: false }, { command: 'promote', env: session.project.profile.targetName, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
        report.ok = false;
        report.freshness = freshness.results.map(freshnessEntry);
        writePromoteFiles(session.project.targetPath, report, { status: 'failed', deployId: null, failures });
        await state.finishRun(runId, 'failed', runSummaryOf(report, null, { failures }));
        out('');
        out(`Not published: promote.require_fresh_sources${session.config.promote.requireFreshSources === 'warn' ? ': warn' : ''} stops a deploy that reads a stale source. Nothing was built; production is unchanged. Stale:`);
        for (const failure of failures) out(`  ${failure}`);
        return { status: 'failed', deployId: null, plan, report, failures };
      }
      // Leftovers of an earlier promote that died are not this one's audit.
      await dropEnvironmentSchemas(warehouse, audit);
      out('');
      out(`Write and audit: building ${plan.build.size} node${plan.build.size === 1 ? '' : 's'} into audit relations (${audit.schemaPrefix}*)`);
      // Data-aware impact, as in ci: what reads nothing that changed keeps production's table, and only its state moves on.
      // Reuse: a table a pull request built and tested, with the same fingerprints, on the same production inputs, is published as it is.
      const relocated = new Map<string, Relation>();
      const reuse = session.config.promote.reuse && !options.fullRefresh ? new ReuseOnMerge(session, warehouse, plan, fingerprints, await state.builds(), new InputVersions(warehouse)) : undefined;
      const diffs = new ModelDiffs(session, warehouse, audit, (node) => relocated.get(node.uniqueId));
      const impact = dataAwareImpact(session, warehouse, plan, audit, diffs);
      const summary = await buildIntoEnvironment(session, warehouse, plan, audit, { out, fullRefresh: options.fullRefresh, threads: options.threads, impact, reuse, relocated });
      if (impact) explainImpact(session, plan, impact);
      const unaffected = new Set(impact?.deferred.keys() ?? []);
      const reused = reuse?.reused ?? new Map<string, TestedBuild>();
      const report = buildReport(session, plan, summary, { command: 'promote', env: session.project.profile.targetName, runId, relationName: (relation) => warehouse.dialect.relationName(relation) });
      report.freshness = freshness.results.map(freshnessEntry);
      for (const model of report.models) {
        const build = reused.get(model.unique_id);
        if (build) Object.assign(model, { status: 'built', reused_from: build.environment, reason: `reused from ${build.environment}: built and tested there on the same inputs` });
      }
      if (reuse) {
        if (reused.size) out(`  reused ${reused.size} table${reused.size === 1 ? '' : 's'} built and tested in pull requests' environments: ${[...reused.values()].map((build) => `${build.name} (${build.environment})`).join(', ')}`);
        for (const [id, why] of reuse.notReused) out(`  built ${session.graph.nodes.get(id)!.name} again: ${why}`);
      }
      const failures = summary.results
        .filter((result) => result.status === 'error' || result.status === 'fail' || result.status === 'skipped')
        .map((result) => `${result.node.resourceType === 'test' || result.node.resourceType === 'unit_test' ? 'test' : result.node.resourceType} ${result.node.name}: ${result.status}${result.failures ? ` (${result.failures} failing row${result.failures === 1 ? '' : 's'})` : ''}`);
      if (failures.length) {
        report.ok = false;
        writePromoteFiles(session.project.targetPath, report, { status: 'failed', deployId: null, failures });
        await dropEnvironmentSchemas(warehouse, audit);
        await state.finishRun(runId, 'failed', runSummaryOf(report, summary, { failures }));
        out('');
        out('Not published: production is unchanged. What failed:');
        for (const failure of failures) out(`  ${failure}`);
        return { status: 'failed', deployId: null, plan, report, failures };
      }
      const deployId = newDeployId();
      out('');
      out(`Publish: deploying ${plan.build.size} node${plan.build.size === 1 ? '' : 's'} to production as ${deployId}${unaffected.size ? ` (and recording ${unaffected.size} that read nothing that changed, left as they are)` : ''}`);
      useRelations(session, (node) => node.relation);
      const continues = interruptedDeployments(await state.deployments(PRODUCTION)).map((deployment) => deployment.deployId);
      if (continues.length) out(`  completing ${continues.join(', ')}, interrupted while publishing: a rollback of ${deployId} undoes ${continues.length === 1 ? 'it' : 'them'} too`);
      await publish(session, warehouse, state, { plan, audit, production, fingerprints, deployId, runId, gitSha: options.gitSha ?? null, continues, unaffected, reused, out });
      await pruneCopies(session, warehouse, plan);
      await dropEnvironmentSchemas(warehouse, audit);
      await state.finishRun(runId, 'success', runSummaryOf(report, summary, { deployId }));
      const files = writePromoteFiles(session.project.targetPath, report, { status: 'published', deployId, failures: [] });
      out(`Published ${deployId} to ${session.project.profile.targetName}. Undo it with: sluice rollback`);
      out(`Report: ${files.json} (and promote.md beside it)`);
      return { status: 'published', deployId, plan, report, failures: [] };
    });
  } finally {
    await lock.release();
  }
}

interface PublishContext {
  plan: Plan;
  audit: Environment;
  production: Map<string, DeployedModel>;
  fingerprints: Map<string, Fingerprint>;
  deployId: string;
  runId: string;
  gitSha: string | null;
  /** Interrupted deployments this one completes. */
  continues: string[];
  /** Impacted nodes that read nothing that changed: their relation stays, their state row records the new fingerprints. */
  unaffected: Set<string>;
  /** Nodes published from a pull request's tested table instead of an audit relation. */
  reused: Map<string, TestedBuild>;
  out: (line: string) => void;
}

/**
 * Deployments that stopped while publishing (promote holds the lock, so none is still running) and that
 * no later deployment completed or rolled back.
 */
export function interruptedDeployments(deployments: DeploymentRecord[]): DeploymentRecord[] {
  const completed = new Set(deployments.flatMap((deployment) => deployment.continues?.split(',') ?? []));
  return deployments.filter((deployment) => deployment.kind === 'promote' && deployment.status === 'publishing' && !completed.has(deployment.deployId));
}

/**
 * Where kept previous versions of tables live (warehouses without table history, i.e. DuckDB): a schema
 * of their own in the table's database, out of sight of whoever reads production's schemas.
 */
export const VERSIONS_SCHEMA = 'sluice_versions';

/** A kept previous version of a table: `sluice_versions.<schema>__<identifier>__sluice_<deploy id>`. */
export function copyRelation(relation: Relation, deployId: string): Relation {
  return { database: relation.database, schema: VERSIONS_SCHEMA, identifier: `${copyPrefix(relation)}${deployId}` };
}

function copyPrefix(relation: Relation): string {
  return `${relation.schema}__${relation.identifier}__sluice_`;
}

/** Statements that keep production's table as a copy for rollback (a copy: DuckDB cannot move a table to another schema). */
function keepCopySql(dialect: SqlDialect, relation: Relation, copy: Relation): string[] {
  return [dialect.createSchema(copy.database, copy.schema), dialect.createTableAs(copy, `select * from ${dialect.relationName(relation)}`), dialect.dropRelation(relation, 'table')];
}

/**
 * Statements that put a kept copy back in production's place. A copy kept beside production (by a Sluice
 * before `sluice_versions`, as `<identifier>__sluice_<deploy id>`) is renamed back, as it was then.
 */
export function restoreCopySql(dialect: SqlDialect, copy: Relation, relation: Relation): string[] {
  if (copy.schema === relation.schema && (copy.database ?? '') === (relation.database ?? '')) return [dialect.renameRelation(copy, relation.identifier, 'table')];
  return [dialect.createTableAs(relation, `select * from ${dialect.relationName(copy)}`), dialect.dropRelation(copy, 'table')];
}

async function publish(session: Session, warehouse: Warehouse, state: StateStore, context: PublishContext): Promise<void> {
  const { dialect } = warehouse;
  const steps: Array<{ node: Node; statements: string[]; model: DeployedModel }> = [];
  const now = new Date().toISOString();
  const schemas = new Set<string>();
  const relations = new RelationCache(warehouse);
  const history = warehouse.tableVersion && dialect.restoreTable ? warehouse.tableVersion.bind(warehouse) : undefined;
  for (const id of buildOrder(session.graph)) {
    const previousRow = context.production.get(id);
    if (context.unaffected.has(id) && previousRow) {
      const node = session.graph.nodes.get(id)!;
      const fingerprint = context.fingerprints.get(id)!;
      const existing = node.config.materialized === 'ephemeral' ? null : await relations.type(previousRow.relation);
      steps.push({
        node,
        statements: [],
        model: {
          ...previousRow,
          fingerprint: storedFingerprint(fingerprint),
          dataFingerprint: fingerprint.data,
          gitSha: context.gitSha,
          runId: context.runId,
          deployId: context.deployId,
          deployedAt: now,
          restore: { previousType: existing, previous: { ...previousRow, restore: null }, stateOnly: true },
        },
      });
      continue;
    }
    if (!context.plan.build.has(id)) continue;
    const node = session.graph.nodes.get(id)!;
    const production = node.relation;
    const materialized = String(node.config.materialized);
    const previous = context.production.get(id) ?? null;
    const fingerprint = context.fingerprints.get(id)!;
    // Where the tested table is: the audit relation, or the pull request's table promote reuses.
    const builtAt = context.reused.get(id)?.relation ?? context.audit.relationFor(production);
    const statements: string[] = [];
    let compiledSql = node.compiledCode ?? '';
    let restore: RestoreInfo = { previousType: null, previous: previous ? { ...previous, restore: null } : null };
    if (materialized !== 'ephemeral') {
      const schemaKey = `${production.database ?? ''}.${production.schema}`;
      if (!schemas.has(schemaKey)) {
        schemas.add(schemaKey);
        statements.push(dialect.createSchema(production.database, production.schema));
      }
      const existing = await relations.type(production);
      restore = { ...restore, previousType: existing };
      if (existing === 'table' && history && materialized !== 'view') {
        // Delta keeps the old version: record it, then replace the table atomically in place.
        restore.version = await history(production);
        const retention = await warehouse.historyRetentionSeconds?.(production);
        const window = session.config.promote.rollbackWindowSeconds;
        if (retention !== undefined && retention < window) {
          context.out(`  warning: ${node.name} keeps replaced files for ${describeSeconds(retention)} (delta.deletedFileRetentionDuration), less than promote.rollback_window (${describeSeconds(window)}): rolling this deploy back fails after that`);
        }
      } else if (existing === 'table') {
        const copy = copyRelation(production, context.deployId);
        statements.push(...keepCopySql(dialect, production, copy));
        restore.copy = copy;
      } else if (existing === 'view') {
        restore.viewSql = previous?.compiledSql || undefined;
        // A view that stays a view is altered in place where the warehouse can (it keeps its privileges).
        if (materialized !== 'view' || !dialect.alterViewAs) statements.push(dialect.dropRelation(production, 'view'));
      }
      const type = materialized === 'view' ? 'view' : 'table';
      if (materialized === 'view') {
        // A view is compiled again against production's relations: the audit one reads audit tables.
        compiledSql = await compileSql({ renderer: session.renderer, nodes: session.graph.nodes, options: { warehouse } }, node);
        statements.push(viewStatement(dialect, production, compiledSql, dialect.alterViewAs ? existing : null));
      } else {
        const options = tableOptions(node, production, { inEnvironment: false });
        statements.push(dialect.createTableAs(production, `select * from ${dialect.relationName(builtAt)}`, options));
      }
      const keepsGrants = existing === type && (type === 'table' || dialect.alterViewAs !== undefined);
      const after = await afterCreateStatements(warehouse, node, production, type, { inEnvironment: false }, { fresh: !keepsGrants, columnsFrom: builtAt });
      statements.push(...after);
    }
    const columns = materialized === 'ephemeral' ? [] : ((await warehouse.getColumns(builtAt)) ?? []);
    const model: DeployedModel = {
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
      restore,
    };
    steps.push({ node, statements, model });
  }
  const deployment: DeploymentRecord = {
    deployId: context.deployId,
    environment: PRODUCTION,
    kind: 'promote',
    runId: context.runId,
    gitSha: context.gitSha,
    createdAt: now,
    status: 'published',
    models: steps.map((step) => step.model),
    rollsBack: null,
    continues: context.continues.length ? context.continues.join(',') : null,
  };
  const removedSql = state.removeModelsSql(PRODUCTION, context.plan.removed.map((model) => model.uniqueId));
  if (warehouse.transaction) {
    const statements = steps.flatMap((step) => [...step.statements, ...state.recordModelsSql([step.model])]);
    if (removedSql) statements.push(removedSql);
    statements.push(state.recordDeploymentSql(deployment));
    await warehouse.transaction(statements, (done) => checkFault('publish', done));
  } else {
    // Deployment first: it exists before the first model is published, and names each model before that
    // model is touched, so that a publish that stops half way can still be rolled back (a model named
    // but not yet published restores to what it still is).
    await warehouse.execute(state.recordDeploymentSql({ ...deployment, status: 'publishing', models: [] }));
    for (const [index, step] of steps.entries()) {
      await warehouse.execute(state.updateDeploymentSql(context.deployId, deployment.models.slice(0, index + 1), 'publishing'));
      for (const statement of step.statements) await warehouse.execute(statement);
      await state.recordModels([step.model]);
      checkFault('publish-step', index);
    }
    if (removedSql) await warehouse.execute(removedSql);
    await warehouse.execute(state.updateDeploymentSql(context.deployId, deployment.models, 'published'));
  }
  for (const step of steps) {
    if (step.model.restore?.stateOnly) context.out(`  recorded ${step.node.name}: reads nothing that changed, production's is unchanged`);
    else context.out(`  published ${step.node.name}${context.reused.has(step.node.uniqueId) ? ` from ${context.reused.get(step.node.uniqueId)!.environment}` : ''}${step.model.restore?.copy ? ' (previous version kept for rollback)' : ''}`);
  }
}

/** Keeps `promote.keep_versions` previous copies per model and drops older ones. */
async function pruneCopies(session: Session, warehouse: Warehouse, plan: Plan): Promise<void> {
  const keep = session.config.promote.keepVersions;
  const bySchema = new Map<string, { relation: Relation; identifiers: Set<string> }>();
  for (const id of plan.build) {
    const node = session.graph.nodes.get(id)!;
    if (node.config.materialized === 'ephemeral') continue;
    const key = `${node.relation.database ?? ''}.${node.relation.schema}`;
    const entry = bySchema.get(key) ?? { relation: node.relation, identifiers: new Set<string>() };
    entry.identifiers.add(node.relation.identifier);
    bySchema.set(key, entry);
  }
  const versions = new Map<string, Array<{ identifier: string }>>();
  for (const { relation, identifiers } of bySchema.values()) {
    const key = relation.database ?? '';
    if (!versions.has(key)) {
      const schemas = await warehouse.listSchemas(relation.database);
      versions.set(key, schemas.some((schema) => schema.toLowerCase() === VERSIONS_SCHEMA) ? await warehouse.listRelations(relation.database, VERSIONS_SCHEMA) : []);
    }
    // Copies kept beside production by an older Sluice count too, older than any in sluice_versions.
    const beside = await warehouse.listRelations(relation.database, relation.schema);
    for (const identifier of identifiers) {
      const prefix = copyPrefix({ ...relation, identifier });
      const copies = [
        ...versions.get(key)!.filter((candidate) => candidate.identifier.startsWith(`${prefix}d`)).map((candidate) => ({ relation: { database: relation.database, schema: VERSIONS_SCHEMA, identifier: candidate.identifier }, deployId: candidate.identifier.slice(prefix.length) })),
        ...beside.filter((candidate) => candidate.identifier.startsWith(`${identifier}__sluice_d`)).map((candidate) => ({ relation: { ...relation, identifier: candidate.identifier }, deployId: candidate.identifier.slice(`${identifier}__sluice_`.length) })),
      ].sort((a, b) => b.deployId.localeCompare(a.deployId));
      for (const old of copies.slice(keep)) await warehouse.execute(warehouse.dialect.dropRelation(old.relation, 'table'));
    }
  }
}

function describeSeconds(seconds: number): string {
  return seconds >= 86400 && seconds % 86400 === 0 ? `${seconds / 86400} day${seconds === 86400 ? '' : 's'}` : `${Math.round(seconds / 3600)} hour${Math.round(seconds / 3600) === 1 ? '' : 's'}`;
}
