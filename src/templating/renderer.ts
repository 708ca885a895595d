/**
 * Rendering a project's Jinja with a dbt context. One Renderer holds the compiled macros and one context
 * object whose dbt values (`this`, `config`, `model`, `ref`…) read the node being rendered right now, so
 * every macro, compiled once, sees the node that calls it.
 *
 * Two modes, as in dbt: *parse* (execute false: `ref`/`source`/`config()` are recorded, nothing runs) and
 * *execute* (refs resolve to relations; `run_query`, `statement` and introspection reach the warehouse).
 * Rendering is synchronous but the warehouse is not: when a template asks for a query result that is not
 * cached yet, the render stops, the query runs, and the render starts again with the answer cached.
 */
import { createHash, randomUUID } from 'node:crypto';
import nunjucks from 'nunjucks';
import YAML from 'yaml';
import { SluiceError, didYouMean } from '../errors.js';
import type { Macro, Node, Project, RefCall } from '../project/types.js';
import type { Column, QueryResult, Relation, SqlDialect, SqlValue, Warehouse } from '../warehouse/warehouse.js';
import { BUILTIN_MACROS, BUILTIN_MACROS_FILE } from './builtin-macros.js';
import { bindArguments } from './call-args.js';
import { createJinjaEnvironment } from './jinja-environment.js';
import { pythonModules, PyDatetime } from './python-modules.js';
import { CanonicalName, CteRelation, RelationObject } from './relation-object.js';
import { QueryTable } from './query-table.js';
import { recordSourceMap, type SourceMap } from './jinja-interpreter.js';
import { compileTemplate, getExportedMacros, jinjaReturn, makeKeywordArgs, renderTemplate, splitKeywordArgs, toNative } from './template.js';

/** What a parse-time render found. */
export interface ParseCapture {
  refs: RefCall[];
  sources: Array<[string, string]>;
  config: Record<string, unknown>;
}

/** How `ref`/`source` resolve at execute time: set by the graph once every node's relation is known. */
export interface RefResolver {
  ref(from: Node, call: RefCall): Node;
  source(from: Node, sourceName: string, tableName: string): Node;
  /** The relation templates see for a node (deferral and environments decide it). */
  relationOf(node: Node): Relation;
}

export interface ExecuteOptions {
  /** Absent when compiling without a connection: a template that needs the warehouse then fails clearly. */
  warehouse?: Warehouse;
  isIncremental?: boolean;
  fullRefresh?: boolean;
  /** Unit tests: refs and sources replaced by fixture CTEs; macros and vars overridden. */
  unitTest?: {
    inputs: Map<string, string>;
    macroOverrides: Record<string, unknown>;
    varOverrides: Record<string, unknown>;
    envOverrides: Record<string, string>;
  };
  /** Called with the name of each ephemeral model a ref reaches. */
  onEphemeral?: (node: Node) => void;
  /**
   * The rendering fingerprints are made of: refs and sources as names, `this` as a name, a fixed clock
   * and run id, `is_incremental()` false — so that neither the environment nor the time changes it.
   */
  canonical?: boolean;
  /** Lint: no warehouse, and templates that ask it get empty answers (no rows, no relation, no columns). */
  offline?: boolean;
}

/** The empty answer an offline render gets for a warehouse question (see fromWarehouse's keys). */
function offlineAnswer(key: string): unknown {
  if (key.startsWith('query:')) return { columns: [], rows: [] };
  return null;
}

const CANONICAL_TIME = new Date(Date.UTC(2000, 0, 1));
const CANONICAL_INVOCATION = '00000000-0000-0000-0000-000000000000';

interface RenderState {
  node: Node | undefined;
  execute: boolean;
  capture?: ParseCapture;
  options?: ExecuteOptions;
  results: Map<string, unknown>;
  /** Warehouse work a render asked for that is not cached yet. */
  pending: Array<{ key: string; run: () => Promise<unknown> }>;
}

class Suspend extends Error {}

const MAX_SUSPENSIONS = 200;

export interface RendererOptions {
  project: Project;
  dialect: SqlDialect;
  invocationId?: string;
  runStartedAt?: Date;
  /** Where `log(msg, info=True)` and `print()` go. */
  log?: (message: string) => void;
  /** Extra vars, e.g. `--vars`, already in project.cliVars; this is for tests. */
  env?: NodeJS.ProcessEnv;
}

