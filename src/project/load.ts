/**
 * Loading a project: dbt_project.yml, packages, profile, and every file a dbt project holds, into plain
 * `Node`s with their config resolved up to (not including) in-file `config()` calls, which rendering adds.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ProblemList, SluiceError, didYouMean } from '../errors.js';
import { blankNode } from './blank-node.js';
import { configFromProjectTree, defaultConfig, mergeConfig, unknownConfigKeys } from './config.js';
import { readDbtProject, type DbtProjectFile } from './dbt-project.js';
import { listFiles, toPosix } from './files.js';
import { GLOBAL_PROJECT_NAME, globalProjectFiles } from './global-project.js';
import { readPythonModel } from './python-model.js';
import { targetContext } from './target-context.js';
import { readSelectorsFile } from './selectors-file.js';
import { makeGenericTestNode, unknownTestMacros, type TestTarget } from './generic-tests.js';
import { loadProfile } from './profiles.js';
import { warnUnknownPropertyKeys } from './property-keys.js';
import { renderNativeValue, renderStringTemplate } from '../templating/render-string.js';
import { bindArguments } from '../templating/call-args.js';
import { lookupVar } from '../templating/renderer.js';
import { baseContext } from '../templating/base-context.js';
import type { ColumnInfo, Macro, Node, PackageInfo, Profile, Project, ResourceType, UnitTestDefinition, UnitTestInput, Warning } from './types.js';
import { isRecord, parseYaml, placeIn, readYaml, type YamlFile } from './yaml-file.js';
import { resolveSourceFreshness } from '../freshness/freshness-rule.js';

export interface LoadOptions {
  projectDir: string;
  profilesDir?: string;
  target?: string;
  /** `--vars`: a YAML/JSON mapping, as text or parsed. */
  vars?: string | Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** A profile is needed to build; `ls` and `compile` of a project without one may pass a stand-in. */
  profile?: Profile;
  /** Connection values that replace the profile target's (see loadProfile). */
  targetOverrides?: Record<string, string | null>;
  /** Lint needs no connection: an unset env_var() in profiles.yml reads as '' instead of failing. */
  lenientProfile?: boolean;
  /** The run's start and id, as templates see them (default: now, and a new id). */
  runStartedAt?: Date;
  invocationId?: string;
}

interface LoadedPackage {
  info: PackageInfo;
  file: DbtProjectFile;
  isRoot: boolean;
}

function profileOf(root: string, rootFile: DbtProjectFile, options: LoadOptions): Profile {
  const profileName = rootFile.profile ?? rootFile.name;
  return loadProfile({ projectDir: root, profileName, profilesDir: options.profilesDir, target: options.target, env: options.env, targetOverrides: options.targetOverrides, lenient: options.lenientProfile });
}

/** The profile target a project runs on, read without loading its models (the Action masks its secrets first). */
export function loadProjectProfile(options: LoadOptions): Profile {
  const root = resolve(options.projectDir);
  return profileOf(root, readDbtProject(root), options);
}

/** Reads the whole project. Throws SluiceError (exit 2) for anything invalid; warnings go to project.warnings. */
export function loadProject(options: LoadOptions): Project {
  const root = resolve(options.projectDir);
  const rootFile = readDbtProject(root);
  const warnings: Warning[] = [];
  const seenWarnings = new Set<string>();
  const cliVars = parseCliVars(options.vars);
  const profile = options.profile ?? profileOf(root, rootFile, options);

  const packages = discoverPackages(root, rootFile, warnings);
  const project: Project = {
    name: rootFile.name,
    root,
    packages: packages.map((pkg) => pkg.info),
    projectFile: rootFile.raw,
    nodes: new Map(),
    disabled: [],
    sameIdCandidates: [],
    macros: new Map(),
    docs: new Map(),
    vars: rootFile.vars,
    cliVars,
    profile,
    warnings,
    targetPath: resolve(root, rootFile.targetPath),
    selectors: new Map(),
    runStartedAt: options.runStartedAt ?? new Date(),
    invocationId: options.invocationId ?? randomUUID(),
  };

  for (const pkg of packages) renderProjectFile(pkg.file, project, options.env ?? process.env);
  // Every problem is collected, file by file, and reported together at the end.
  const problems = new ProblemList();
  const yamlFiles: Array<{ pkg: LoadedPackage; yaml: YamlFile<Record<string, unknown>>; relativeDir: string; resourceRoot: string }> = [];
  for (const pkg of packages) {
    loadMacros(project, pkg, problems);
    loadModels(project, pkg, rootFile, warnings, seenWarnings, problems);
    loadSeeds(project, pkg, rootFile, warnings, seenWarnings, problems);
    loadSingularTests(project, pkg, rootFile, warnings, seenWarnings, problems);
    loadSnapshots(project, pkg, rootFile, warnings, seenWarnings, problems);
    loadAnalyses(project, pkg, rootFile, warnings, seenWarnings, problems);
    loadDocs(project, pkg);
    for (const resourcePath of [...pkg.file.modelPaths, ...pkg.file.seedPaths, ...pkg.file.snapshotPaths, ...pkg.file.testPaths, ...pkg.file.macroPaths]) {
      const dir = join(pkg.info.root, resourcePath);
      for (const path of listFiles(dir, ['.yml', '.yaml'])) {
        const display = displayPath(root, join(dir, path));
        problems.attempt(() => yamlFiles.push({ pkg, yaml: readYaml(join(dir, path), display), relativeDir: dirname(path) === '.' ? '' : dirname(path), resourceRoot: resourcePath }));
      }
    }
  }
  // The project's own properties files: a typo in a key (`colums:`) would silently drop what is under it.
  warnUnknownPropertyKeys(yamlFiles.filter((entry) => entry.pkg.isRoot).map((entry) => entry.yaml), warnings);
  // Sources first: tests and unit tests in any file may point at them.
  for (const entry of yamlFiles) problems.attempt(() => loadSources(project, entry.pkg, entry.yaml, rootFile, warnings, seenWarnings));
  for (const entry of yamlFiles) problems.attempt(() => applyProperties(project, entry.pkg, entry.yaml, rootFile, entry.relativeDir, warnings, seenWarnings));
  for (const entry of yamlFiles) problems.attempt(() => loadUnitTestsAndExposures(project, entry.pkg, entry.yaml));
  loadGlobalProject(project, problems);
  for (const problem of unknownTestMacros(project)) problems.add(problem);
  renderDescriptions(project, problems);
  problems.attempt(() => {
    // selectors.yml is rendered as dbt_project.yml is: the target, env_var and --vars.
    const context = yamlContext(project, (name) => (name in cliVars ? { found: true, value: cliVars[name] } : { found: false }), options.env ?? process.env);
    project.selectors = readSelectorsFile(root, (value, file, line) => renderNativeValue(value, context, file, line));
  });
  problems.throwIfAny();
  setAsideDisabled(project);
  return project;
}

