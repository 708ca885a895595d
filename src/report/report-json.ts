/**
 * target/sluice/report.json: the machine-readable result of `ci`, `build` and `promote`, the contract
 * other tools build on (PRODUCT.md). Data diffs fill `rows`, `schema` and `values`; lint fills `lint`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ModelStatus = 'built' | 'deferred' | 'failed' | 'skipped';
export type ModelChange = 'modified' | 'impacted' | 'new' | 'removed' | null;

export interface ReportModel {
  name: string;
  unique_id: string;
  status: ModelStatus;
  change: ModelChange;
  reason: string | null;
  materialized: string;
  relation: string | null;
  rows: { base: number | null; env: number | null } | null;
  schema: { added: string[]; removed: string[]; changed: Array<{ column: string; from: string; to: string }> } | null;
  values: { key: string[]; only_base: number; only_env: number; changed_rows: number; columns: Record<string, number> } | null;
  message: string | null;
}

export interface ReportTest {
  name: string;
  unique_id: string;
  model: string | null;
  status: string;
  failures: number | null;
  message: string | null;
}

export interface ReportLint {
  file: string;
  line: number;
  column: number;
  rule: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface Report {
  version: 1;
  generated_at: string;
  command: string;
  env: string;
  base_env: string;
  run_id: string;
  ok: boolean;
  models: ReportModel[];
  tests: ReportTest[];
  lint: ReportLint[];
  breaking: Array<{ model: string; column: string; change: string; read_by: string[] }>;
}

export function writeReport(targetPath: string, report: Report): string {
  const dir = join(targetPath, 'sluice');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'report.json');
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
  return path;
}