export class Renderer {
  readonly project: Project;
  readonly dialect: SqlDialect;
  readonly invocationId: string;
  readonly runStartedAt: Date;
  resolver: RefResolver | undefined;
  private readonly environment: nunjucks.Environment;
  private readonly templates = new Map<string, nunjucks.Template>();
  private readonly macrosByPackage = new Map<string, Map<string, (...args: unknown[]) => unknown>>();
  private readonly macroFiles = new Map<string, Macro>();
  private readonly searchOrders = new Map<string, Array<Map<string, (...args: unknown[]) => unknown>>>();
  private readonly cache = new Map<string, unknown>();
  private readonly log: (message: string) => void;
  private readonly env: NodeJS.ProcessEnv;
  private state: RenderState = { node: undefined, execute: false, results: new Map(), pending: [] };
  readonly context: Record<string, unknown>;
  readonly warnings: string[] = [];

  constructor(options: RendererOptions) {
    this.project = options.project;
    this.dialect = options.dialect;
    this.invocationId = options.invocationId ?? randomUUID();
    this.runStartedAt = options.runStartedAt ?? new Date();
    this.log = options.log ?? ((message) => process.stdout.write(`${message}\n`));
    this.env = options.env ?? process.env;
    this.environment = createJinjaEnvironment();
    this.context = this.buildContext();
    this.loadMacros();
  }

  // ---- macros ------------------------------------------------------------------------------------

  private loadMacros(): void {
    const files = new Map<string, { packageName: string; source: string; file: string }>();
    files.set(BUILTIN_MACROS_FILE, { packageName: 'dbt', source: BUILTIN_MACROS, file: BUILTIN_MACROS_FILE });
    for (const macro of this.project.macros.values()) {
      this.macroFiles.set(macro.uniqueId, macro);
      files.set(macro.absolutePath, { packageName: macro.packageName, source: macro.fileSource, file: macro.originalFilePath });
    }
    // Names first, so that the context knows every macro before any file runs.
    for (const { packageName } of files.values()) {
      if (!this.macrosByPackage.has(packageName)) this.macrosByPackage.set(packageName, new Map());
    }
    for (const { packageName, source, file } of files.values()) {
      const template = compileTemplate(this.environment, source, file);
      const exported = getExportedMacros(template, this.context, file) as Record<string, (...args: unknown[]) => unknown>;
      const target = this.macrosByPackage.get(packageName)!;
      for (const [name, fn] of Object.entries(exported)) target.set(name, fn);
    }
    for (const names of this.macrosByPackage.values()) {
      for (const name of names.keys()) this.defineMacroName(name);
    }
    for (const packageName of this.macrosByPackage.keys()) {
      if (packageName === 'dbt' || packageName in this.context) continue;
      Object.defineProperty(this.context, packageName, { enumerable: true, configurable: true, value: this.packageNamespace(packageName) });
    }
  }

  private packageNamespace(packageName: string): Record<string, unknown> {
    const macros = this.macrosByPackage.get(packageName)!;
    return new Proxy(
      {},
      {
        get: (_target, name) => (typeof name === 'string' ? macros.get(name) : undefined),
        has: (_target, name) => typeof name === 'string' && macros.has(name),
      },
    );
  }

  private defineMacroName(name: string): void {
    if (Object.prototype.hasOwnProperty.call(this.context, name)) return;
    Object.defineProperty(this.context, name, { enumerable: true, configurable: true, get: () => this.findMacro(name) });
  }

  /** Flat lookup: overrides, the node's package, the root project, any package, then dbt's builtins. */
  findMacro(name: string): ((...args: unknown[]) => unknown) | undefined {
    const overrides = this.state.options?.unitTest?.macroOverrides;
    if (overrides && name in overrides) {
      const value = overrides[name];
      return () => value;
    }
    for (const macros of this.searchOrder(this.state.node?.packageName ?? '')) {
      const macro = macros.get(name);
      if (macro) return macro;
    }
    return undefined;
  }

  /** The node's package, the root project, any other package, then dbt's builtins — worked out once per package. */
  private searchOrder(nodePackage: string): Array<Map<string, (...args: unknown[]) => unknown>> {
    let order = this.searchOrders.get(nodePackage);
    if (!order) {
      const names = [...new Set([nodePackage, this.project.name, ...this.macrosByPackage.keys()])].filter((pkg) => pkg && pkg !== 'dbt');
      order = [...names, 'dbt'].map((pkg) => this.macrosByPackage.get(pkg)).filter((macros): macros is Map<string, (...args: unknown[]) => unknown> => Boolean(macros));
      this.searchOrders.set(nodePackage, order);
    }
    return order;
  }

  hasRootMacro(name: string): boolean {
    return this.macrosByPackage.get(this.project.name)?.has(name) ?? false;
  }