/**
 * Moves nodes whose config says `enabled: false` out of `nodes` (a same-id candidate that is enabled takes
 * the place of a disabled one). After loading, two enabled nodes of one unique_id wait for parsing (an
 * in-file config() may disable one); after parsing (`final`), they are an error, as in dbt.
 */
export function setAsideDisabled(project: Project, final = false): void {
  for (const [id, node] of [...project.nodes]) {
    if (node.config.enabled === false) {
      project.nodes.delete(id);
      project.disabled.push(node);
    }
  }
  const candidates = project.sameIdCandidates;
  project.sameIdCandidates = [];
  const problems = new ProblemList();
  for (const node of candidates) {
    const existing = project.nodes.get(node.uniqueId);
    if (node.config.enabled === false) project.disabled.push(node);
    else if (!existing) project.nodes.set(node.uniqueId, node);
    else if (final) problems.add(duplicateNodeError(existing, node));
    else project.sameIdCandidates.push(node);
  }
  problems.throwIfAny();
}

function displayPath(root: string, path: string): string {
  return toPosix(relative(root, path)) || basename(path);
}

export function parseCliVars(vars: LoadOptions['vars']): Record<string, unknown> {
  if (vars === undefined) return {};
  if (typeof vars !== 'string') return vars;
  const parsed = parseYaml<unknown>(vars, '--vars').value;
  if (!isRecord(parsed)) throw new SluiceError('--vars must be a YAML or JSON mapping', { hint: `e.g. --vars '{"start_date": "2024-01-01"}'` });
  return parsed;
}

function packageInfo(root: string, file: DbtProjectFile): PackageInfo {
  return {
    name: file.name,
    root,
    project: file.raw,
    macroPaths: file.macroPaths,
    modelPaths: file.modelPaths,
    seedPaths: file.seedPaths,
    testPaths: file.testPaths,
    snapshotPaths: file.snapshotPaths,
  };
}

/**
 * The root project, then every package `dbt deps` installed (each folder directly in dbt_packages/ with a
 * dbt_project.yml: a package's own integration_tests/ project is not a package), then `local:` packages
 * that are not installed there, read where packages.yml points. A package is known by the `name` in its
 * dbt_project.yml, not its folder.
 */
function discoverPackages(root: string, rootFile: DbtProjectFile, warnings: Warning[]): LoadedPackage[] {
  const packages: LoadedPackage[] = [{ info: packageInfo(root, rootFile), file: rootFile, isRoot: true }];
  const seenRoots = new Set([realpathSync(root)]);
  const add = (dir: string, declaredIn: string, line?: number, installedFirst = false) => {
    const real = realpathSync(dir);
    if (seenRoots.has(real)) return;
    seenRoots.add(real);
    const file = readDbtProject(dir, displayPath(root, join(dir, 'dbt_project.yml')));
    const clash = packages.find((pkg) => pkg.info.name === file.name);
    // A local: package that dbt deps installed (linked or copied) is read from dbt_packages/, as dbt does.
    if (clash && installedFirst && !clash.isRoot) return;
    if (clash) {
      throw new SluiceError(`Two packages are named '${file.name}': ${displayPath(root, clash.info.root)} and ${displayPath(root, dir)}`, { file: declaredIn, line, hint: 'remove one of them' });
    }
    packages.push({ info: packageInfo(dir, file), file, isRoot: false });
  };
  const installDir = join(root, rootFile.packagesInstallPath);
  const installed = existsSync(installDir)
    ? readdirSync(installDir)
        .sort()
        .filter((entry) => !entry.startsWith('.') && existsSync(join(installDir, entry, 'dbt_project.yml')))
    : [];
  for (const entry of installed) add(join(installDir, entry), rootFile.packagesInstallPath);
  const declared: string[] = [];
  for (const name of ['packages.yml', 'dependencies.yml']) {
    const path = join(root, name);
    if (!existsSync(path)) continue;
    const yaml = readYaml<Record<string, unknown>>(path, name);
    const list = yaml.value.packages;
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) throw new SluiceError(`'packages' in ${name} must be a list`, { file: name, line: yaml.lineOf(['packages']) });
    list.forEach((entry, index) => {
      const line = yaml.lineOf(['packages', index]);
      if (isRecord(entry) && typeof entry.local === 'string') {
        const dir = resolve(root, entry.local);
        if (existsSync(join(dir, 'dbt_project.yml'))) add(dir, name, line, true);
        else if (installed.length) warnings.push({ message: `local package ${entry.local} has no dbt_project.yml; using what ${rootFile.packagesInstallPath}/ holds`, file: name, line });
        else throw new SluiceError(`Package folder ${displayPath(root, dir)} has no dbt_project.yml`, { file: name, line, hint: 'check the local: path' });
      } else if (isRecord(entry) && (typeof entry.package === 'string' || typeof entry.git === 'string' || typeof entry.tarball === 'string' || typeof entry.private === 'string')) {
        declared.push(String(entry.package ?? entry.git ?? entry.tarball ?? entry.private));
      } else throw new SluiceError(`Unrecognised package entry in ${name}`, { file: name, line, hint: 'use local: <path>, package: <hub name>, git: <url> or tarball: <url>' });
    });
  }
  if (declared.length && installed.length === 0) {
    throw new SluiceError(`packages.yml lists ${declared.join(', ')} but ${rootFile.packagesInstallPath}/ has no installed package`, {
      file: 'packages.yml',
      hint: 'install them with `sluice deps` (Sluice reads the installed folder and local: packages)',
    });
  }
  return packages;
}

function configTreeKey(resourceType: ResourceType, raw: Record<string, unknown>): unknown {
  switch (resourceType) {
    case 'model':
      return raw.models;
    case 'seed':
      return raw.seeds;
    case 'snapshot':
      return raw.snapshots;
    case 'source':
      return raw.sources;
    case 'test':
      return raw.data_tests ?? raw.tests;
    case 'unit_test':
      return raw.unit_tests;
    case 'analysis':
      return raw.analyses;
    default:
      return undefined;
  }
}

/** Project-file configs for a node: its own package's tree, then (for package nodes) the root's. */
function projectConfig(node: Node, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>): void {
  const trees: Array<[unknown, string]> = [[configTreeKey(node.resourceType, pkg.file.raw), pkg.file.file]];
  if (!pkg.isRoot) trees.push([configTreeKey(node.resourceType, rootFile.raw), rootFile.file]);
  for (const [tree, file] of trees) {
    for (const level of configFromProjectTree(tree, node.fqn, warnings, file, seen)) mergeConfig(node.config, level);
  }
}

function baseNode(resourceType: ResourceType, pkg: LoadedPackage, root: string, resourceRoot: string, path: string, name: string): Node {
  const absolutePath = join(pkg.info.root, resourceRoot, path);
  const folders = dirname(path) === '.' ? [] : dirname(path).split('/');
  return blankNode({
    uniqueId: `${resourceType}.${pkg.info.name}.${name}`,
    resourceType,
    name,
    packageName: pkg.info.name,
    path,
    originalFilePath: displayPath(root, absolutePath),
    absolutePath,
    fqn: [pkg.info.name, ...folders, name],
  });
}

