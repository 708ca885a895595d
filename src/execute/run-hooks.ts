/**
 * dbt's run hooks: `on-run-start` / `on-run-end` in dbt_project.yml — the root project's and every
 * package's — run before and after the nodes of `run`, `build`, `seed`, `snapshot` and `test`.
 * Packages' hooks come first (by package name), the root project's last, each in the order written.
 * `on-run-end` sees `results`, `schemas` and `database_schemas`. A hook that fails skips the rest (and,
 * at the start, every node). In a pull request's environment they run on the guarded warehouse.
 */
import { blankNode } from '../project/blank-node.js';
import type { Node, Project } from '../project/types.js';
import { nodeDocument } from '../project/node-document.js';
import { isRecord } from '../project/yaml-file.js';
import type { Session } from '../session.js';
import type { ExecuteOptions } from '../templating/renderer.js';
import { WarehouseError, type Warehouse } from '../warehouse/warehouse.js';
import type { NodeResult } from './run-results.js';

export type HookKind = 'on-run-start' | 'on-run-end';

export interface HookOutcome {
  name: string;
  status: 'success' | 'error' | 'skipped';
  message: string | null;
  executionTime: number;
}

/** A hook as dbt places it in the manifest: an operation node of the package that defines it. */
export function hookNode(project: Project, packageName: string, kind: HookKind, index: number, sql: string): Node {
  return { ...operationNode(project, packageName, `${packageName}-${kind}-${index}`), rawCode: sql, tags: [kind] };
}

/** An operation node (a hook, a run-operation): what templates see as the node being rendered. */
export function operationNode(project: Project, packageName: string, name: string): Node {
  return blankNode(
    {
      uniqueId: `operation.${packageName}.${name}`,
      resourceType: 'operation',
      name,
      packageName,
      path: `hooks/${name}.sql`,
      originalFilePath: './dbt_project.yml',
      absolutePath: `${project.root}/dbt_project.yml`,
      fqn: [packageName, 'hooks', name],
    },
    String(project.profile.target.schema),
  );
}

/** The hooks of one kind, in dbt's order: packages by name, then the root project. */
export function projectHooks(project: Project, kind: HookKind): Node[] {
  const packages = project.packages.filter((pkg) => !pkg.internal);
  const ordered = [...packages.filter((pkg) => pkg.name !== project.name).sort((a, b) => a.name.localeCompare(b.name)), ...packages.filter((pkg) => pkg.name === project.name)];
  return ordered.flatMap((pkg) => {
    const raw = pkg.project[kind];
    const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
    // A hook is SQL, or `{sql: …, transaction: …}`.
    const sqls = list.map((hook) => (isRecord(hook) ? String(hook.sql ?? '') : String(hook)));
    return sqls.map((sql, index) => hookNode(project, pkg.name, kind, index, sql));
  });
}

/** What `on-run-end` sees of the run: its results, and the schemas of what it built. */
export function runEndContext(session: Session, results: NodeResult[]): Record<string, unknown> {
  const succeeded = results.filter((result) => ['success', 'pass', 'warn'].includes(result.status) && ['model', 'seed', 'snapshot'].includes(result.node.resourceType));
  const pairs = new Map<string, [string | null, string]>();
  for (const result of succeeded) {
    const relation = session.resolver.relationOf(result.node);
    pairs.set(`${relation.database ?? ''}.${relation.schema}`, [relation.database ?? null, relation.schema]);
  }
  return {
    results: results.map((result) => ({
      node: nodeDocument(result.node, { relation: session.resolver.relationOf(result.node), relationName: result.relationName ?? null }),
      status: result.status,
      message: result.message,
      failures: result.failures,
      execution_time: result.executionTime,
      adapter_response: result.adapterMessage ? { _message: result.adapterMessage, rows_affected: result.rowsAffected ?? null } : {},
      thread_id: 'Thread-1',
      timing: [],
    })),
    schemas: [...new Set([...pairs.values()].map(([, schema]) => schema))],
    database_schemas: [...pairs.values()],
  };
}

/** Runs the hooks of one kind, one line each; returns their outcomes (a failed hook skips the rest). */
export async function runProjectHooks(
  session: Session,
  options: ExecuteOptions & { warehouse: Warehouse },
  kind: HookKind,
  extras: Record<string, unknown>,
  out: (line: string) => void,
): Promise<HookOutcome[]> {
  const { warehouse } = options;
  const hooks = projectHooks(session.project, kind);
  const outcomes: HookOutcome[] = [];
  if (!hooks.length) return outcomes;
  out(`Running ${hooks.length} ${kind} hook${hooks.length === 1 ? '' : 's'}`);
  let failed = false;
  for (const [index, hook] of hooks.entries()) {
    const name = `${hook.packageName}.${kind}.${index}`;
    if (failed) {
      outcomes.push({ name, status: 'skipped', message: `${name} skipped`, executionTime: 0 });
      out(`  ${index + 1} of ${hooks.length} SKIP  hook ${name}`);
      continue;
    }
    const started = Date.now();
    try {
      const sql = (await session.renderer.renderWith(hook, hook.rawCode, extras, options)).trim();
      if (sql) await warehouse.execute(sql);
      const seconds = (Date.now() - started) / 1000;
      outcomes.push({ name, status: 'success', message: `${name} passed`, executionTime: seconds });
      out(`  ${index + 1} of ${hooks.length} OK    hook ${name} [OK in ${seconds.toFixed(2)}s]`);
    } catch (error) {
      failed = true;
      const message = error instanceof WarehouseError || error instanceof Error ? error.message : String(error);
      outcomes.push({ name, status: 'error', message: `${name} failed, error:\n ${message}`, executionTime: (Date.now() - started) / 1000 });
      out(`  ${index + 1} of ${hooks.length} ERROR hook ${name}`);
      for (const line of message.split('\n')) out(`      ${line}`);
    }
  }
  out('');
  return outcomes;
}