  /** `adapter.dispatch(name, namespace)`: adapter-prefixed, then `default__`, in the namespace's search order. */
  private dispatch(name: string, namespace?: string | null): (...args: unknown[]) => unknown {
    const prefixes = this.dialect.name === 'databricks' ? ['databricks__', 'spark__', 'default__'] : [`${this.dialect.name}__`, 'default__'];
    let packages: string[];
    const searchOrder = this.dispatchSearchOrder(namespace);
    if (searchOrder) packages = searchOrder;
    else if (!namespace || namespace === 'dbt') packages = [this.project.name, ...[...this.macrosByPackage.keys()].filter((pkg) => pkg !== 'dbt' && pkg !== this.project.name), 'dbt'];
    else packages = [this.project.name, namespace];
    const candidates: string[] = [];
    for (const packageName of packages) {
      for (const prefix of prefixes) {
        const macroName = `${prefix}${name}`;
        candidates.push(`${packageName}.${macroName}`);
        const macro = this.macrosByPackage.get(packageName)?.get(macroName);
        if (macro) return macro;
      }
    }
    // dbt also accepts the unprefixed macro in the namespace.
    const plain = namespace ? this.macrosByPackage.get(namespace)?.get(name) : undefined;
    if (plain) return plain;
    throw new SluiceError(`adapter.dispatch found no implementation of '${name}'${namespace ? ` in namespace '${namespace}'` : ''}`, {
      hint: `looked for ${candidates.slice(0, 6).join(', ')}${candidates.length > 6 ? ', …' : ''}`,
    });
  }

  private dispatchSearchOrder(namespace?: string | null): string[] | undefined {
    const dispatch = this.project.projectFile.dispatch;
    if (!namespace || !Array.isArray(dispatch)) return undefined;
    const entry = dispatch.find((item) => item && typeof item === 'object' && (item as Record<string, unknown>).macro_namespace === namespace) as
      | Record<string, unknown>
      | undefined;
    return Array.isArray(entry?.search_order) ? entry.search_order.map(String) : undefined;
  }

  // ---- the context -------------------------------------------------------------------------------

  private currentNode(): Node {
    const node = this.state.node;
    if (!node) throw new SluiceError('This function needs a model being rendered');
    return node;
  }

  private relationObject(relation: Relation, type?: string): RelationObject {
    return new RelationObject(relation, this.dialect, type);
  }

