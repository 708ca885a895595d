/**
 * A node as dbt's manifest (v12) describes it: what manifest.json holds and what templates read through
 * `graph.nodes` / `graph.sources` / `graph.exposures` (packages such as dbt-project-evaluator walk it).
 * One shape for both, so a template sees what other tools read in the artifact.
 */
import type { Node } from './types.js';
import { isRecord } from './yaml-file.js';

export interface NodeDocumentOptions {
  /** The relation's rendered name where the node is built (null for ephemeral models and the like). */
  relationName: string | null;
  /** Where the node is built (database, schema, identifier), after environments and deferral. */
  relation: { database?: string; schema: string; identifier: string };
}

type Period = { count: number | null; period: string | null };

function period(value: unknown): Period {
  if (!isRecord(value)) return { count: null, period: null };
  return { count: value.count === undefined || value.count === null ? null : Number(value.count), period: typeof value.period === 'string' ? value.period : null };
}

/** dbt's source freshness, with both thresholds present (null when unset). */
export function freshnessDocument(value: unknown): { warn_after: Period; error_after: Period; filter: string | null } | null {
  if (value === null) return null;
  const freshness = isRecord(value) ? value : {};
  return { warn_after: period(freshness.warn_after), error_after: period(freshness.error_after), filter: typeof freshness.filter === 'string' ? freshness.filter : null };
}

function owner(value: unknown): { email: string | null; name: string | null } {
  const record = isRecord(value) ? value : {};
  return { email: typeof record.email === 'string' ? record.email : null, name: typeof record.name === 'string' ? record.name : null };
}

/** Columns as dbt lists them: every key present. */
function columnsDocument(columns: Node['columns']): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(columns).map(([name, column]) => [name, { name: column.name, description: column.description, meta: column.meta, data_type: column.data_type ?? null, constraints: column.constraints ?? [], quote: null, tags: column.tags, granularity: null }]),
  );
}

export function nodeDocument(node: Node, options: NodeDocumentOptions): Record<string, unknown> {
  const { relation } = options;
  const common = {
    unique_id: node.uniqueId,
    name: node.name,
    resource_type: node.resourceType,
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.originalFilePath,
    fqn: node.fqn,
    description: node.description,
    meta: node.meta,
    tags: node.tags,
    config: node.config,
  };
  if (node.resourceType === 'source') {
    return {
      ...common,
      database: relation.database ?? null,
      schema: relation.schema,
      identifier: relation.identifier,
      source_name: node.sourceName,
      source_description: node.sourceDescription ?? '',
      source_meta: node.sourceMeta ?? {},
      loader: node.loader ?? '',
      loaded_at_field: node.loadedAtField ?? null,
      freshness: freshnessDocument(node.freshness === undefined ? {} : node.freshness),
      external: null,
      quoting: { database: null, schema: null, identifier: null, column: null },
      columns: columnsDocument(node.columns),
      relation_name: options.relationName,
    };
  }
  if (node.resourceType === 'exposure') {
    return {
      ...common,
      type: node.exposure?.type ?? 'dashboard',
      owner: owner(node.exposure?.owner),
      label: node.exposure?.label ?? null,
      maturity: node.exposure?.maturity ?? null,
      url: node.exposure?.url ?? null,
      depends_on: { macros: [], nodes: node.dependsOn.nodes },
      refs: node.refs.map((ref) => ({ name: ref.name, package: ref.package ?? null, version: ref.version ?? null })),
      sources: node.sources,
      metrics: [],
    };
  }
  return {
    ...common,
    database: relation.database ?? null,
    schema: relation.schema,
    alias: relation.identifier,
    language: node.language ?? 'sql',
    columns: columnsDocument(node.columns),
    depends_on: { macros: node.dependsOn.macros, nodes: node.dependsOn.nodes },
    refs: node.refs.map((ref) => ({ name: ref.name, package: ref.package ?? null, version: ref.version ?? null })),
    sources: node.sources,
    raw_code: node.rawCode,
    compiled: node.compiledCode !== undefined,
    compiled_code: node.compiledCode,
    relation_name: options.relationName,
    access: typeof node.config.access === 'string' ? node.config.access : 'protected',
    group: typeof node.config.group === 'string' ? node.config.group : null,
    contract: { enforced: isRecord(node.config.contract) && node.config.contract.enforced === true, alias_types: true, checksum: null },
    constraints: node.constraints ?? [],
    deprecation_date: node.deprecationDate ?? null,
    docs: { show: true, node_color: null, ...(isRecord(node.config.docs) ? node.config.docs : {}) },
    patch_path: node.yamlPlace ? `${node.packageName}://${node.yamlPlace.file}` : null,
    version: node.version ?? null,
    latest_version: node.latestVersion ?? null,
    // Keys dbt's nodes always carry (None when unset), so that `selectattr`/`rejectattr` over the graph see them.
    time_spine: node.timeSpine ?? null,
    primary_key: [],
    defer_relation: null,
    metrics: [],
    unrendered_config: {},
    extra_ctes: [],
    checksum: { name: 'none', checksum: '' },
    build_path: null,
    test_metadata: node.testMetadata ? { name: node.testMetadata.name, namespace: node.testMetadata.namespace ?? null, kwargs: node.testMetadata.kwargs } : undefined,
    column_name: node.columnName ?? null,
    attached_node: node.attachedNode ?? null,
  };
}
