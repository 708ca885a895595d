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
import { randomUUID } from 'node:crypto';
import { isAbsolute, resolve as resolvePath } from 'node:path';
import nunjucks from 'nunjucks';
import { SluiceError, didYouMean } from '../errors.js';
import type { Macro, Node, Project, RefCall } from '../project/types.js';
import type { Column, QueryResult, Relation, SqlDialect, SqlValue, Warehouse } from '../warehouse/warehouse.js';
import { bindArguments } from './call-args.js';
import { createJinjaEnvironment } from './jinja-environment.js';
import { runStartedAt as utcDatetime } from './python-modules.js';
import { baseContext } from './base-context.js';
import { CanonicalName, CteRelation, ExternalRelation, RelationObject } from './relation-object.js';
import { QueryTable } from './query-table.js';
import { ColumnObject } from './column-object.js';
import { nodeDocument } from '../project/node-document.js';
import { targetContext } from '../project/target-context.js';
import { pyStr } from './python-values.js';
import { recordSourceMap, type SourceMap } from './jinja-interpreter.js';
import { compileTemplate, getExportedMacros, jinjaReturn, makeKeywordArgs, renderTemplate, splitKeywordArgs, toNative } from './template.js';
import { MACRO_INFO, PY_CALL, withUndefinedMode, type JinjaFunction } from './jinja-runtime.js';

/** What a parse-time render found. */
export interface ParseCapture {
  refs: RefCall[];
  sources: Array<[string, string]>;
  config: Record<string, unknown>;
  /** unique_ids of the macros the node calls itself (dbt's depends_on.macros: not those macros call). */
  macros: string[];
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
  /** The target's schema (and database) as this render sees them: a hook in an environment sees the environment's. */
  targetPlace?: { database?: string; schema: string };
  /** Collects the questions the render asked the warehouse (`query:<sql>`, `columns:<relation>`, …). */
  questions?: string[];
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
  /** Warehouse work a render asked for that is not answered yet. */
  pending: Array<{ key: string; run: () => Promise<unknown> }>;
  /**
   * The warehouse's answers to this render's questions, kept across its replays and no longer: the next
   * render asks again (a relation it reads may have been built since), and two identical statements in
   * one render are two questions (keyed by their place in the render's sequence of questions).
   */
  answers?: Map<string, unknown>;
  asked?: number;
  /**
   * What log(), print() and exceptions.warn() said at execute time: printed once, when the render
   * completes — a pass that stops to ask the warehouse is replayed, and would say it again.
   */
  messages?: string[];
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
  /** The dbt command running (`flags.WHICH`): compile, run, test, build, seed… */
  command = 'run';
  /** Whether exceptions.warn() is an error (--warn-error). */
  warnError = false;
  private readonly environment: nunjucks.Environment;
  private readonly templates = new Map<string, nunjucks.Template>();
  private readonly macrosByPackage = new Map<string, Map<string, MacroFunction>>();
  private readonly internalPackages = new Set<string>();
  private internalMacroMap: Map<string, MacroFunction> | undefined;
  /** dbt's `graph` as parse-time renders see it, then as execute-time renders do (see graphDict). */
  private readonly graphs: { parse?: Record<string, unknown>; execute?: Record<string, unknown> } = {};
  /** How many times `graph` was built and how many node documents it made: tests check that it is built once. */
  readonly graphStats = { builds: 0, documents: 0 };
  private macroDepth = 0;
  private readonly namespaces = new Map<string, Record<string, MacroFunction>>();
  private readonly macroFiles = new Map<string, Macro>();
  private readonly lookupOrders = new Map<string, Array<(name: string) => unknown>>();
  /** adapter.dispatch's answers for a namespace's named packages, by namespace and macro name. */
  private readonly dispatched = new Map<string, MacroFunction>();
  private readonly log: (message: string) => void;
  private readonly env: NodeJS.ProcessEnv;
  private state: RenderState = { node: undefined, execute: false, results: new Map(), pending: [] };
  readonly context: Record<string, unknown>;
  readonly warnings: string[] = [];

  constructor(options: RendererOptions) {
    this.project = options.project;
    this.dialect = options.dialect;
    this.invocationId = options.invocationId ?? options.project.invocationId ?? randomUUID();
    this.runStartedAt = options.runStartedAt ?? options.project.runStartedAt ?? new Date();
    this.log = options.log ?? ((message) => process.stdout.write(`${message}\n`));
    this.env = options.env ?? process.env;
    this.environment = createJinjaEnvironment();
    this.context = this.buildContext();
    this.loadMacros();
  }