  private buildContext(): Record<string, unknown> {
    const context: Record<string, unknown> = {};
    const dynamic = (name: string, get: () => unknown) =>
      Object.defineProperty(context, name, { enumerable: true, configurable: true, get });
    const value = (name: string, item: unknown) => Object.defineProperty(context, name, { enumerable: true, configurable: true, writable: true, value: item });

    value('ref', (...args: unknown[]) => this.ref(args));
    value('source', (...args: unknown[]) => this.source(args));
    dynamic('config', () => this.configObject());
    value('var', (...args: unknown[]) => this.variable(args));
    value('env_var', (...args: unknown[]) => this.envVar(args));
    dynamic('this', () => {
      const node = this.state.node;
      const unitThis = this.state.options?.unitTest?.inputs.get('this');
      if (unitThis) return new CteRelation(unitThis, { schema: '', identifier: unitThis }, this.dialect);
      if (this.state.options?.canonical && node) return new CanonicalName(`this(${node.uniqueId})`);
      return node ? this.relationObject(this.resolver && this.state.execute ? this.resolver.relationOf(node) : node.relation) : undefined;
    });
    dynamic('model', () => (this.state.node ? this.modelDict(this.state.node) : undefined));
    dynamic('execute', () => this.state.execute);
    dynamic('target', () => this.targetDict());
    value('is_incremental', () => {
      const overrides = this.state.options?.unitTest?.macroOverrides;
      if (overrides && 'is_incremental' in overrides) return Boolean(overrides.is_incremental);
      if (this.state.options?.canonical) return false;
      return Boolean(this.state.execute && this.state.options?.isIncremental);
    });
    value('should_full_refresh', () => Boolean(this.state.options?.fullRefresh));
    value('return', jinjaReturn);
    value('exceptions', {
      raise_compiler_error: (message: unknown) => {
        throw new SluiceError(`Compilation error: ${String(message)}`, { file: this.state.node?.originalFilePath });
      },
      warn: (message: unknown) => {
        this.warnings.push(String(message));
        return '';
      },
      raise_not_implemented: (message: unknown) => {
        // dbt's exceptions.raise_not_implemented: the template itself says it cannot go on.
        throw new SluiceError(`The template raised raise_not_implemented: ${String(message)}`, { file: this.state.node?.originalFilePath });
      },
      raise_fail_fast_error: (message: unknown) => {
        throw new SluiceError(String(message), { file: this.state.node?.originalFilePath });
      },
    });
    value('log', (...args: unknown[]) => {
      const { msg, info } = bindArguments(args, ['msg', 'info']);
      if (info && this.state.execute) this.log(String(msg));
      return '';
    });
    value('print', (message: unknown) => {
      if (this.state.execute) this.log(String(message));
      return '';
    });
    value('modules', pythonModules(() => new Date()));
    const runStartedAt = new PyDatetime(this.runStartedAt);
    const canonicalTime = new PyDatetime(CANONICAL_TIME);
    dynamic('run_started_at', () => (this.state.options?.canonical ? canonicalTime : runStartedAt));
    dynamic('invocation_id', () => (this.state.options?.canonical ? CANONICAL_INVOCATION : this.invocationId));
    value('project_name', this.project.name);
    value('flags', { FULL_REFRESH: false, STORE_FAILURES: false, WHICH: 'run' });
    dynamic('adapter', () => this.adapterObject());
    value('api', { Relation: { create: (...args: unknown[]) => this.createRelation(args) } });
    value('run_query', (sql: unknown) => this.runQuery(String(sql)));
    value('load_result', (name: unknown) => this.state.results.get(String(name)));
    value('__sluice_statement', (name: unknown, sql: unknown, fetchResult: unknown) => this.statement(name, String(sql), Boolean(fetchResult)));
    value('__sluice_store_result', (name: unknown, _sql: unknown, result: unknown) => {
      this.state.results.set(String(name), { response: result, table: undefined, data: [] });
      return '';
    });
    dynamic('graph', () => this.graphDict());
    dynamic('selected_resources', () => []);
    dynamic('database', () => this.targetDict().database);
    dynamic('schema', () => this.targetDict().schema);
    value('fromjson', (text: unknown, fallback?: unknown) => {
      try {
        return JSON.parse(String(text));
      } catch {
        return fallback ?? null;
      }
    });
    value('tojson', (item: unknown) => JSON.stringify(item));
    value('doc', (name: unknown) => {
      const text = this.project.docs.get(String(name));
      if (text === undefined) throw new SluiceError(`Documentation block '${String(name)}' not found`, { file: this.state.node?.originalFilePath, hint: didYouMean(String(name), this.project.docs.keys()) });
      return text;
    });
    value('fromyaml', (text: unknown) => YAML.parse(String(text)));
    value('toyaml', (item: unknown) => YAML.stringify(item));
    value('local_md5', (text: unknown) => createHash('md5').update(String(text)).digest('hex'));
    value('zip', (...lists: unknown[][]) => lists[0]?.map((_, index) => lists.map((list) => list[index])) ?? []);
    value('set', (items?: unknown[]) => [...new Set(items ?? [])]);
    value('dbt', this.builtinNamespace());
    dynamic('builtins', () => ({ ref: context.ref, source: context.source, config: this.configObject() }));
    return context;
  }

  private builtinNamespace(): Record<string, unknown> {
    return new Proxy(
      {},
      {
        get: (_target, name) => (typeof name === 'string' ? this.macrosByPackage.get('dbt')?.get(name) : undefined),
        has: (_target, name) => typeof name === 'string' && (this.macrosByPackage.get('dbt')?.has(name) ?? false),
      },
    );
  }

  private targetDict(): Record<string, unknown> {
    const { profile } = this.project;
    const secretKeys = /(token|password|secret|passphrase|private_key)/i;
    const safe = Object.fromEntries(Object.entries(profile.target).filter(([key]) => !secretKeys.test(key)));
    return {
      ...safe,
      name: profile.targetName,
      target_name: profile.targetName,
      profile_name: profile.profileName,
      database: profile.target.database,
      schema: profile.target.schema,
      type: profile.target.type,
      threads: profile.target.threads,
    };
  }

  private modelDict(node: Node): Record<string, unknown> {
    const relation = this.resolver && this.state.execute ? this.resolver.relationOf(node) : node.relation;
    return {
      name: node.name,
      unique_id: node.uniqueId,
      resource_type: node.resourceType,
      package_name: node.packageName,
      path: node.path,
      original_file_path: node.originalFilePath,
      fqn: node.fqn,
      config: node.config,
      tags: node.tags,
      meta: node.meta,
      description: node.description,
      columns: node.columns,
      version: node.version ?? null,
      latest_version: node.latestVersion ?? null,
      database: relation.database,
      schema: relation.schema,
      alias: relation.identifier,
      identifier: relation.identifier,
      raw_code: node.rawCode,
      raw_sql: node.rawCode,
      refs: node.refs.map((ref) => ({ name: ref.name, package: ref.package ?? null, version: ref.version ?? null })),
      sources: node.sources,
      depends_on: node.dependsOn,
      test_metadata: node.testMetadata ?? null,
      column_name: node.columnName ?? null,
    };
  }