function addNode(project: Project, node: Node): void {
  if (node.config.enabled === false) project.disabled.push(node);
  else if (project.nodes.has(node.uniqueId)) project.sameIdCandidates.push(node);
  else project.nodes.set(node.uniqueId, node);
}

/** Two enabled nodes of one unique_id: dbt refuses them (disabled ones do not count). */
export function duplicateNodeError(existing: Node, node: Node): SluiceError {
  return new SluiceError(`Two ${node.resourceType}s are named '${node.name}'${node.version ? ` (version ${node.version})` : ''}: ${existing.originalFilePath} and ${node.originalFilePath}`, {
    file: node.originalFilePath,
    line: 1,
    hint: `${node.resourceType} names must be unique within a package: rename one of the files, or disable one (enabled: false)`,
  });
}

/** `{% macro name(` and `{% test name(` openings, with their lines. */
export function macroDefinitions(source: string): Array<{ name: string; line: number }> {
  const found: Array<{ name: string; line: number }> = [];
  const pattern = /\{%-?\s*(macro|test)\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
  for (const match of source.matchAll(pattern)) {
    const line = source.slice(0, match.index).split('\n').length;
    found.push({ name: match[1] === 'test' ? `test_${match[2]}` : match[2], line });
  }
  return found;
}

function loadMacroFile(project: Project, pkg: LoadedPackage, absolutePath: string): void {
  addMacros(project, pkg.info.name, absolutePath, displayPath(project.root, absolutePath), readFileSync(absolutePath, 'utf8'));
}

function addMacros(project: Project, packageName: string, absolutePath: string, originalFilePath: string, fileSource: string): void {
  for (const { name, line } of macroDefinitions(fileSource)) {
    const uniqueId = `macro.${packageName}.${name}`;
    const existing = project.macros.get(uniqueId);
    if (existing) {
      throw new SluiceError(`Macro '${name}' is defined twice in package '${packageName}': ${existing.originalFilePath}:${existing.line} and ${originalFilePath}:${line}`, {
        file: originalFilePath,
        line,
        hint: 'rename or remove one of them',
      });
    }
    project.macros.set(uniqueId, { uniqueId, name, packageName, originalFilePath, absolutePath, fileSource, line });
  }
}

/** Sluice's own `dbt` package: macros only, last in every lookup (see global-project.ts). */
function loadGlobalProject(project: Project, problems: ProblemList): void {
  project.packages.push({ name: GLOBAL_PROJECT_NAME, root: '', project: {}, macroPaths: ['macros'], modelPaths: [], seedPaths: [], testPaths: [], snapshotPaths: [], internal: true });
  for (const file of globalProjectFiles()) {
    problems.attempt(() => addMacros(project, GLOBAL_PROJECT_NAME, file.displayPath, file.displayPath, file.source));
  }
}

function loadMacros(project: Project, pkg: LoadedPackage, problems: ProblemList): void {
  for (const macroPath of pkg.file.macroPaths) {
    const dir = join(pkg.info.root, macroPath);
    for (const path of listFiles(dir, ['.sql', '.jinja', '.jinja2'])) problems.attempt(() => loadMacroFile(project, pkg, join(dir, path)));
  }
  // Generic tests may also live in the test folders (tests/generic/ by convention).
  for (const testPath of pkg.file.testPaths) {
    const dir = join(pkg.info.root, testPath);
    for (const path of listFiles(dir, ['.sql'])) {
      if (isGenericTestFile(join(dir, path), path)) problems.attempt(() => loadMacroFile(project, pkg, join(dir, path)));
    }
  }
}

function isGenericTestFile(absolutePath: string, path: string): boolean {
  return path.startsWith('generic/') || /\{%-?\s*(test|macro)\s/.test(readFileSync(absolutePath, 'utf8'));
}

function loadModels(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>, problems: ProblemList): void {
  for (const modelPath of pkg.file.modelPaths) {
    const dir = join(pkg.info.root, modelPath);
    for (const path of listFiles(dir, ['.sql', '.py'])) {
      const python = path.endsWith('.py');
      const name = basename(path, python ? '.py' : '.sql');
      const node = baseNode('model', pkg, project.root, modelPath, path, name);
      node.rawCode = readFileSync(node.absolutePath, 'utf8');
      problems.attempt(() => {
        projectConfig(node, pkg, rootFile, warnings, seen);
        if (python) {
          // A Python model's refs and config are read from its source now: it is never rendered as Jinja.
          node.language = 'python';
          if (node.config.materialized === 'view') node.config.materialized = 'table';
          const calls = readPythonModel(node.rawCode, node.originalFilePath);
          node.refs = calls.refs;
          node.sources = calls.sources;
          mergeConfig(node.config, calls.config);
        }
        addNode(project, node);
      });
    }
  }
}

function loadSeeds(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>, problems: ProblemList): void {
  for (const seedPath of pkg.file.seedPaths) {
    for (const path of listFiles(join(pkg.info.root, seedPath), ['.csv'])) {
      const node = baseNode('seed', pkg, project.root, seedPath, path, basename(path, '.csv'));
      problems.attempt(() => {
        projectConfig(node, pkg, rootFile, warnings, seen);
        addNode(project, node);
      });
    }
  }
}

function loadSingularTests(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>, problems: ProblemList): void {
  for (const testPath of pkg.file.testPaths) {
    const dir = join(pkg.info.root, testPath);
    for (const path of listFiles(dir, ['.sql'])) {
      if (isGenericTestFile(join(dir, path), path)) continue;
      const node = baseNode('test', pkg, project.root, testPath, path, basename(path, '.sql'));
      node.uniqueId = `test.${pkg.info.name}.${node.name}`;
      node.rawCode = readFileSync(node.absolutePath, 'utf8');
      problems.attempt(() => {
        projectConfig(node, pkg, rootFile, warnings, seen);
        addNode(project, node);
      });
    }
  }
}

/** Analyses: SQL that `compile` renders (refs resolved, ephemeral models inlined) and nothing runs. */
function loadAnalyses(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>, problems: ProblemList): void {
  for (const analysisPath of pkg.file.analysisPaths) {
    for (const path of listFiles(join(pkg.info.root, analysisPath), ['.sql'])) {
      const node = baseNode('analysis', pkg, project.root, analysisPath, path, basename(path, '.sql'));
      node.fqn = [pkg.info.name, 'analysis', ...node.fqn.slice(1)];
      node.rawCode = readFileSync(node.absolutePath, 'utf8');
      problems.attempt(() => {
        projectConfig(node, pkg, rootFile, warnings, seen);
        addNode(project, node);
      });
    }
  }
}

/**
 * Snapshots: `{% snapshot name %}…{% endsnapshot %}` blocks in the snapshot paths (their fqn holds the file's
 * name, as dbt's does), and dbt 1.9's snapshots defined in YAML — a `snapshots:` entry with a `relation`
 * (`ref(…)` or `source(…)`), whose query is `select * from` it. Their YAML config, columns and tests are
 * applied with every other properties entry.
 */
function loadSnapshots(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>, problems: ProblemList): void {
  for (const snapshotPath of pkg.file.snapshotPaths) {
    const dir = join(pkg.info.root, snapshotPath);
    for (const path of listFiles(dir, ['.sql'])) {
      const source = readFileSync(join(dir, path), 'utf8');
      for (const match of source.matchAll(/\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g)) {
        const node = baseNode('snapshot', pkg, project.root, snapshotPath, path, match[1]);
        node.fqn = [pkg.info.name, ...path.replace(/\.sql$/, '').split('/'), match[1]];
        const line = source.slice(0, match.index).split('\n').length;
        // Keep the body on its original lines so errors point at the author's line.
        node.rawCode = '\n'.repeat(line - 1) + match[2];
        problems.attempt(() => {
          projectConfig(node, pkg, rootFile, warnings, seen);
          addNode(project, node);
        });
      }
    }
  }
  // Properties files that define snapshots; a file that does not read is reported where all YAML is read.
  for (const resourcePath of [...new Set([...pkg.file.modelPaths, ...pkg.file.seedPaths, ...pkg.file.snapshotPaths, ...pkg.file.testPaths, ...pkg.file.macroPaths])]) {
    const dir = join(pkg.info.root, resourcePath);
    for (const path of listFiles(dir, ['.yml', '.yaml'])) {
      const absolute = join(dir, path);
      if (!/^snapshots\s*:/m.test(readFileSync(absolute, 'utf8'))) continue;
      let yaml: YamlFile<Record<string, unknown>>;
      try {
        yaml = readYaml(absolute, displayPath(project.root, absolute));
      } catch {
        continue;
      }
      const entries = isRecord(yaml.value) && Array.isArray(yaml.value.snapshots) ? yaml.value.snapshots : [];
      entries.forEach((entry, index) => {
        if (!isRecord(entry) || typeof entry.name !== 'string' || entry.relation === undefined) return;
        problems.attempt(() => {
          const at = yaml.lineOf(['snapshots', index, 'relation']);
          const relation = typeof entry.relation === 'string' ? entry.relation.trim() : '';
          if (!/^(ref|source)\s*\([^)]*\)$/s.test(relation)) {
            throw new SluiceError(`Snapshot '${String(entry.name)}': relation must be ref('a_model') or source('a_source', 'a_table')`, { file: yaml.file, line: at, hint: "e.g. relation: source('shop', 'orders')" });
          }
          const node = baseNode('snapshot', pkg, project.root, resourcePath, path, entry.name as string);
          node.rawCode = `${'\n'.repeat(Math.max(0, at - 1))}select * from {{ ${relation} }}`;
          projectConfig(node, pkg, rootFile, warnings, seen);
          addNode(project, node);
        });
      });
    }
  }
}

function loadDocs(project: Project, pkg: LoadedPackage): void {
  for (const docsPath of pkg.file.docsPaths) {
    const dir = join(pkg.info.root, docsPath);
    for (const path of listFiles(dir, ['.md'])) {
      const source = readFileSync(join(dir, path), 'utf8');
      for (const match of source.matchAll(/\{%-?\s*docs\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*enddocs\s*-?%\}/g)) {
        project.docs.set(match[1], match[2].trim());
      }
    }
  }
}

/** A constraints list as dbt's manifest holds it: every key present, defaults filled in. */
function constraintsOf(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((constraint) => ({
    type: String(constraint.type ?? ''),
    name: constraint.name ?? null,
    expression: constraint.expression ?? null,
    warn_unenforced: constraint.warn_unenforced ?? true,
    warn_unsupported: constraint.warn_unsupported ?? true,
    to: constraint.to ?? null,
    to_columns: Array.isArray(constraint.to_columns) ? constraint.to_columns : [],
    // Model-level constraints name their columns.
    ...(Array.isArray(constraint.columns) ? { columns: constraint.columns } : {}),
  }));
}

function columnsFrom(yaml: YamlFile, path: Array<string | number>, value: unknown): Record<string, ColumnInfo> {
  const columns: Record<string, ColumnInfo> = {};
  if (value === undefined || value === null) return columns;
  if (!Array.isArray(value)) throw new SluiceError("'columns' must be a list", { file: yaml.file, line: yaml.lineOf(path) });
  value.forEach((column, index) => {
    if (!isRecord(column) || typeof column.name !== 'string') {
      throw new SluiceError('Each column needs a name', { file: yaml.file, line: yaml.lineOf([...path, index]), hint: '- name: my_column' });
    }
    const info: ColumnInfo = {
      name: column.name,
      description: typeof column.description === 'string' ? column.description : '',
      data_type: typeof column.data_type === 'string' ? column.data_type : undefined,
      meta: isRecord(column.meta) ? column.meta : isRecord(column.config) && isRecord(column.config.meta) ? column.config.meta : {},
      tags: Array.isArray(column.tags) ? column.tags.map(String) : [],
      constraints: constraintsOf(column.constraints),
    };
    // Not enumerable: manifest.json lists columns as dbt does, and the line is only worked out when asked.
    Object.defineProperty(info, 'yamlPlace', { value: placeIn(yaml, [...path, index]), enumerable: false });
    columns[column.name] = info;
  });
  return columns;
}

function testsList(yaml: YamlFile, path: Array<string | number>, entry: Record<string, unknown>): { key: 'data_tests' | 'tests'; list: unknown[] } | undefined {
  if (entry.data_tests !== undefined && entry.tests !== undefined) {
    throw new SluiceError("Use either 'data_tests' or 'tests', not both", { file: yaml.file, line: yaml.lineOf(path) });
  }
  const key = entry.data_tests !== undefined ? 'data_tests' : 'tests';
  const list = entry[key];
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw new SluiceError(`'${key}' must be a list`, { file: yaml.file, line: yaml.lineOf([...path, key]) });
  return { key, list };
}

function addTests(
  project: Project,
  pkg: LoadedPackage,
  rootFile: DbtProjectFile,
  yaml: YamlFile,
  path: Array<string | number>,
  entry: Record<string, unknown>,
  target: Omit<TestTarget, 'line' | 'key' | 'columnTags'>,
  columnTags: string[],
  warnings: Warning[],
  seen: Set<string>,
): void {
  const tests = testsList(yaml, path, entry);
  if (!tests) return;
  tests.list.forEach((test, index) => {
    const place = placeIn(yaml, [...path, tests.key, index]);
    const node = makeGenericTestNode(test, { ...target, get line() { return place.line; }, key: tests.key, columnTags }, pkg.info.name, project.root);
    node.tags = [];
    // Test config: project tree < YAML; the YAML entry was already merged, so re-apply it on top.
    const fromYaml = { ...node.config };
    node.config = defaultConfig('test');
    projectConfig(node, pkg, rootFile, warnings, seen);
    mergeConfig(node.config, { ...fromYaml, tags: fromYaml.tags });
    // dbt renders a test's config when it parses it (natively: `enabled: "{{ var('x', true) }}"` is a boolean).
    for (const config of [node.config, node.testMetadata!.entryConfig ?? {}]) {
      for (const [key, value] of Object.entries(config)) {
        if (typeof value === 'string' && (value.includes('{{') || value.includes('{%'))) config[key] = renderNativeValue(value, propertiesContext(project, pkg.info.name), yaml.file, place.line);
      }
    }
    if (project.nodes.has(node.uniqueId)) {
      throw new SluiceError(`The test '${node.name}' is declared twice`, { file: yaml.file, line: place.line, hint: "give one of them a distinct 'name:'" });
    }
    project.nodes.set(node.uniqueId, node);
  });
}

function yamlList(yaml: YamlFile<Record<string, unknown>>, key: string): unknown[] {
  const value = yaml.value?.[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new SluiceError(`'${key}' must be a list`, { file: yaml.file, line: yaml.lineOf([key]) });
  return value;
}

function requireName(yaml: YamlFile, key: string, index: number, entry: unknown): asserts entry is Record<string, unknown> & { name: string } {
  if (!isRecord(entry) || typeof entry.name !== 'string') {
    throw new SluiceError(`Each entry of '${key}' needs a name`, { file: yaml.file, line: yaml.lineOf([key, index]), hint: '- name: ...' });
  }
}

/** YAML `config:` plus the top-level keys dbt folds into config. */
function yamlConfig(yaml: YamlFile, path: Array<string | number>, entry: Record<string, unknown>, warnings: Warning[]): Record<string, unknown> {
  const config: Record<string, unknown> = isRecord(entry.config) ? { ...entry.config } : {};
  for (const key of ['meta', 'docs', 'group', 'access', 'contract']) {
    if (entry[key] !== undefined) {
      if (config[key] !== undefined) throw new SluiceError(`'${key}' is set both at the top level and under config`, { file: yaml.file, line: yaml.lineOf([...path, key]) });
      config[key] = entry[key];
    }
  }
  if (Array.isArray(entry.tags) || typeof entry.tags === 'string') config.tags = [...(Array.isArray(entry.tags) ? entry.tags : [entry.tags]), ...((config.tags as string[]) ?? [])];
  for (const key of unknownConfigKeys(isRecord(entry.config) ? entry.config : {})) {
    warnings.push({ message: `unknown config key '${key}'; it is kept but Sluice does not use it`, file: yaml.file, line: yaml.lineOf([...path, 'config', key]) });
  }
  return config;
}

function loadSources(project: Project, pkg: LoadedPackage, yaml: YamlFile<Record<string, unknown>>, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>): void {
  const target = project.profile.target;
  yamlList(yaml, 'sources').forEach((written, sourceIndex) => {
    requireName(yaml, 'sources', sourceIndex, written);
    const source = renderProperties(project, pkg.info.name, yaml, ['sources', sourceIndex], written, true) as typeof written;
    const tables = source.tables ?? [];
    if (!Array.isArray(tables)) throw new SluiceError("A source's 'tables' must be a list", { file: yaml.file, line: yaml.lineOf(['sources', sourceIndex, 'tables']) });
    tables.forEach((table, tableIndex) => {
      const path = ['sources', sourceIndex, 'tables', tableIndex];
      if (!isRecord(table) || typeof table.name !== 'string') {
        throw new SluiceError('Each source table needs a name', { file: yaml.file, line: yaml.lineOf(path) });
      }
      const place = placeIn(yaml, path);
      const node = baseNode('source', pkg, project.root, '', yaml.file, table.name);
      node.uniqueId = `source.${pkg.info.name}.${source.name}.${table.name}`;
      node.originalFilePath = yaml.file;
      node.absolutePath = join(project.root, yaml.file);
      node.path = yaml.file;
      node.fqn = [pkg.info.name, ...dirname(yaml.file).split('/').slice(1).filter((part) => part && part !== '.'), source.name, table.name];
      node.sourceName = source.name;
      node.description = String(table.description ?? '');
      node.identifier = String(table.identifier ?? table.name);
      node.loader = typeof source.loader === 'string' ? source.loader : undefined;
      node.sourceDescription = typeof source.description === 'string' ? source.description : '';
      node.sourceMeta = isRecord(source.meta) ? source.meta : isRecord(source.config) && isRecord(source.config.meta) ? source.config.meta : {};
      node.columns = columnsFrom(yaml, [...path, 'columns'], table.columns);
      node.config = defaultConfig('source');
      projectConfig(node, pkg, rootFile, warnings, seen);
      const projectFreshness = node.config.freshness;
      mergeConfig(node.config, yamlConfig(yaml, ['sources', sourceIndex], source, warnings));
      mergeConfig(node.config, yamlConfig(yaml, path, table, warnings));
      const freshness = resolveSourceFreshness({ yaml, sourcePath: ['sources', sourceIndex], tablePath: path, source, table, projectFreshness, projectFiles: [pkg.file, rootFile], warnings });
      node.freshness = freshness.freshness;
      node.loadedAtField = freshness.loadedAtField;
      node.loadedAtQuery = freshness.loadedAtQuery;
      node.meta = (node.config.meta as Record<string, unknown>) ?? {};
      node.tags = node.config.tags;
      // dbt renders these with the target and vars: `schema: "{{ target.schema }}_raw"`.
      const rendered = (value: unknown) => (typeof value === 'string' && value.includes('{') ? renderYamlValue(project, value, yaml.file, yaml.lineOf(path)) : value);
      const database = rendered(table.database ?? source.database ?? source.catalog ?? target.database);
      node.identifier = String(rendered(node.identifier));
      node.relation = {
        database: database === undefined || database === null ? undefined : String(database),
        schema: String(rendered(table.schema ?? source.schema ?? source.name)),
        identifier: node.identifier,
      };
      node.yamlPlace = place;
      if (project.nodes.has(node.uniqueId)) {
        throw new SluiceError(`Source table '${source.name}.${table.name}' is declared twice`, { file: yaml.file, line: place.line });
      }
      project.nodes.set(node.uniqueId, node);
      const fqnPrefix = [pkg.info.name, ...node.fqn.slice(1, -2)];
      addTests(project, pkg, rootFile, yaml, path, table, { node, file: yaml.file, fqnPrefix }, node.tags, warnings, seen);
      for (const [columnIndex, column] of (Array.isArray(table.columns) ? table.columns : []).entries()) {
        if (isRecord(column)) {
          addTests(project, pkg, rootFile, yaml, [...path, 'columns', columnIndex], column, { node, file: yaml.file, fqnPrefix, columnName: String(column.name) }, [...node.tags, ...(Array.isArray(column.tags) ? column.tags.map(String) : [])], warnings, seen);
        }
      }
    });
  });
}

/** What dbt offers Jinja in YAML files: the target (no secrets), var and env_var. */
function yamlContext(project: Project, lookupVar: (name: string) => { found: boolean; value?: unknown }, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const args = (raw: unknown[], names: string[]) => bindArguments(raw, names);
  return {
    ...baseContext({ runStartedAt: project.runStartedAt, invocationId: project.invocationId, log: (message) => process.stdout.write(`${message}\n`), file: () => undefined }),
    target: targetContext(project.profile),
    var: (...raw: unknown[]) => {
      const { name, default: fallback } = args(raw, ['name', 'default']);
      const found = lookupVar(String(name));
      if (found.found) return found.value;
      if (fallback !== undefined) return fallback;
      throw new SluiceError(`Required var '${String(name)}' not found`, { hint: `pass it with --vars '{${String(name)}: ...}' or give var() a default` });
    },
    env_var: (...raw: unknown[]) => {
      const { var: name, default: fallback } = args(raw, ['var', 'default']);
      const value = env[String(name)];
      if (value !== undefined) return value;
      if (fallback !== undefined && fallback !== null) return String(fallback);
      throw new SluiceError(`Environment variable '${String(name)}' is required but not set`, {
        code: 'env-var-unset',
        details: { variable: String(name) },
        hint: `set ${String(name)}, or give env_var() a default`,
      });
    },
  };
}

/** A source's YAML value with Jinja in it: vars from --vars, then the root project's. */
function renderYamlValue(project: Project, value: string, file: string, line: number): string {
  const lookup = (name: string) => (name in project.cliVars ? { found: true, value: project.cliVars[name] } : name in project.vars ? { found: true, value: project.vars[name] } : { found: false });
  return renderStringTemplate(value, yamlContext(project, lookup, process.env), file, line);
}

/**
 * dbt_project.yml as dbt reads it: every string with Jinja is rendered natively (`+enabled: "{{ var('x',
 * false) }}"` is the boolean), with the target, env_var and --vars — except vars, run hooks, the query
 * comment and model hooks, which are rendered when they run.
 */
function renderProjectFile(file: DbtProjectFile, project: Project, env: NodeJS.ProcessEnv): void {
  const { cliVars } = project;
  const context = yamlContext(project, (name) => (name in cliVars ? { found: true, value: cliVars[name] } : { found: false }), env);
  const skipped = new Set(['on-run-start', 'on-run-end', 'query-comment', 'vars']);
  const hooks = new Set(['pre-hook', 'post-hook', 'pre_hook', 'post_hook']);
  const visit = (value: unknown, path: Array<string | number>): unknown => {
    if (typeof value === 'string') return renderNativeValue(value, context, file.file, file.yaml.lineOf(path));
    if (Array.isArray(value)) return value.map((item, index) => visit(item, [...path, index]));
    if (isRecord(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (hooks.has(key.replace(/^\+/, '').trim())) continue;
        value[key] = visit(item, [...path, key]);
      }
    }
    return value;
  };
  for (const [key, value] of Object.entries(file.raw)) {
    if (!skipped.has(key)) file.raw[key] = visit(value, [key]);
  }
}

/**
 * Descriptions with Jinja, as dbt renders them when it parses: `{{ doc('orders') }}` is the docs block's
 * text (an unknown name is an error with the file and line); var, env_var and the target work too.
 */
function renderDescriptions(project: Project, problems: ProblemList): void {
  const jinja = (text: string | undefined): text is string => text !== undefined && (text.includes('{{') || text.includes('{%'));
  for (const node of [...project.nodes.values(), ...project.sameIdCandidates, ...project.disabled]) {
    const place = node.yamlPlace ?? { file: node.originalFilePath, line: 1 };
    const render = (text: string, at: { file: string; line: number }) => {
      const context = { ...propertiesContext(project, node.packageName), doc: (...args: unknown[]) => docText(project, args) };
      return renderStringTemplate(text, context, at.file, at.line);
    };
    problems.attempt(() => {
      if (jinja(node.description)) node.description = render(node.description, place);
      if (jinja(node.sourceDescription)) node.sourceDescription = render(node.sourceDescription, place);
      for (const column of Object.values(node.columns)) {
        if (jinja(column.description)) column.description = render(column.description, column.yamlPlace ?? place);
      }
    });
  }
}

/**
 * `doc('name')` (or `doc('package', 'name')`): a docs block's text. An unknown name is an error without
 * a place: the description it is in gives the file and line.
 */
function docText(project: Project, args: unknown[]): string {
  const name = String(args.length > 1 ? args[1] : args[0]);
  const text = project.docs.get(name);
  if (text === undefined) {
    throw new SluiceError(`Documentation block '${name}' not found`, { hint: didYouMean(name, project.docs.keys()) ?? 'define it in a .md file: {% docs name %}…{% enddocs %}' });
  }
  return text;
}

/** What Jinja in a package's properties files sees: the target, env_var, and var() with the package's vars. */
function propertiesContext(project: Project, packageName: string): Record<string, unknown> {
  return yamlContext(project, (name) => lookupVar(project, packageName, name), process.env);
}

/** Keys whose values dbt leaves unrendered in a properties entry: descriptions, and tests (rendered when they run). */
const UNRENDERED_PROPERTIES = new Set(['description', 'tests', 'data_tests']);

/**
 * A properties entry (a model's, seed's, snapshot's or source's) as dbt renders it: every string with
 * Jinja rendered natively (`column_types: {x: "{{ 'decimal(10,2)' if … }}"}`), except descriptions and
 * tests — the entry's, its columns', and for a source its tables' and their columns'.
 */
function renderProperties(project: Project, packageName: string, yaml: YamlFile, path: Array<string | number>, entry: Record<string, unknown>, source: boolean): Record<string, unknown> {
  const render = (value: string, at: Array<string | number>) => renderNativeValue(value, propertiesContext(project, packageName), yaml.file, yaml.lineOf(at));
  // `scope` is the path the unrendered keys are judged from: the entry's, or for a source each table's.
  const visit = (value: unknown, at: Array<string | number>, scope: Array<string | number>): unknown => {
    if (typeof value === 'string') return value.includes('{{') || value.includes('{%') ? render(value, at) : value;
    if (Array.isArray(value)) {
      const tables = source && scope.length === 1 && scope[0] === 'tables';
      return value.map((item, index) => visit(item, [...at, index], tables ? [] : [...scope, index]));
    }
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const inner = [...scope, key];
      const unrendered = UNRENDERED_PROPERTIES.has(key) && (inner.length === 1 || (inner.length === 3 && inner[0] === 'columns'));
      out[key] = unrendered ? item : visit(item, [...at, key], inner);
    }
    return out;
  };
  return visit(entry, path, []) as Record<string, unknown>;
}

function findNode(project: Project, resourceType: ResourceType, pkg: LoadedPackage, name: string): Node | undefined {
  return project.nodes.get(`${resourceType}.${pkg.info.name}.${name}`);
}

function applyProperties(
  project: Project,
  pkg: LoadedPackage,
  yaml: YamlFile<Record<string, unknown>>,
  rootFile: DbtProjectFile,
  relativeDir: string,
  warnings: Warning[],
  seen: Set<string>,
): void {
  const fqnPrefix = [pkg.info.name, ...(relativeDir ? relativeDir.split('/') : [])];
  for (const [key, resourceType] of [['models', 'model'], ['seeds', 'seed'], ['snapshots', 'snapshot']] as const) {
    yamlList(yaml, key).forEach((written, index) => {
      requireName(yaml, key, index, written);
      const path = [key, index];
      const entry = renderProperties(project, pkg.info.name, yaml, path, written, false) as typeof written;
      if (resourceType === 'model' && Array.isArray(entry.versions)) {
        applyVersions(project, pkg, yaml, rootFile, entry, index, fqnPrefix, warnings, seen);
        return;
      }
      const node = findNode(project, resourceType, pkg, entry.name);
      const uniqueId = `${resourceType}.${pkg.info.name}.${entry.name}`;
      const setAside = [...project.sameIdCandidates, ...project.disabled].filter((candidate) => candidate.uniqueId === uniqueId);
      // Disabled nodes and same-named variants get the properties too: parsing may enable any of them.
      for (const candidate of setAside) patchNode(yaml, path, entry, candidate, warnings);
      if (!node && setAside.length) return;
      if (!node) {
        const known = [...project.nodes.values()].filter((n) => n.resourceType === resourceType).map((n) => n.name);
        warnings.push({
          message: `${yaml.file} describes ${resourceType} '${entry.name}', which does not exist${didYouMean(entry.name, known) ? ` (${didYouMean(entry.name, known)})` : ''}`,
          file: yaml.file,
          line: yaml.lineOf(path),
        });
        return;
      }
      describeNode(project, pkg, rootFile, yaml, path, entry, node, fqnPrefix, warnings, seen);
    });
  }
}

function describeNode(
  project: Project,
  pkg: LoadedPackage,
  rootFile: DbtProjectFile,
  yaml: YamlFile,
  path: Array<string | number>,
  entry: Record<string, unknown>,
  node: Node,
  fqnPrefix: string[],
  warnings: Warning[],
  seen: Set<string>,
): void {
  if (node.yamlPlace) {
    throw new SluiceError(`${node.resourceType} '${node.name}' is described twice: ${node.yamlPlace.file}:${node.yamlPlace.line} and here`, {
      file: yaml.file,
      line: yaml.lineOf(path),
      hint: 'keep one description per model',
    });
  }
  patchNode(yaml, path, entry, node, warnings);
  addTests(project, pkg, rootFile, yaml, path, entry, { node, file: yaml.file, fqnPrefix }, [], warnings, seen);
  const columns = Array.isArray(entry.columns) ? entry.columns : [];
  columns.forEach((column, columnIndex) => {
    if (!isRecord(column)) return;
    const tags = Array.isArray(column.tags) ? column.tags.map(String) : [];
    addTests(project, pkg, rootFile, yaml, [...path, 'columns', columnIndex], column, { node, file: yaml.file, fqnPrefix, columnName: String(column.name) }, tags, warnings, seen);
  });
}

/** What a YAML entry says of a node: its place, description, columns and config. */
function patchNode(yaml: YamlFile, path: Array<string | number>, entry: Record<string, unknown>, node: Node, warnings: Warning[]): void {
  node.yamlPlace = placeIn(yaml, path);
  node.description = typeof entry.description === 'string' ? entry.description : node.description;
  if (entry.deprecation_date !== undefined && entry.deprecation_date !== null) node.deprecationDate = String(entry.deprecation_date);
  if (isRecord(entry.time_spine)) node.timeSpine = entry.time_spine;
  if (Array.isArray(entry.constraints)) node.constraints = constraintsOf(entry.constraints);
  node.columns = { ...node.columns, ...columnsFrom(yaml, [...path, 'columns'], entry.columns) };
  mergeConfig(node.config, yamlConfig(yaml, path, entry, warnings));
  node.meta = (node.config.meta as Record<string, unknown>) ?? {};
}

function applyVersions(
  project: Project,
  pkg: LoadedPackage,
  yaml: YamlFile,
  rootFile: DbtProjectFile,
  entry: Record<string, unknown> & { name: string },
  index: number,
  fqnPrefix: string[],
  warnings: Warning[],
  seen: Set<string>,
): void {
  const versions = (entry.versions as unknown[]).map((version, versionIndex) => {
    if (!isRecord(version) || version.v === undefined) {
      throw new SluiceError("Each model version needs a 'v'", { file: yaml.file, line: yaml.lineOf(['models', index, 'versions', versionIndex]) });
    }
    return { v: String(version.v), entry: version, versionIndex };
  });
  const numeric = versions.every((version) => /^\d+(\.\d+)?$/.test(version.v));
  const sorted = [...versions].sort((a, b) => (numeric ? Number(a.v) - Number(b.v) : a.v.localeCompare(b.v)));
  const latest = entry.latest_version !== undefined ? String(entry.latest_version) : sorted[sorted.length - 1].v;
  const plain = findNode(project, 'model', pkg, entry.name);
  for (const version of versions) {
    const definedIn = typeof version.entry.defined_in === 'string' ? version.entry.defined_in : `${entry.name}_v${version.v.replace(/\./g, '_')}`;
    const file = findNode(project, 'model', pkg, definedIn) ?? (version.v === latest ? plain : undefined);
    if (!file) {
      throw new SluiceError(`No SQL file for version ${version.v} of model '${entry.name}'`, {
        file: yaml.file,
        line: yaml.lineOf(['models', index, 'versions', version.versionIndex]),
        hint: `create ${definedIn}.sql or set defined_in`,
      });
    }
    project.nodes.delete(file.uniqueId);
    const node: Node = {
      ...file,
      uniqueId: `model.${pkg.info.name}.${entry.name}.v${version.v}`,
      name: entry.name,
      version: version.v,
      latestVersion: latest,
      fqn: [...file.fqn.slice(0, -1), entry.name, `v${version.v}`],
      config: defaultConfig('model'),
    };
    projectConfig(node, pkg, rootFile, warnings, seen);
    const path = ['models', index];
    describeNode(project, pkg, rootFile, yaml, path, { ...entry, versions: undefined }, node, fqnPrefix, warnings, seen);
    mergeConfig(node.config, isRecord(version.entry.config) ? version.entry.config : {});
    node.yamlPlace = placeIn(yaml, ['models', index, 'versions', version.versionIndex]);
    project.nodes.set(node.uniqueId, node);
  }
}

function unitTestInput(yaml: YamlFile, path: Array<string | number>, raw: unknown, root: string, requireInput: boolean): UnitTestInput {
  if (!isRecord(raw)) throw new SluiceError('A unit test input must be a mapping', { file: yaml.file, line: yaml.lineOf(path) });
  const format = String(raw.format ?? 'dict') as UnitTestInput['format'];
  if (!['dict', 'csv', 'sql'].includes(format)) {
    throw new SluiceError(`Unknown unit test format '${format}'`, { file: yaml.file, line: yaml.lineOf([...path, 'format']), hint: 'use dict, csv or sql' });
  }
  if (requireInput && typeof raw.input !== 'string') {
    throw new SluiceError("A unit test 'given' entry needs an 'input' such as ref('model')", { file: yaml.file, line: yaml.lineOf(path) });
  }
  let rows: Array<Record<string, unknown>> | undefined;
  let sql: string | undefined;
  let fixtureText: string | undefined;
  if (typeof raw.fixture === 'string') {
    const extension = format === 'sql' ? '.sql' : '.csv';
    const candidates = listFiles(join(root, 'tests'), [extension]).filter((file) => basename(file, extension) === raw.fixture);
    if (!candidates.length) throw new SluiceError(`Unit test fixture '${raw.fixture}' not found`, { file: yaml.file, line: yaml.lineOf([...path, 'fixture']), hint: `put ${raw.fixture}${extension} under tests/fixtures/` });
    fixtureText = readFileSync(join(root, 'tests', candidates[0]), 'utf8');
  }
  if (format === 'dict') {
    const value = raw.rows ?? [];
    if (!Array.isArray(value) || value.some((row) => !isRecord(row))) {
      throw new SluiceError("A unit test's 'rows' must be a list of mappings", { file: yaml.file, line: yaml.lineOf([...path, 'rows']) });
    }
    rows = value as Array<Record<string, unknown>>;
  } else if (format === 'csv') {
    rows = parseFixtureCsv(fixtureText ?? String(raw.rows ?? ''), yaml.file, yaml.lineOf([...path, 'rows']));
  } else {
    sql = fixtureText ?? String(raw.rows ?? '');
  }
  return { input: typeof raw.input === 'string' ? raw.input.trim() : '', format, rows, sql };
}

/** CSV fixtures: header row, then values; an empty field is null. Values stay text: the warehouse casts them. */
function parseFixtureCsv(text: string, file: string, line: number): Array<Record<string, unknown>> {
  const lines = text.split(/\r?\n/).filter((row) => row.trim() !== '');
  if (!lines.length) return [];
  const split = (row: string) => row.split(',').map((cell) => cell.trim());
  const header = split(lines[0]);
  return lines.slice(1).map((row, index) => {
    const cells = split(row);
    if (cells.length !== header.length) {
      throw new SluiceError(`CSV fixture row ${index + 2} has ${cells.length} fields, the header has ${header.length}`, { file, line: line + index + 1 });
    }
    return Object.fromEntries(header.map((name, column) => [name, cells[column] === '' ? null : cells[column]]));
  });
}

function loadUnitTestsAndExposures(project: Project, pkg: LoadedPackage, yaml: YamlFile<Record<string, unknown>>): void {
  yamlList(yaml, 'unit_tests').forEach((entry, index) => {
    requireName(yaml, 'unit_tests', index, entry);
    const path = ['unit_tests', index];
    if (typeof entry.model !== 'string') throw new SluiceError(`Unit test '${entry.name}' needs a 'model'`, { file: yaml.file, line: yaml.lineOf(path) });
    const model = [...project.nodes.values()].find((node) => node.resourceType === 'model' && node.name === entry.model && (!node.version || node.version === node.latestVersion));
    if (!model) {
      const models = [...project.nodes.values()].filter((node) => node.resourceType === 'model').map((node) => node.name);
      throw new SluiceError(`Unit test '${entry.name}' tests model '${entry.model}', which does not exist`, {
        file: yaml.file,
        line: yaml.lineOf([...path, 'model']),
        hint: didYouMean(entry.model, models),
      });
    }
    const given = Array.isArray(entry.given) ? entry.given : [];
    const overrides = isRecord(entry.overrides) ? entry.overrides : {};
    const definition: UnitTestDefinition = {
      model: entry.model,
      given: given.map((input, inputIndex) => unitTestInput(yaml, [...path, 'given', inputIndex], input, pkg.info.root, true)),
      expect: unitTestInput(yaml, [...path, 'expect'], entry.expect ?? { rows: [] }, pkg.info.root, false),
      overrides: {
        macros: isRecord(overrides.macros) ? overrides.macros : {},
        vars: isRecord(overrides.vars) ? overrides.vars : {},
        env_vars: isRecord(overrides.env_vars) ? (Object.fromEntries(Object.entries(overrides.env_vars).map(([k, v]) => [k, String(v)])) as Record<string, string>) : {},
      },
    };
    const node: Node = {
      ...baseNode('unit_test', pkg, project.root, '', yaml.file, entry.name),
      uniqueId: `unit_test.${pkg.info.name}.${entry.model}.${entry.name}`,
      originalFilePath: yaml.file,
      absolutePath: join(project.root, yaml.file),
      fqn: [...model.fqn.slice(0, -1), entry.model, entry.name],
      description: typeof entry.description === 'string' ? entry.description : '',
      attachedNode: model.uniqueId,
      unitTest: definition,
      yamlPlace: placeIn(yaml, path),
    };
    mergeConfig(node.config, isRecord(entry.config) ? entry.config : {});
    node.tags = node.config.tags;
    if (project.nodes.has(node.uniqueId)) throw new SluiceError(`Unit test '${entry.name}' is declared twice for model '${entry.model}'`, { file: yaml.file, line: yaml.lineOf(path) });
    project.nodes.set(node.uniqueId, node);
  });
  yamlList(yaml, 'exposures').forEach((entry, index) => {
    requireName(yaml, 'exposures', index, entry);
    const node: Node = {
      ...baseNode('exposure', pkg, project.root, '', yaml.file, entry.name),
      originalFilePath: yaml.file,
      absolutePath: join(project.root, yaml.file),
      description: typeof entry.description === 'string' ? entry.description : '',
      exposure: {
        type: String(entry.type ?? 'dashboard'),
        owner: entry.owner,
        url: typeof entry.url === 'string' ? entry.url : undefined,
        maturity: typeof entry.maturity === 'string' ? entry.maturity : undefined,
        label: typeof entry.label === 'string' ? entry.label : undefined,
      },
      yamlPlace: placeIn(yaml, ['exposures', index]),
    };
    const dependsOn = Array.isArray(entry.depends_on) ? entry.depends_on.map(String) : [];
    node.refs = dependsOn.flatMap((text) => [...text.matchAll(/ref\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => ({ name: match[1] })));
    node.sources = dependsOn.flatMap((text) => [...text.matchAll(/source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => [match[1], match[2]] as [string, string]));
    mergeConfig(node.config, isRecord(entry.config) ? entry.config : {});
    node.tags = [...node.config.tags, ...(Array.isArray(entry.tags) ? entry.tags.map(String) : [])];
    node.meta = isRecord(entry.meta) ? entry.meta : {};
    project.nodes.set(node.uniqueId, node);
  });
}