  // ---- macros ------------------------------------------------------------------------------------

  private loadMacros(): void {
    const files = new Map<string, { packageName: string; source: string; file: string }>();
    for (const macro of this.project.macros.values()) {
      this.macroFiles.set(macro.uniqueId, macro);
      files.set(macro.absolutePath, { packageName: macro.packageName, source: macro.fileSource, file: macro.originalFilePath });
    }
    for (const pkg of this.project.packages) {
      this.macrosByPackage.set(pkg.name, new Map());
      if (pkg.internal) this.internalPackages.add(pkg.name);
    }
    for (const { packageName, source, file } of files.values()) {
      const template = compileTemplate(this.environment, source, file);
      const exported = getExportedMacros(template, this.context, file) as Record<string, MacroFunction>;
      const target = this.macrosByPackage.get(packageName)!;
      for (const [name, fn] of Object.entries(exported)) target.set(name, this.tracked(`macro.${packageName}.${name}`, fn));
    }
    // Every name a template may reach through the macro namespace becomes a context name that looks it
    // up for the node being rendered. As in dbt, a macro wins over a context member of the same name.
    const names = new Set<string>(this.macrosByPackage.keys());
    for (const macros of this.macrosByPackage.values()) for (const name of macros.keys()) names.add(name);
    for (const name of names) {
      const builtin = Object.getOwnPropertyDescriptor(this.context, name);
      const fallback = builtin ? () => (builtin.get ? builtin.get.call(this.context) : builtin.value) : () => undefined;
      Object.defineProperty(this.context, name, {
        enumerable: true,
        configurable: true,
        get: () => this.lookupMacroName(name) ?? fallback(),
        // `{% set x = … %}` at a template's top level writes template variables, never the context; a
        // direct assignment (a test overriding a member) replaces the lookup.
        set: (value: unknown) => Object.defineProperty(this.context, name, { enumerable: true, configurable: true, writable: true, value }),
      });
    }
  }

  /**
   * A macro that records, while a node is parsed, that the node calls it — only calls made by the node
   * itself, not by other macros, as dbt's depends_on.macros lists them.
   */
  private tracked(uniqueId: string, macro: MacroFunction): MacroFunction {
    const call = <T>(work: () => T): T => {
      const capture = this.state.capture;
      if (capture && this.macroDepth === 0 && !capture.macros.includes(uniqueId)) capture.macros.push(uniqueId);
      this.macroDepth++;
      try {
        return work();
      } finally {
        this.macroDepth--;
      }
    };
    const wrapped = ((...args: unknown[]) => call(() => macro(...args))) as JinjaFunction;
    const impl = (macro as JinjaFunction)[PY_CALL];
    // The runtime calls a macro through its Python calling convention when it has one: track that too.
    if (impl) wrapped[PY_CALL] = (args, kwargs) => call(() => impl(args, kwargs));
    wrapped[MACRO_INFO] = (macro as JinjaFunction)[MACRO_INFO];
    Object.defineProperty(wrapped, 'name', { value: macro.name });
    return wrapped;
  }

  /**
   * A package's macros as templates reach them: `dbt_utils.star(…)`, `dbt.dateadd(…)`. A plain dict, as in
   * dbt, so that `dbt_utils._is_relation` (a leading underscore) and `dbt_utils.get('x')` behave the same.
   */
  private namespaceOf(packageName: string): Record<string, MacroFunction> {
    let namespace = this.namespaces.get(packageName);
    if (!namespace) {
      const macros = this.internalPackages.has(packageName) ? this.internalMacros() : this.macrosByPackage.get(packageName)!;
      namespace = Object.fromEntries(macros);
      this.namespaces.set(packageName, namespace);
    }
    return namespace;
  }

  /** The internal packages' macros as one namespace (dbt's global project namespace), the first package winning. */
  private internalMacros(): Map<string, MacroFunction> {
    if (!this.internalMacroMap) {
      this.internalMacroMap = new Map();
      for (const packageName of [...this.internalPackages].reverse()) {
        for (const [name, fn] of this.macrosByPackage.get(packageName) ?? []) this.internalMacroMap.set(name, fn);
      }
    }
    return this.internalMacroMap;
  }