  private graphDict(): Record<string, unknown> {
    const nodes: Record<string, unknown> = {};
    const sources: Record<string, unknown> = {};
    const exposures: Record<string, unknown> = {};
    for (const node of this.project.nodes.values()) {
      const dict = this.modelDict(node);
      if (node.resourceType === 'source') sources[node.uniqueId] = { ...dict, source_name: node.sourceName, identifier: node.identifier };
      else if (node.resourceType === 'exposure') exposures[node.uniqueId] = dict;
      else nodes[node.uniqueId] = dict;
    }
    return { nodes, sources, exposures, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {}, unit_tests: {} };
  }

  private configObject() {
    const node = this.state.node;
    const capture = this.state.capture;
    const call = (...args: unknown[]) => {
      const { args: positional, kwargs: keywords } = splitKeywordArgs(args);
      const values = toNative({ ...(positional[0] && typeof positional[0] === 'object' ? (positional[0] as object) : {}), ...keywords }) as Record<string, unknown>;
      if (capture) Object.assign(capture.config, mergeCaptured(capture.config, values));
      return '';
    };
    const get = (...args: unknown[]) => {
      const { name, default: fallback } = bindArguments(args, ['name', 'default']);
      if (!this.state.execute) return capture && String(name) in capture.config ? capture.config[String(name)] : fallback ?? '';
      const current = node?.config[String(name)];
      return current === undefined || current === null ? (fallback ?? null) : current;
    };
    const require = (name: unknown) => {
      const current = node?.config[String(name)];
      if (this.state.execute && (current === undefined || current === null)) {
        throw new SluiceError(`Config '${String(name)}' is required`, { file: node?.originalFilePath, hint: `set ${String(name)} in config()` });
      }
      return current ?? '';
    };
    return Object.assign(call, { get, require, set: call, _config: node?.config });
  }

  private ref(args: unknown[]): RelationObject | string {
    const { args: positional, kwargs: keywords } = splitKeywordArgs(args);
    const version = keywords.v ?? keywords.version;
    const call: RefCall =
      positional.length >= 2
        ? { package: String(positional[0]), name: String(positional[1]) }
        : { name: String(positional[0]) };
    if (version !== undefined && version !== null) call.version = String(version);
    const node = this.state.node;
    if (this.state.capture) {
      this.state.capture.refs.push(call);
      return node ? this.relationObject(node.relation) : '';
    }
    const unitInputs = this.state.options?.unitTest?.inputs;
    if (unitInputs) {
      const key = `ref:${call.package ? `${call.package}.` : ''}${call.name}${call.version ? `.v${call.version}` : ''}`;
      const cte = unitInputs.get(key) ?? unitInputs.get(`ref:${call.name}`);
      if (cte) return new CteRelation(cte, { schema: '', identifier: cte }, this.dialect);
      throw new SluiceError(`Unit test for '${node?.name}' has no 'given' input for ref('${call.name}')`, {
        file: node?.originalFilePath,
        hint: `add - input: ref('${call.name}') with rows to the unit test's given`,
      });
    }
    if (!this.resolver || !node) throw new SluiceError(`ref('${call.name}') cannot be resolved outside a model`);
    const target = this.resolver.ref(node, call);
    if (this.state.options?.canonical) return new CanonicalName(`ref(${target.uniqueId})`);
    if (target.config.materialized === 'ephemeral') {
      this.state.options?.onEphemeral?.(target);
      return new CteRelation(`__dbt__cte__${target.relation.identifier}`, target.relation, this.dialect);
    }
    return this.relationObject(this.resolver.relationOf(target));
  }

  private source(args: unknown[]): RelationObject | string {
    const { args: positional, kwargs: keywords } = splitKeywordArgs(args);
    const sourceName = String(positional[0] ?? keywords.source_name);
    const tableName = String(positional[1] ?? keywords.table_name);
    const node = this.state.node;
    if (this.state.capture) {
      this.state.capture.sources.push([sourceName, tableName]);
      return node ? this.relationObject(node.relation) : '';
    }
    const unitInputs = this.state.options?.unitTest?.inputs;
    if (unitInputs) {
      const cte = unitInputs.get(`source:${sourceName}.${tableName}`);
      if (cte) return new CteRelation(cte, { schema: '', identifier: cte }, this.dialect);
      throw new SluiceError(`Unit test for '${node?.name}' has no 'given' input for source('${sourceName}', '${tableName}')`, {
        file: node?.originalFilePath,
      });
    }
    if (!this.resolver || !node) throw new SluiceError(`source('${sourceName}', '${tableName}') cannot be resolved outside a model`);
    if (this.state.options?.canonical) return new CanonicalName(`source(${this.resolver.source(node, sourceName, tableName).uniqueId})`);
    return this.relationObject(this.resolver.relationOf(this.resolver.source(node, sourceName, tableName)));
  }

