/**
 * `sluice adopt`: record a production that Sluice did not build (dbt, or hand-made) as Sluice's state,
 * without building or changing any table. For each model, seed and snapshot of the project at HEAD, its
 * production relation must exist, be the kind the project makes (table or view) and have the columns
 * its SQL returns (names and types, from a `where 1=0` probe that reads no rows). What matches is
 * recorded as deployed — the next pull request defers to it and diffs against it; what does not is
 * reported and left unrecorded, so the next promote builds it (and the plan calls it new).
 */
import { randomUUID } from 'node:crypto';
import { SluiceError } from '../errors.js';
import { compileSql } from '../execute/compile-node.js';
import { readSeed } from '../execute/materializations.js';
import { snapshotMetaColumns } from '../execute/snapshot-config.js';
import { buildOrder } from '../graph/build-order.js';
import { fingerprintProject, FINGERPRINTED_TYPES } from '../graph/fingerprint.js';
import { seedColumnSqlType } from '../project/seed-csv.js';
import type { Node } from '../project/types.js';
import { useRelations, type Session } from '../session.js';
import type { Column, RelationType, Warehouse } from '../warehouse/warehouse.js';
import { stateStoreFor } from './state-store.js';
import { acquireDeployLock } from './deploy-lock.js';
import { PRODUCTION } from './environment.js';
import { newDeployId } from './promote.js';
import { storedFingerprint } from './plan.js';
import type { DeployedModel, DeploymentRecord } from './state-store.js';

export interface AdoptOptions {
  out: (line: string) => void;
  /** Check and report only: record nothing. */
  dryRun?: boolean;
  gitSha?: string | null;
}

export interface AdoptedNode {
  name: string;
  uniqueId: string;
  /** `adopted`: recorded; `mismatch`: exists but differs; `missing`: no relation; `already`: Sluice's state has it. */
  status: 'adopted' | 'mismatch' | 'missing' | 'already';
  /** What differs, for a mismatch. */
  problems: string[];
}

export interface AdoptResult {
  adoptionId: string | null;
  nodes: AdoptedNode[];
}

/** `int` and `integer`, `string` and `varchar` are one type; complex types compare by kind (`array<…>`). */
export function normalizeType(type: string): string {
  const lower = type.toLowerCase().replace(/\s+/g, '');
  const base = /^(array|map|struct)[<(]/.exec(lower)?.[1];
  if (base) return base;
  const synonyms: Record<string, string> = { integer: 'int', int4: 'int', int32: 'int', long: 'bigint', int8: 'bigint', int64: 'bigint', varchar: 'string', text: 'string', 'char': 'string', float8: 'double', real: 'float', float4: 'float', bool: 'boolean', short: 'smallint', int2: 'smallint', int1: 'tinyint', byte: 'tinyint' };
  return synonyms[lower] ?? lower.replace(/^varchar\(\d+\)$/, 'string');
}

/** Differences between the columns a project makes and the ones production has (names case-insensitive). */
export function columnDifferences(expected: Column[], actual: Column[], options: { extraAllowed?: (name: string) => boolean; types?: boolean } = {}): string[] {
  const problems: string[] = [];
  const actualByName = new Map(actual.map((column) => [column.name.toLowerCase(), column]));
  const expectedNames = new Set(expected.map((column) => column.name.toLowerCase()));
  const missing = expected.filter((column) => !actualByName.has(column.name.toLowerCase())).map((column) => column.name);
  const extra = actual.filter((column) => !expectedNames.has(column.name.toLowerCase()) && !options.extraAllowed?.(column.name)).map((column) => column.name);
  if (missing.length) problems.push(`production lacks column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} that the SQL returns`);
  if (extra.length) problems.push(`production has column${extra.length === 1 ? '' : 's'} ${extra.join(', ')} that the SQL does not return`);
  if (options.types !== false) {
    for (const column of expected) {
      const found = actualByName.get(column.name.toLowerCase());
      if (found && normalizeType(found.type) !== normalizeType(column.type)) problems.push(`column ${column.name} is ${found.type} in production, ${column.type} from the SQL`);
    }
  }
  return problems;
}

function expectedType(node: Node): RelationType | null {
  const materialized = String(node.config.materialized);
  if (node.resourceType !== 'model') return 'table';
  if (materialized === 'view') return 'view';
  if (materialized === 'table' || materialized === 'incremental') return 'table';
  return null; // materialized views, custom materializations: any kind
}

export async function runAdopt(session: Session, warehouse: Warehouse, options: AdoptOptions): Promise<AdoptResult> {
  const { out } = options;
  const state = stateStoreFor(session, warehouse);
  const already = await state.deployedModels(PRODUCTION);
  useRelations(session, (node) => node.relation);
  const fingerprints = await fingerprintProject(session, warehouse);
  const nodes: AdoptedNode[] = [];
  const records: DeployedModel[] = [];
  const adoptionId = newDeployId();
  const runId = randomUUID();
  const now = new Date().toISOString();
  for (const id of buildOrder(session.graph)) {
    const node = session.graph.nodes.get(id)!;
    if (!FINGERPRINTED_TYPES.has(node.resourceType) || !fingerprints.has(id)) continue;
    const entry: AdoptedNode = { name: node.name, uniqueId: id, status: 'adopted', problems: [] };
    nodes.push(entry);
    if (already.has(id)) {
      entry.status = 'already';
      continue;
    }
    const materialized = String(node.config.materialized);
    let columns: Column[] = [];
    let compiledSql = '';
    if (materialized !== 'ephemeral') {
      const type = await warehouse.getRelationType(node.relation);
      if (!type) {
        entry.status = 'missing';
        entry.problems.push(`${warehouse.dialect.relationName(node.relation)} does not exist`);
        continue;
      }
      const wanted = expectedType(node);
      if (wanted && wanted !== type) entry.problems.push(`${warehouse.dialect.relationName(node.relation)} is a ${type}; the project makes a ${wanted}`);
      columns = (await warehouse.getColumns(node.relation)) ?? [];
      const check = await expectedColumns(session, warehouse, node);
      compiledSql = check.compiledSql;
      if (check.error) entry.problems.push(check.error);
      else if (check.columns) entry.problems.push(...columnDifferences(check.columns, columns, { extraAllowed: check.extraAllowed, types: check.types }));
      if (node.resourceType === 'seed' && !entry.problems.length) {
        const rows = Number((await warehouse.query(`select count(*) as n from ${warehouse.dialect.relationName(node.relation)}`)).rows[0]?.n ?? 0);
        const csvRows = readSeed(node).rows.length;
        if (rows !== csvRows) entry.problems.push(`it has ${rows} row${rows === 1 ? '' : 's'}; the CSV has ${csvRows}`);
      }
      if (entry.problems.length) {
        entry.status = 'mismatch';
        continue;
      }
    }
    const fingerprint = fingerprints.get(id)!;
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
      restore: null,
    });
  }
  reportAdoption(nodes, out, Boolean(options.dryRun));
  if (options.dryRun) return { adoptionId: null, nodes };
  if (!records.length) {
    out(nodes.every((node) => node.status === 'already') ? 'Nothing to adopt: Sluice already deploys every node of the project.' : 'Nothing was recorded: no node matched production.');
    return { adoptionId: null, nodes };
  }
  await state.ensure();
  const lock = await acquireDeployLock(state, { timeoutSeconds: session.config.promote.lockTimeoutSeconds, expirySeconds: session.config.promote.lockExpirySeconds, out });
  try {
    const deployment: DeploymentRecord = {
      deployId: adoptionId,
      environment: PRODUCTION,
      kind: 'adopt',
      runId,
      gitSha: options.gitSha ?? null,
      createdAt: now,
      status: 'published',
      models: records.map((record) => ({ ...record, compiledSql: '' })),
      rollsBack: null,
      continues: null,
    };
    const statements = [...state.recordModelsSql(records), state.recordDeploymentSql(deployment)];
    if (warehouse.transaction) await warehouse.transaction(statements);
    else for (const statement of statements) await warehouse.execute(statement);
  } finally {
    await lock.release();
  }
  out(`Adopted ${records.length} of ${nodes.length} node${nodes.length === 1 ? '' : 's'} as ${adoptionId}: the next pull request builds only what it changes, and diffs against these relations.`);
  return { adoptionId, nodes };
}