  /**
   * dbt's flat macro namespace for a node of `nodePackage`, in order: the node's own package's macros,
   * the root project's macros, the packages by name (`dbt_utils`), `dbt`, then dbt's own macros by bare
   * name. A macro of another installed package is never reached by its bare name.
   */
  private lookupOrder(nodePackage: string): Array<(name: string) => unknown> {
    let order = this.lookupOrders.get(nodePackage);
    if (!order) {
      const local = this.internalPackages.has(nodePackage) ? undefined : this.macrosByPackage.get(nodePackage);
      const root = this.macrosByPackage.get(this.project.name);
      const internal = this.internalMacros();
      order = [
        ...(local && nodePackage !== this.project.name ? [(name: string) => local.get(name)] : []),
        (name: string) => root?.get(name),
        (name: string) => (this.macrosByPackage.has(name) && !this.internalPackages.has(name) ? this.namespaceOf(name) : undefined),
        (name: string) => (this.internalPackages.has(name) ? this.namespaceOf(name) : undefined),
        (name: string) => internal.get(name),
      ];
      this.lookupOrders.set(nodePackage, order);
    }
    return order;
  }

  /** What a bare name in a template means through the macro namespace (a macro or a package namespace). */
  private lookupMacroName(name: string): unknown {
    const overrides = this.state.options?.unitTest?.macroOverrides;
    if (overrides && name in overrides) {
      const value = overrides[name];
      return () => value;
    }
    for (const find of this.lookupOrder(this.state.node?.packageName ?? this.project.name)) {
      const found = find(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** A macro by bare name, as a template in the current node would reach it. */
  findMacro(name: string): MacroFunction | undefined {
    const found = this.lookupMacroName(name);
    return typeof found === 'function' ? (found as MacroFunction) : undefined;
  }

  /** dbt's own macro for generate_x_name, or the root project's, else the package's (dbt's order for it). */
  private generateNameMacro(name: string, packageName: string): MacroFunction | undefined {
    return this.macrosByPackage.get(this.project.name)?.get(name) ?? this.macrosByPackage.get(packageName)?.get(name) ?? this.internalMacros().get(name);
  }

  /**
   * Whether naming a node of `packageName` needs its macro rendered: the root project or the package
   * defines `name`, or the root defines an implementation dbt's own `name` dispatches to.
   */
  overridesGenerateName(name: string, packageName: string): boolean {
    const root = this.macrosByPackage.get(this.project.name);
    if (root?.has(name) || (packageName !== this.project.name && this.macrosByPackage.get(packageName)?.has(name))) return true;
    return this.adapterPrefixes().some((prefix) => root?.has(`${prefix}__${name}`));
  }

  /** Calls generate_schema/alias/database_name for a node, at parse time, as dbt finds it. */
  callGenerateName(name: string, args: unknown[], node: Node): unknown {
    const macro = this.generateNameMacro(name, node.packageName);
    if (!macro) throw new SluiceError(`Macro '${name}' not found`);
    return this.withState({ node, execute: false, results: new Map(), pending: [] }, () => macro(...args));
  }

  /** dbt's `get_from_package`: a bare lookup (null), the internal namespace, or one package's macros. */
  private macroFromPackage(packageName: string | null, name: string): MacroFunction | undefined {
    if (packageName === null) return this.findMacro(name);
    if (this.internalPackages.has(packageName)) return this.internalMacros().get(name);
    return this.macrosByPackage.get(packageName)?.get(name);
  }

  /** The adapter prefixes dispatch tries, in order: the adapter, its parents, then `default`. */
  private adapterPrefixes(): string[] {
    return [...ADAPTER_LINEAGE[this.dialect.name] ?? [this.dialect.name], 'default'];
  }

  /**
   * `adapter.dispatch(name, namespace)` as dbt resolves it: the packages to search are the root's
   * `dispatch:` search_order for the namespace, else the root project then the namespace when it is a
   * known package, else the node's flat namespace; in each, `<adapter>__name`, parents', `default__name`.
   */
  private dispatch(name: string, namespace?: string | null): MacroFunction {
    if (name.includes('.')) {
      const [suggestedNamespace, suggestedName] = [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)];
      throw new SluiceError(`In adapter.dispatch, got a macro name of "${name}", but "." is not a valid macro name component`, {
        file: this.state.node?.originalFilePath,
        hint: `did you mean adapter.dispatch("${suggestedName}", macro_namespace="${suggestedNamespace}")?`,
      });
    }
    let packages: Array<string | null> = [null];
    if (namespace) {
      const searchOrder = this.dispatchSearchOrder(namespace);
      if (searchOrder) packages = searchOrder;
      else if (this.macrosByPackage.has(namespace)) packages = [this.project.name, namespace];
    }
    // Named packages answer the same for every node: found once (dbt's own macros dispatch on every call).
    const key = packages.includes(null) ? undefined : `${namespace}\0${name}`;
    const known = key === undefined ? undefined : this.dispatched.get(key);
    if (known) return known;
    for (const packageName of packages) {
      for (const prefix of this.adapterPrefixes()) {
        const macro = this.macroFromPackage(packageName, `${prefix}__${name}`);
        if (macro && key !== undefined) this.dispatched.set(key, macro);
        if (macro) return macro;
      }
    }
    const attempts = packages.flatMap((packageName) => this.adapterPrefixes().map((prefix) => (packageName === null ? '' : `${packageName}.`) + `${prefix}__${name}`));
    throw new SluiceError(`In dispatch: no macro named '${name}' found within namespace '${namespace ?? 'None'}'`, {
      file: this.state.node?.originalFilePath,
      hint: `searched for ${attempts.join(', ')}`,
    });
  }

  /** The root project's `dispatch:` search order for a namespace (dbt reads only the root's). */
  private dispatchSearchOrder(namespace: string): string[] | undefined {
    const dispatch = this.project.projectFile.dispatch;
    if (!Array.isArray(dispatch)) return undefined;
    const entry = dispatch.find((item) => isPlainRecord(item) && item.macro_namespace === namespace);
    return isPlainRecord(entry) && Array.isArray(entry.search_order) && entry.search_order.length ? entry.search_order.map(String) : undefined;
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
    const base = baseContext({ runStartedAt: this.runStartedAt, invocationId: this.invocationId, log: this.log, file: () => this.state.node?.originalFilePath });
    for (const [name, item] of Object.entries(base)) value(name, item);

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
    value('exceptions', {
      raise_compiler_error: (message: unknown) => {
        throw new SluiceError(`Compilation error: ${String(message)}`, { file: this.state.node?.originalFilePath });
      },
      warn: (message: unknown) => {
        // dbt's --warn-error (or its options naming JinjaLogWarning) makes exceptions.warn an error.
        if (this.warnError) throw new SluiceError(`Compilation error (--warn-error): ${String(message)}`, { file: this.state.node?.originalFilePath });
        // At parse time the warnings are printed after loading; at execute time, as the run goes.
        if (this.state.execute) this.say(`Warning: ${String(message)}${this.state.node ? ` (${this.state.node.originalFilePath})` : ''}`);
        else this.warnings.push(String(message));
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
      if (info && this.state.execute) this.say(String(msg));
      return '';
    });
    value('print', (message: unknown) => {
      if (this.state.execute) this.say(String(message));
      return '';
    });
    const runStartedAt = utcDatetime(this.runStartedAt);
    const canonicalTime = utcDatetime(CANONICAL_TIME);
    dynamic('run_started_at', () => (this.state.options?.canonical ? canonicalTime : runStartedAt));
    dynamic('invocation_id', () => (this.state.options?.canonical ? CANONICAL_INVOCATION : this.invocationId));
    value('project_name', this.project.name);
    // dbt's flags: WHICH is the command running (macros skip work at compile time with it).
    dynamic('flags', () => ({ FULL_REFRESH: Boolean(this.state.options?.fullRefresh), STORE_FAILURES: false, WHICH: this.command, WARN_ERROR: false, FAIL_FAST: false, INTROSPECT: true }));
    // Its members read the node being rendered when called, so one object serves every render.
    let adapter: ReturnType<Renderer['adapterObject']> | undefined;
    dynamic('adapter', () => (adapter ??= this.adapterObject()));
    value('api', { Relation: this.relationClass(), Column: this.columnClass() });
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
    value('doc', (name: unknown) => {
      const text = this.project.docs.get(String(name));
      if (text === undefined) throw new SluiceError(`Documentation block '${String(name)}' not found`, { file: this.state.node?.originalFilePath, hint: didYouMean(String(name), this.project.docs.keys()) });
      return text;
    });
    // dbt's originals, for a project that overrides ref() or source() with a macro of that name.
    const builtinRef = (...args: unknown[]) => this.ref(args);
    // dbt's ref is an object carrying the run's config; packages (elementary) read it as builtins.ref.config.
    Object.defineProperty(builtinRef, 'config', { enumerable: true, get: () => this.runtimeConfig() });
    const builtinSource = (...args: unknown[]) => this.source(args);
    dynamic('builtins', () => ({ ref: builtinRef, source: builtinSource, config: this.configObject() }));
    return context;
  }

  /** The parts of dbt's RuntimeConfig templates read: the project, its packages with their versions, vars. */
  private runtimeConfig(): Record<string, unknown> {
    const { project } = this;
    const dependencies = Object.fromEntries(
      project.packages.map((pkg) => [pkg.name, { project_name: pkg.name, version: typeof pkg.project.version === 'string' || typeof pkg.project.version === 'number' ? String(pkg.project.version) : null }]),
    );
    return {
      project_name: project.name,
      version: project.projectFile.version ?? null,
      profile_name: project.profile.profileName,
      target_name: project.profile.targetName,
      dependencies,
      vars: { ...project.vars, ...project.cliVars },
      args: {},
    };
  }

  private targetDict(): Record<string, unknown> {
    const target = targetContext(this.project.profile);
    const place = this.state.options?.targetPlace;
    if (!place) return target;
    return { ...target, schema: place.schema, ...(place.database === undefined ? {} : { database: place.database, catalog: place.database }) };
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

  /**
   * dbt's `graph`: every node as the manifest describes it. Built the first time a template reads it, then
   * kept: once for parsing and once for execution, the nodes being complete only once parsing is done (dbt
   * documents that `graph` is incomplete while parsing). A node's document is made when a template first
   * reads it — most read one node (their own, a parent) — so a project of thousands of nodes does not pay
   * for all of them.
   */
  private graphDict(): Record<string, unknown> {
    const phase = this.state.execute ? 'execute' : 'parse';
    const built = this.graphs[phase];
    if (built) return built;
    this.graphStats.builds++;
    const nodes: Record<string, unknown> = {};
    const sources: Record<string, unknown> = {};
    const exposures: Record<string, unknown> = {};
    const unitTests: Record<string, unknown> = {};
    for (const node of this.project.nodes.values()) {
      const group = node.resourceType === 'source' ? sources : node.resourceType === 'exposure' ? exposures : node.resourceType === 'unit_test' ? unitTests : nodes;
      lazyEntry(group, node.uniqueId, () => this.nodeGraphDocument(node));
    }
    const graph = { nodes, sources, exposures, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {}, unit_tests: unitTests };
    this.graphs[phase] = graph;
    return graph;
  }

  private nodeGraphDocument(node: Node): Record<string, unknown> {
    this.graphStats.documents++;
    const ephemeral = node.resourceType === 'model' && node.config.materialized === 'ephemeral';
    const builtNowhere = ephemeral || node.resourceType === 'exposure' || node.resourceType === 'unit_test';
    return nodeDocument(node, { relation: node.relation, relationName: builtNowhere ? null : this.dialect.relationName(node.relation) });
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
    const target = this.resolver.source(node, sourceName, tableName);
    if (this.state.options?.canonical) return new CanonicalName(`source(${target.uniqueId})`);
    const relation = this.resolver.relationOf(target);
    const location = this.dialect.name === 'duckdb' ? externalLocation(target, relation, this.project.root) : undefined;
    return location ? new ExternalRelation(location, relation, this.dialect) : this.relationObject(relation);
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
      code: 'env-var-unset',
      details: { variable: key },
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
      // What run-operation macros manage schemas and relations with.
      create_schema: (relation: RelationObject) => this.executeFor('create_schema', this.dialect.createSchema(relation.database, relation.schema)),
      drop_schema: (relation: RelationObject) => this.executeFor('drop_schema', this.dialect.dropSchema(relation.database, relation.schema)),
      drop_relation: (relation: RelationObject) => this.dropRelation(relation),
      quote_as_configured: (identifier: unknown) => String(identifier),
      Relation: this.relationClass(),
      Column: this.columnClass(),
      behavior: this.behaviorFlags(),
    };
  }

  /** `api.Column` / `adapter.Column`: `Column.create(name, type)`. */
  private columnClass() {
    const dialect = this.dialect;
    return {
      create: (...args: unknown[]) => {
        const { name, label_or_dtype } = bindArguments(args, ['name', 'label_or_dtype']);
        return ColumnObject.create(String(name), String(label_or_dtype), dialect);
      },
      translate_type: (dtype: unknown) => ColumnObject.translateType(String(dtype), dialect),
      string_type: (size: unknown) => ColumnObject.stringType(Number(size), dialect),
      numeric_type: (...args: unknown[]) => {
        const { dtype, precision, scale } = bindArguments(args, ['dtype', 'precision', 'scale']);
        const number = (value: unknown) => (value === null || value === undefined ? null : Number(value));
        return ColumnObject.numericType(String(dtype), number(precision), number(scale), dialect);
      },
    };
  }

  /** `api.Relation` / `adapter.Relation`: create, and the ephemeral CTE prefix dbt_utils checks for. */
  private relationClass() {
    return {
      create: (...args: unknown[]) => this.createRelation(args),
      add_ephemeral_prefix: (name: unknown) => `__dbt__cte__${String(name)}`,
    };
  }

  /**
   * `adapter.behavior.<flag>`: dbt's behaviour flags, set under `flags:` in dbt_project.yml. Each reads
   * `.setting` and `.no_warn` (macros ask the latter so that reading it does not warn).
   */
  private behaviorFlags(): Record<string, { setting: boolean; no_warn: boolean }> {
    const defaults: Record<string, boolean> = { enable_truthy_nulls_equals_macro: false };
    const configured = this.project.projectFile.flags;
    const flags: Record<string, { setting: boolean; no_warn: boolean }> = {};
    const entries = { ...defaults, ...(isPlainRecord(configured) ? configured : {}) };
    for (const [name, value] of Object.entries(entries)) flags[name] = { setting: value === true, no_warn: value === true };
    return flags;
  }

  private createRelation(args: unknown[]): RelationObject {
    const { database, schema, identifier, type } = bindArguments(args, ['database', 'schema', 'identifier', 'type']);
    return this.relationObject(
      { database: database ? String(database) : undefined, schema: schema ? String(schema) : '', identifier: identifier ? String(identifier) : '' },
      type ? String(type) : undefined,
    );
  }

  // ---- warehouse access from templates -----------------------------------------------------------

  /** Returns this render's answer to its n-th question `key`, or records the work and stops the render. */
  private fromWarehouse<T>(key: string, run: (warehouse: Warehouse) => Promise<T>): T {
    if (this.state.options?.offline) return offlineAnswer(key) as T;
    const place = `${(this.state.asked = (this.state.asked ?? 0) + 1)}:${key}`;
    const answers = this.state.answers;
    if (answers?.has(place)) return answers.get(place) as T;
    const warehouse = this.state.options?.warehouse;
    if (!warehouse || !answers) throw new SluiceError('This template needs the warehouse, which is only reached while building', { file: this.state.node?.originalFilePath });
    this.state.pending.push({ key: place, run: () => run(warehouse) });
    throw new Suspend(key);
  }

  private runQuery(sql: string): QueryTable | undefined {
    if (!this.state.execute) return undefined;
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

  /** An adapter method that runs one statement: at execute time only (parsing runs nothing), and returns nothing. */
  private executeFor(method: string, sql: string): string {
    if (!this.state.execute) return '';
    this.fromWarehouse(`${method}:${sql}`, async (warehouse) => {
      await warehouse.execute(sql);
      return null;
    });
    return '';
  }

  /** `adapter.drop_relation`: drops the relation as what it is (a view or a table), if it exists. */
  private dropRelation(relation: RelationObject): string {
    if (!this.state.execute) return '';
    const target = relation.toRelation();
    this.fromWarehouse(`drop_relation:${this.dialect.relationName(target)}`, async (warehouse) => {
      const type = await warehouse.getRelationType(target);
      if (type) await warehouse.execute(warehouse.dialect.dropRelation(target, type));
      return null;
    });
    return '';
  }

  private getRelation(relation: Relation): RelationObject | null {
    if (!this.state.execute) return null;
    const type = this.fromWarehouse(`relation:${this.dialect.relationName(relation)}`, (warehouse) => warehouse.getRelationType(relation));
    return type ? this.relationObject(relation, type) : null;
  }

  private getColumns(relation: RelationObject): ColumnObject[] {
    if (!this.state.execute || !(relation instanceof RelationObject) || relation instanceof CteRelation) return [];
    const columns = this.fromWarehouse<Column[] | null>(`columns:${relation.toString()}`, (warehouse) => warehouse.getColumns(relation.toRelation()));
    return (columns ?? []).map((column) => new ColumnObject(column.name, column.type, this.dialect));
  }

  // ---- rendering ---------------------------------------------------------------------------------

  private template(key: string, source: string, file: string): nunjucks.Template {
    const cached = this.templates.get(key);
    if (cached) return cached;
    const template = compileTemplate(this.environment, source, file);
    this.templates.set(key, template);
    return template;
  }

  /** A node's compiled template, keyed by its file too: same-named variants of a model share a unique_id. */
  private nodeTemplate(node: Node): nunjucks.Template {
    return this.template(`${node.uniqueId}@${node.originalFilePath}`, node.rawCode, node.originalFilePath);
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
    const capture: ParseCapture = { refs: [], sources: [], config: {}, macros: [] };
    const template = this.nodeTemplate(node);
    // As dbt parses (capture_macros): an undefined name's attributes, items and calls are undefined, not errors.
    this.withState({ node, execute: false, capture, results: new Map(), pending: [] }, () =>
      renderTemplate(template, this.context, node.originalFilePath, { lenientUndefined: true }),
    );
    return capture;
  }

  /**
   * Parse-time call of a generic test's macro, as dbt parses a test node: what matters is the `config()`
   * the test definition calls (`{% test is_empty(model) %}{{ config(severity='warn') }}…`). Arguments
   * are passed as written; anything undefined is lenient, as at parse time.
   */
  parseGenericTest(node: Node): ParseCapture {
    const capture: ParseCapture = { refs: [], sources: [], config: {}, macros: [] };
    const metadata = node.testMetadata!;
    const macro = this.testMacro(`test_${metadata.name}`, metadata.namespace);
    if (!macro) return capture;
    const kwargs: Record<string, unknown> = { ...metadata.kwargs, model: this.relationObject(node.relation) };
    if (node.columnName !== undefined) kwargs.column_name = node.columnName;
    this.withState({ node, execute: false, capture, results: new Map(), pending: [] }, () =>
      withUndefinedMode(true, () => {
        try {
          macro(makeKeywordArgs(kwargs));
        } catch {
          // A test macro that cannot run on unrendered arguments still parsed: its config() calls so far count.
        }
      }),
    );
    return capture;
  }

  /** Execute-time render of a node's SQL (or of `source` in the node's place, e.g. a hook or a test). */
  async render(node: Node, options: ExecuteOptions, source?: { key: string; text: string }): Promise<string> {
    const template = source ? this.template(source.key, source.text, node.originalFilePath) : this.nodeTemplate(node);
    return this.suspending(node, options, () => renderTemplate(template, this.context, node.originalFilePath));
  }

  /**
   * Execute-time render of a standalone template in a node's place (an on-run-start/end hook, whose
   * context also holds `results` and `schemas`), answering its warehouse questions.
   */
  async renderWith(node: Node, text: string, extras: Record<string, unknown>, options: ExecuteOptions): Promise<string> {
    const template = this.template(`standalone:${node.uniqueId}:${text}`, text, node.originalFilePath);
    const view = contextView(this.context);
    Object.assign(view, extras);
    return this.suspending(node, options, () => renderTemplate(template, view, node.originalFilePath));
  }

  /** `run-operation`'s macro by name: `pkg.macro`, or the root project's, an installed package's, dbt's. */
  operationMacro(name: string): MacroFunction {
    const dot = name.indexOf('.');
    const macro = dot > 0 ? this.macroFromPackage(name.slice(0, dot), name.slice(dot + 1)) : this.testMacro(name);
    if (macro) return macro;
    const known = [...this.macrosByPackage.values()].flatMap((macros) => [...macros.keys()]);
    throw new SluiceError(`No macro named '${name}'`, { hint: didYouMean(name.slice(dot + 1), known) ?? 'define it in macros/ or install the package that has it' });
  }

  /** Calls a macro with keyword arguments at execute time, in the place of `node`, answering its warehouse questions. */
  async runOperation(macro: MacroFunction, kwargs: Record<string, unknown>, node: Node, options: ExecuteOptions): Promise<unknown> {
    return this.suspending(node, options, () => macro(makeKeywordArgs(kwargs)));
  }

  /** Execute-time render with no warehouse (benchmarks, offline compile): no ephemeral inlining. */
  renderSync(node: Node, options: Omit<ExecuteOptions, 'warehouse'> = {}): string {
    const template = this.nodeTemplate(node);
    return this.withState({ node, execute: true, options, results: new Map(), pending: [] }, () => renderTemplate(template, this.context, node.originalFilePath));
  }

  /**
   * What lint reads: the node's SQL rendered with refs resolved and no warehouse, and where each piece of
   * it came from in the file (see recordSourceMap).
   */
  renderWithSourceMap(node: Node): { sql: string; map: SourceMap } {
    const template = this.nodeTemplate(node);
    const map: SourceMap = [];
    const sql = this.withState({ node, execute: true, options: { offline: true }, results: new Map(), pending: [] }, () =>
      recordSourceMap(map, () => renderTemplate(template, this.context, node.originalFilePath)),
    );
    return { sql, map };
  }

  /** An execute-time message: held until the render completes (see RenderState.messages). */
  private say(message: string): void {
    if (this.state.messages) this.state.messages.push(message);
    else this.log(message);
  }

  /** Runs `work` in an execute-time state, answering its warehouse questions until it completes. */
  private async suspending<T>(node: Node | undefined, options: ExecuteOptions, work: () => T): Promise<T> {
    const answers = new Map<string, unknown>();
    for (let attempt = 0; attempt < MAX_SUSPENSIONS; attempt++) {
      const state: RenderState = { node, execute: true, options, results: new Map(), pending: [], answers, messages: [] };
      try {
        const result = this.withState(state, work);
        for (const message of state.messages!) this.log(message);
        options.questions?.push(...[...answers.keys()].map((place) => place.slice(place.indexOf(':') + 1)));
        return result;
      } catch (error) {
        // A failing render still says what it said before failing; a suspended one says it on its replay.
        if (!state.pending.length) {
          for (const message of state.messages!) this.log(message);
          throw error;
        }
        for (const item of state.pending) {
          if (!answers.has(item.key)) answers.set(item.key, await item.run());
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
    const macro = this.testMacro(name, namespace);
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

  /**
   * A generic test's macro (`test_unique`) as dbt finds it: in the named package, else the root project's,
   * else any installed package's, else dbt's own.
   */
  private testMacro(name: string, namespace?: string): MacroFunction | undefined {
    if (namespace) return this.macroFromPackage(namespace, name);
    const packages = [this.project.name, ...[...this.macrosByPackage.keys()].filter((pkg) => pkg !== this.project.name && !this.internalPackages.has(pkg))];
    for (const packageName of packages) {
      const macro = this.macrosByPackage.get(packageName)?.get(name);
      if (macro) return macro;
    }
    return this.internalMacros().get(name);
  }

  macroExists(name: string, namespace?: string): boolean {
    return this.testMacro(name, namespace) !== undefined;
  }

  /** Values for SQL literals in unit-test fixtures. */
  literal(value: SqlValue): string {
    return this.dialect.literal(value);
  }
}

type MacroFunction = (...args: unknown[]) => unknown;

/** The adapters whose macros an adapter inherits, nearest first (dbt's plugin dependencies). */
const ADAPTER_LINEAGE: Record<string, string[]> = {
  databricks: ['databricks', 'spark'],
  duckdb: ['duckdb'],
};

/**
 * Where a DuckDB source's data lives when it is files (dbt-duckdb's `external_location`, in the source's
 * meta or config): the template filled in with the source's name, identifier, schema, database and meta
 * (`formatter`: newstyle `{name}` by default, oldstyle `%(name)s`, or template `$name`), quoted unless it
 * is a function call or quoted already. A relative path is read from the project's folder, as when dbt
 * runs there.
 */
function externalLocation(source: Node, relation: Relation, projectRoot: string): string | undefined {
  const settings: Record<string, unknown> = { ...source.meta, ...source.config, ...(isPlainRecord(source.config.meta) ? source.config.meta : {}) };
  const template = settings.external_location;
  if (typeof template !== 'string' || !template) return undefined;
  const values: Record<string, unknown> = { ...settings, name: source.name, identifier: relation.identifier, schema: relation.schema, database: relation.database ?? null, tags: source.tags };
  const value = (key: string) => {
    if (!(key in values)) throw new SluiceError(`external_location of source '${source.sourceName}.${source.name}' names '${key}', which the source does not have`, { file: source.originalFilePath });
    return pyStr(values[key]);
  };
  const formatter = String(settings.formatter ?? 'newstyle');
  let location: string;
  if (formatter === 'newstyle') location = template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (whole, key?: string) => (key === undefined ? whole[0] : value(key)));
  else if (formatter === 'oldstyle') location = template.replace(/%%|%\(([^)]+)\)s/g, (whole, key?: string) => (key === undefined ? '%' : value(key)));
  else if (formatter === 'template') location = template.replace(/\$\$|\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, key?: string) => (key === undefined ? '$' : value(key)));
  else throw new SluiceError(`Formatter '${formatter}' of source '${source.sourceName}.${source.name}' is not one of newstyle, oldstyle, template`, { file: source.originalFilePath });
  if (location.includes('(') || location.startsWith("'")) return location;
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !isAbsolute(location);
  return `'${(local ? resolvePath(projectRoot, location) : location).replace(/'/g, "''")}'`;
}

/**
 * An entry of `target` made by `make` the first time it is read (or replaced by a write), then kept as a
 * plain value: enumerable and in place, so `items()`, `keys()`, `in`, `tojson` see it as any other entry.
 */
function lazyEntry(target: Record<string, unknown>, key: string, make: () => unknown): void {
  const settle = (value: unknown) => Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  Object.defineProperty(target, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      const value = make();
      settle(value);
      return value;
    },
    set: settle,
  });
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