  private variable(args: unknown[]): unknown {
    const { name, default: fallback } = bindArguments(args, ['name', 'default']);
    const key = String(name);
    const node = this.state.node;
    const overrides = this.state.options?.unitTest?.varOverrides;
    if (overrides && key in overrides) return overrides[key];
    const found = lookupVar(this.project, node?.packageName ?? this.project.name, key);
    if (found.found) return typeof found.value === 'string' && found.value.includes('{') ? this.renderString(found.value, node) : found.value;
    if (fallback !== undefined) return fallback;
    if (!this.state.execute) return null;
    throw new SluiceError(`Required var '${key}' not found`, {
      file: node?.originalFilePath,
      hint: `define it under vars: in dbt_project.yml, pass --vars '{${key}: ...}', or give var() a default`,
    });
  }

  private envVar(args: unknown[]): string {
    const { var: name, default: fallback } = bindArguments(args, ['var', 'default']);
    const key = String(name);
    const node = this.state.node;
    if (key.startsWith('DBT_ENV_SECRET')) {
      throw new SluiceError(`Secret environment variable '${key}' can only be used in profiles.yml and packages.yml`, { file: node?.originalFilePath });
    }
    const overrides = this.state.options?.unitTest?.envOverrides;
    if (overrides && key in overrides) return overrides[key];
    const found = this.env[key];
    if (found !== undefined) return found;
    if (fallback !== undefined && fallback !== null) return String(fallback);
    throw new SluiceError(`Environment variable '${key}' is required but not set`, {
      file: node?.originalFilePath,
      hint: `set ${key}, or give env_var() a default: env_var('${key}', '...')`,
    });
  }

  private adapterObject() {
    return {
      dispatch: (...args: unknown[]) => {
        const { macro_name, macro_namespace } = bindArguments(args, ['macro_name', 'macro_namespace']);
        return this.dispatch(String(macro_name), macro_namespace === undefined || macro_namespace === null ? undefined : String(macro_namespace));
      },
      type: () => this.dialect.name,
      quote: (identifier: unknown) => this.dialect.quoteIdentifier(String(identifier)),
      get_relation: (...args: unknown[]) => {
        const { database, schema, identifier } = bindArguments(args, ['database', 'schema', 'identifier']);
        return this.getRelation({ database: database ? String(database) : undefined, schema: String(schema), identifier: String(identifier) });
      },
      get_columns_in_relation: (relation: RelationObject) => this.getColumns(relation),
      already_exists: (schema: unknown, identifier: unknown) =>
        this.getRelation({ database: this.targetDict().database as string | undefined, schema: String(schema), identifier: String(identifier) }) !== null,
      get_missing_columns: () => [],
      check_schema_exists: () => true,
      quote_as_configured: (identifier: unknown) => String(identifier),
      Relation: { create: (...args: unknown[]) => this.createRelation(args) },
    };
  }

  private createRelation(args: unknown[]): RelationObject {
    const { database, schema, identifier, type } = bindArguments(args, ['database', 'schema', 'identifier', 'type']);
    return this.relationObject(
      { database: database ? String(database) : undefined, schema: schema ? String(schema) : '', identifier: identifier ? String(identifier) : '' },
      type ? String(type) : undefined,
    );
  }

  // ---- warehouse access from templates -----------------------------------------------------------