/** The columns production should have: what the SQL returns (a probe that reads no rows), a seed's CSV header, or a snapshot's query plus its meta columns. */
async function expectedColumns(
  session: Session,
  warehouse: Warehouse,
  node: Node,
): Promise<{ columns?: Column[]; compiledSql: string; error?: string; extraAllowed?: (name: string) => boolean; types?: boolean }> {
  const { dialect } = warehouse;
  if (node.resourceType === 'seed') {
    const table = readSeed(node);
    return { columns: table.columns.map((column) => ({ name: column.name, type: seedColumnSqlType(column, dialect) })), compiledSql: '' };
  }
  if (node.language === 'python') return { compiledSql: '' }; // no probe for a Python model: its relation's existence is checked
  let compiledSql: string;
  try {
    compiledSql = await compileSql({ renderer: session.renderer, nodes: session.graph.nodes, options: { warehouse, isIncremental: false } }, node);
  } catch (error) {
    if (error instanceof SluiceError) throw error;
    return { compiledSql: '', error: `its SQL did not render: ${(error as Error).message}` };
  }
  let probed: Column[];
  try {
    probed = (await warehouse.query(`select * from (\n${compiledSql.trim().replace(/;\s*$/, '')}\n) as sluice_adopt_probe where 1 = 0`)).columns;
  } catch (error) {
    return { compiledSql, error: `its SQL fails on production: ${(error as Error).message.split('\n')[0]}` };
  }
  if (node.resourceType === 'snapshot') {
    const meta = new Set(Object.values(snapshotMetaColumns(node.config)).map((name) => name.toLowerCase()));
    return { columns: probed, compiledSql, extraAllowed: (name) => meta.has(name.toLowerCase()) };
  }
  return { columns: probed, compiledSql };
}

function reportAdoption(nodes: AdoptedNode[], out: (line: string) => void, dryRun: boolean): void {
  const width = Math.max(10, ...nodes.map((node) => node.name.length));
  const label: Record<AdoptedNode['status'], string> = { adopted: dryRun ? 'matches' : 'adopted', already: 'deployed', missing: 'missing', mismatch: 'differs' };
  for (const node of nodes) {
    const why = node.status === 'already' ? 'already in Sluice\'s state: left as it is' : node.problems.join('; ');
    out(`  ${label[node.status].padEnd(8)} ${why ? `${node.name.padEnd(width)}  ${why}` : node.name}`);
  }
  const skipped = nodes.filter((node) => node.status === 'missing' || node.status === 'mismatch');
  if (skipped.length) {
    out('');
    out(`Not ${dryRun ? 'to be ' : ''}recorded (${skipped.length}): ${skipped.map((node) => node.name).join(', ')}. The next pull request plans ${skipped.length === 1 ? 'it' : 'them'} as new and builds ${skipped.length === 1 ? 'it' : 'them'}; the next promote publishes ${skipped.length === 1 ? 'it' : 'them'} (an existing table is kept for rollback).`);
  }
  if (dryRun) out('Dry run: nothing was recorded.');
}
