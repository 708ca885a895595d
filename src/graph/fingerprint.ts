/**
 * Fingerprints: what makes a model's data what it is. A model's own fingerprint hashes its canonical SQL
 * (refs as names, a fixed clock, no comments, whitespace collapsed) and the config that changes its data;
 * its data fingerprint adds its parents' data fingerprints. A comment- or whitespace-only change changes
 * neither; an environment or the time of day changes neither.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Node } from '../project/types.js';
import type { Session } from '../session.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { buildOrder } from './build-order.js';

export interface Fingerprint {
  /** Hash of the normalised canonical SQL (seeds: of the CSV file). */
  sql: string;
  /** Hash of the data-changing config. */
  config: string;
  /** `sql` and `config` together. */
  own: string;
  /** `own` and every parent's `data`. */
  data: string;
}

const DATA_CONFIG_KEYS = [
  'materialized', 'unique_key', 'incremental_strategy', 'on_schema_change', 'schema', 'alias', 'database',
  'pre-hook', 'post-hook', 'column_types', 'delimiter', 'quote_columns', 'partition_by', 'clustered_by',
  'liquid_clustered_by', 'cluster_by', 'buckets', 'file_format', 'location_root', 'tblproperties', 'sql_header',
  'incremental_predicates', 'merge_update_columns', 'merge_exclude_columns',
  // snapshots
  'strategy', 'updated_at', 'check_cols', 'hard_deletes', 'invalidate_hard_deletes', 'dbt_valid_to_current',
  'snapshot_meta_column_names', 'target_schema', 'target_database',
];

export const FINGERPRINTED_TYPES = new Set(['model', 'seed', 'snapshot']);

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

/** Sorted-key JSON, so that key order in YAML never changes a fingerprint. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SQL without comments, with whitespace runs outside string literals collapsed to one space. */
export function normalizeSql(sql: string): string {
  let out = '';
  let index = 0;
  // Stryker disable next-line BooleanLiteral: a space is never put first (out is empty then)
  let pendingSpace = false;
  // Whitespace next to a comma or a parenthesis never means anything.
  const tight = /[,()]/;
  const emit = (text: string) => {
    if (pendingSpace && out.length && !tight.test(text[0]) && !tight.test(out[out.length - 1])) out += ' ';
    pendingSpace = false;
    out += text;
  };
  while (index < sql.length) {
    const char = sql[index];
    const next = sql[index + 1];
    if (char === '-' && next === '-') {
      const end = sql.indexOf('\n', index);
      index = end < 0 ? sql.length : end;
      // Stryker disable next-line BooleanLiteral: the line break that ends the comment asks for the space anyway, and at the end of the text nothing follows
      pendingSpace = true;
    } else if (char === '/' && next === '*') {
      const end = sql.indexOf('*/', index + 2);
      index = end < 0 ? sql.length : end + 2;
      pendingSpace = true;
    } else if (char === "'" || char === '"' || char === '`') {
      let stop = index + 1;
      while (stop < sql.length && sql[stop] !== char) stop += sql[stop] === '\\' && char === "'" ? 2 : 1;
      emit(sql.slice(index, stop + 1));
      index = stop + 1;
    } else if (/\s/.test(char)) {
      pendingSpace = true;
      index++;
    } else {
      emit(char);
      index++;
    }
  }
  return out;
}

function configFingerprint(node: Node): string {
  const picked: Record<string, unknown> = {};
  for (const key of DATA_CONFIG_KEYS) if (node.config[key] !== undefined && node.config[key] !== null) picked[key] = node.config[key];
  if (node.version) picked.version = node.version;
  return hash(stableJson(picked));
}

/** Fingerprints of every model, seed and snapshot (and source, whose data may come from a seed). Rendering may ask the warehouse (run_query), so it is async. */
export async function fingerprintProject(session: Session, warehouse?: Warehouse): Promise<Map<string, Fingerprint>> {
  const fingerprints = new Map<string, Fingerprint>();
  const { graph, renderer } = session;
  for (const id of buildOrder(graph)) {
    const node = graph.nodes.get(id)!;
    if (!FINGERPRINTED_TYPES.has(node.resourceType) && node.resourceType !== 'source') continue;
    let source: string;
    if (node.resourceType === 'source') source = `${node.relation.database ?? ''}.${node.relation.schema}.${node.relation.identifier}`;
    else if (node.resourceType === 'seed') source = readFileSync(node.absolutePath, 'utf8');
    else source = normalizeSql(await renderer.render(node, { warehouse, canonical: true }));
    const sql = hash(source);
    const config = configFingerprint(node);
    const own = hash(`${sql}:${config}`);
    const parents = [...(graph.parents.get(id) ?? [])]
      .sort()
      .map((parent) => fingerprints.get(parent)?.data ?? parent);
    fingerprints.set(id, { sql, config, own, data: hash([own, ...parents].join('|')) });
  }
  return fingerprints;
}