  /** Returns the cached answer for `key`, or records the work and stops the render. */
  private fromWarehouse<T>(key: string, run: (warehouse: Warehouse) => Promise<T>): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    if (this.state.options?.offline) return offlineAnswer(key) as T;
    const warehouse = this.state.options?.warehouse;
    if (!warehouse) throw new SluiceError('This template needs the warehouse, which is only reached while building', { file: this.state.node?.originalFilePath });
    this.state.pending.push({ key, run: () => run(warehouse) });
    throw new Suspend(key);
  }

  private runQuery(sql: string): QueryTable | null {
    if (!this.state.execute) return null;
    const result = this.fromWarehouse(`query:${sql}`, (warehouse) => warehouse.query(sql));
    return new QueryTable(result);
  }

  private statement(name: unknown, sql: string, fetchResult: boolean): string {
    const result = this.fromWarehouse<QueryResult>(`query:${sql}`, async (warehouse) => {
      if (fetchResult) return warehouse.query(sql);
      await warehouse.execute(sql);
      return { columns: [], rows: [] };
    });
    const table = new QueryTable(result);
    if (name !== null && name !== undefined) {
      this.state.results.set(String(name), { response: { code: 'OK', rows_affected: result.rows.length }, table, data: table.rows });
    }
    return '';
  }

  private getRelation(relation: Relation): RelationObject | null {
    if (!this.state.execute) return null;
    const type = this.fromWarehouse(`relation:${this.dialect.relationName(relation)}`, (warehouse) => warehouse.getRelationType(relation));
    return type ? this.relationObject(relation, type) : null;
  }

  private getColumns(relation: RelationObject): Array<Record<string, unknown>> {
    if (!this.state.execute || !(relation instanceof RelationObject) || relation instanceof CteRelation) return [];
    const columns = this.fromWarehouse<Column[] | null>(`columns:${relation.toString()}`, (warehouse) => warehouse.getColumns(relation.toRelation()));
    return (columns ?? []).map((column) => ({
      name: column.name,
      column: column.name,
      dtype: column.type,
      data_type: column.type,
      quoted: this.dialect.quoteIdentifier(column.name),
    }));
  }

  /** Forgets cached warehouse answers (after a build changes relations). */
  clearWarehouseCache(): void {
    this.cache.clear();
  }

  // ---- rendering ---------------------------------------------------------------------------------

  private template(key: string, source: string, file: string): nunjucks.Template {
    const cached = this.templates.get(key);
    if (cached) return cached;
    const template = compileTemplate(this.environment, source, file);
    this.templates.set(key, template);
    return template;
  }

  private withState<T>(state: RenderState, render: () => T): T {
    const previous = this.state;
    this.state = state;
    try {
      return render();
    } finally {
      this.state = previous;
    }
  }

  /** Parse-time render: what the node refers to and configures. Nothing reaches the warehouse. */
  parse(node: Node): ParseCapture {
    const capture: ParseCapture = { refs: [], sources: [], config: {} };
    const template = this.template(node.uniqueId, node.rawCode, node.originalFilePath);
    this.withState({ node, execute: false, capture, results: new Map(), pending: [] }, () =>
      renderTemplate(template, this.context, node.originalFilePath),
    );
    return capture;
  }

  /** Execute-time render of a node's SQL (or of `source` in the node's place, e.g. a hook or a test). */
  async render(node: Node, options: ExecuteOptions, source?: { key: string; text: string }): Promise<string> {
    const template = source ? this.template(source.key, source.text, node.originalFilePath) : this.template(node.uniqueId, node.rawCode, node.originalFilePath);
    return this.suspending(node, options, () => renderTemplate(template, this.context, node.originalFilePath));
  }

  /** Execute-time render with no warehouse (benchmarks, offline compile): no ephemeral inlining. */
  renderSync(node: Node, options: Omit<ExecuteOptions, 'warehouse'> = {}): string {
    const template = this.template(node.uniqueId, node.rawCode, node.originalFilePath);
    return this.withState({ node, execute: true, options, results: new Map(), pending: [] }, () => renderTemplate(template, this.context, node.originalFilePath));
  }

  /**
   * What lint reads: the node's SQL rendered with refs resolved and no warehouse, and where each piece of
   * it came from in the file (see recordSourceMap).
   */
  renderWithSourceMap(node: Node): { sql: string; map: SourceMap } {
    const template = this.template(node.uniqueId, node.rawCode, node.originalFilePath);
    const map: SourceMap = [];
    const sql = this.withState({ node, execute: true, options: { offline: true }, results: new Map(), pending: [] }, () =>
      recordSourceMap(map, () => renderTemplate(template, this.context, node.originalFilePath)),
    );
    return { sql, map };
  }

  /** Runs `work` in an execute-time state, answering its warehouse questions until it completes. */
  private async suspending<T>(node: Node | undefined, options: ExecuteOptions, work: () => T): Promise<T> {
    for (let attempt = 0; attempt < MAX_SUSPENSIONS; attempt++) {
      const state: RenderState = { node, execute: true, options, results: new Map(), pending: [] };
      try {
        return this.withState(state, work);
      } catch (error) {
        if (!state.pending.length) throw error;
        for (const item of state.pending) {
          if (!this.cache.has(item.key)) this.cache.set(item.key, await item.run());
        }
      }
    }
    throw new SluiceError(`Rendering asked the warehouse more than ${MAX_SUSPENSIONS} questions`, {
      file: node?.originalFilePath,
      hint: 'a macro may build queries in a loop that never settles',
    });
  }

  /** Calls a macro by name in a node's context, at parse time (no warehouse). */
  callMacro(name: string, args: unknown[], kwargs: Record<string, unknown>, node?: Node): unknown {
    const macro = this.findMacro(name);
    if (!macro) throw new SluiceError(`Macro '${name}' not found`);
    return this.withState({ node, execute: false, results: new Map(), pending: [] }, () => macro(...args, makeKeywordArgs(kwargs)));
  }

  /** Calls a macro at execute time (tests), answering its warehouse questions. */
  async callMacroExecuting(name: string, args: unknown[], kwargs: Record<string, unknown>, node: Node, options: ExecuteOptions, namespace?: string): Promise<unknown> {
    const macro = namespace ? this.macrosByPackage.get(namespace)?.get(name) : this.findMacro(name);
    if (!macro) {
      throw new SluiceError(`Test macro '${namespace ? `${namespace}.` : ''}${name}' not found`, {
        file: node.yamlPlace?.file ?? node.originalFilePath,
        line: node.yamlPlace?.line,
        hint: `define it with {% test ${name.replace(/^test_/, '')}(model, column_name) %} in macros/ or tests/generic/`,
      });
    }
    return this.suspending(node, options, () => macro(...args, makeKeywordArgs(kwargs)));
  }

  /** Renders a string (a var's value, a hook, a test argument) with the current context. */
  renderString(text: string, node?: Node): string {
    const template = this.template(`string:${text}`, text, node?.originalFilePath ?? '<string>');
    return renderTemplate(template, this.context, node?.originalFilePath ?? '<string>');
  }

  /** Evaluates a test argument such as `ref('customers')` to a value, at execute time. */
  async evaluateExpression(text: string, node: Node, options: ExecuteOptions): Promise<unknown> {
    let captured: unknown;
    const key = `expression:${text}`;
    const capture = (value: unknown) => {
      captured = value;
      return '';
    };
    const template = this.template(key, `{{ __sluice_capture(${text}) }}`, node.yamlPlace?.file ?? node.originalFilePath);
    const view = contextView(this.context);
    view.__sluice_capture = capture;
    await this.suspending(node, options, () => renderTemplate(template, view, node.originalFilePath));
    return captured;
  }

  macroExists(name: string, namespace?: string): boolean {
    return namespace ? (this.macrosByPackage.get(namespace)?.has(name) ?? false) : this.findMacro(name) !== undefined;
  }

  /** Values for SQL literals in unit-test fixtures. */
  literal(value: SqlValue): string {
    return this.dialect.literal(value);
  }
}

