/** target/run_results.json in dbt's shape (schema v6), for the fields Sluice has. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from '../project/types.js';
import type { Session } from '../session.js';
import type { NodeStatus } from './scheduler.js';
import { DBT_VERSION } from '../dbt-version.js';

export interface NodeResult {
  uniqueId: string;
  status: NodeStatus;
  executionTime: number;
  message: string | null;
  failures: number | null;
  node: Node;
  adapterMessage?: string;
  rowsAffected?: number;
  compiledCode?: string;
  relationName?: string;
}

export function writeRunResults(session: Session, command: string, results: NodeResult[], elapsedSeconds: number): string {
  const path = join(session.project.targetPath, 'run_results.json');
  const document = {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/run-results/v6.json',
      dbt_version: DBT_VERSION,
      generator: 'sluice',
      generated_at: new Date().toISOString(),
      invocation_id: session.renderer.invocationId,
      env: {},
    },
    // Ephemeral models are compiled into their readers, never run: dbt leaves them out.
    results: results.filter((result) => !isEphemeralModel(result.node)).map((result) => ({
      unique_id: result.uniqueId,
      status: result.status,
      thread_id: 'Thread-1',
      timing: [],
      execution_time: result.executionTime,
      adapter_response: result.adapterMessage ? { _message: result.adapterMessage, code: result.adapterMessage, rows_affected: result.rowsAffected ?? null } : {},
      message: result.message,
      failures: result.failures,
      compiled: result.compiledCode !== undefined,
      compiled_code: result.compiledCode ?? null,
      relation_name: result.relationName ?? null,
      batch_results: null,
    })),
    elapsed_time: elapsedSeconds,
    args: { which: command },
  };
  mkdirSync(session.project.targetPath, { recursive: true });
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
  return path;
}

function isEphemeralModel(node: { resourceType: string; config: { materialized: unknown } }): boolean {
  return node.resourceType === 'model' && node.config.materialized === 'ephemeral';
}