/** A view of the context that keeps its getters live (an object spread would freeze them). */
function contextView(context: Record<string, unknown>): Record<string, unknown> {
  return Object.create(context) as Record<string, unknown>;
}

function mergeCaptured(existing: Record<string, unknown>, update: Record<string, unknown>): Record<string, unknown> {
  const merged = { ...existing };
  for (const [key, value] of Object.entries(update)) {
    if ((key === 'tags' || key === 'pre_hook' || key === 'post_hook' || key === 'pre-hook' || key === 'post-hook') && merged[key] !== undefined) {
      merged[key] = [...toList(merged[key]), ...toList(value)];
    } else merged[key] = value;
  }
  return merged;
}

function toList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** dbt's var precedence: --vars, root vars (package-scoped, then global), the package's own vars. */
export function lookupVar(project: Project, packageName: string, key: string): { found: boolean; value?: unknown } {
  if (key in project.cliVars) return { found: true, value: project.cliVars[key] };
  const rootScoped = project.vars[packageName];
  if (packageName !== project.name && rootScoped && typeof rootScoped === 'object' && key in (rootScoped as object)) {
    return { found: true, value: (rootScoped as Record<string, unknown>)[key] };
  }
  const packageNames = new Set(project.packages.map((pkg) => pkg.name));
  if (key in project.vars && !packageNames.has(key)) return { found: true, value: project.vars[key] };
  const pkg = project.packages.find((item) => item.name === packageName);
  const pkgVars = pkg?.project.vars as Record<string, unknown> | undefined;
  if (pkgVars && packageName !== project.name) {
    const scoped = pkgVars[packageName];
    if (scoped && typeof scoped === 'object' && key in (scoped as object)) return { found: true, value: (scoped as Record<string, unknown>)[key] };
    if (key in pkgVars) return { found: true, value: pkgVars[key] };
  }
  return { found: false };
}
