/**
 * Loading a project: dbt_project.yml, packages, profile, and every file a dbt project holds, into plain
 * `Node`s with their config resolved up to (not including) in-file `config()` calls, which rendering adds.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { SluiceError, didYouMean } from '../errors.js';
import { configFromProjectTree, defaultConfig, mergeConfig, unknownConfigKeys } from './config.js';
import { readDbtProject, type DbtProjectFile } from './dbt-project.js';
import { listFiles, toPosix } from './files.js';
import { makeGenericTestNode, type TestTarget } from './generic-tests.js';
import { loadProfile } from './profiles.js';
import { renderStringTemplate } from '../templating/render-string.js';
import type { ColumnInfo, Macro, Node, PackageInfo, Profile, Project, ResourceType, UnitTestDefinition, UnitTestInput, Warning } from './types.js';
import { isRecord, parseYaml, placeIn, readYaml, type YamlFile } from './yaml-file.js';

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

  const packages = discoverPackages(root, rootFile);
  const project: Project = {
    name: rootFile.name,
    root,
    packages: packages.map((pkg) => pkg.info),
    projectFile: rootFile.raw,
    nodes: new Map(),
    macros: new Map(),
    docs: new Map(),
    vars: rootFile.vars,
    cliVars,
    profile,
    warnings,
    targetPath: resolve(root, rootFile.targetPath),
  };

  const yamlFiles: Array<{ pkg: LoadedPackage; yaml: YamlFile<Record<string, unknown>>; relativeDir: string; resourceRoot: string }> = [];
  for (const pkg of packages) {
    loadMacros(project, pkg);
    loadModels(project, pkg, rootFile, warnings, seenWarnings);
    loadSeeds(project, pkg, rootFile, warnings, seenWarnings);
    loadSingularTests(project, pkg, rootFile, warnings, seenWarnings);
    loadSnapshots(project, pkg, rootFile, warnings, seenWarnings);
    loadDocs(project, pkg);
    for (const resourcePath of [...pkg.file.modelPaths, ...pkg.file.seedPaths, ...pkg.file.snapshotPaths, ...pkg.file.testPaths, ...pkg.file.macroPaths]) {
      const dir = join(pkg.info.root, resourcePath);
      for (const path of listFiles(dir, ['.yml', '.yaml'])) {
        const display = displayPath(root, join(dir, path));
        yamlFiles.push({ pkg, yaml: readYaml(join(dir, path), display), relativeDir: dirname(path) === '.' ? '' : dirname(path), resourceRoot: resourcePath });
      }
    }
  }
  // Sources first: tests and unit tests in any file may point at them.
  for (const entry of yamlFiles) loadSources(project, entry.pkg, entry.yaml, rootFile, warnings, seenWarnings);
  for (const entry of yamlFiles) applyProperties(project, entry.pkg, entry.yaml, rootFile, entry.relativeDir, warnings, seenWarnings);
  for (const entry of yamlFiles) loadUnitTestsAndExposures(project, entry.pkg, entry.yaml);
  for (const node of [...project.nodes.values()]) {
    if (node.config.enabled === false) project.nodes.delete(node.uniqueId);
  }
  return project;
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

/** The root project, then `local:` packages and everything installed in dbt_packages/. */
function discoverPackages(root: string, rootFile: DbtProjectFile): LoadedPackage[] {
  const packages: LoadedPackage[] = [{ info: packageInfo(root, rootFile), file: rootFile, isRoot: true }];
  const seenRoots = new Set([realpathSync(root)]);
  const add = (dir: string, declaredIn: string, line?: number) => {
    if (!existsSync(join(dir, 'dbt_project.yml'))) {
      throw new SluiceError(`Package folder ${displayPath(root, dir)} has no dbt_project.yml`, { file: declaredIn, line, hint: 'check the local: path' });
    }
    const real = realpathSync(dir);
    if (seenRoots.has(real)) return;
    seenRoots.add(real);
    const file = readDbtProject(dir, displayPath(root, join(dir, 'dbt_project.yml')));
    if (packages.some((pkg) => pkg.info.name === file.name)) {
      throw new SluiceError(`Two packages are named '${file.name}'`, { file: declaredIn, line, hint: 'remove one of them' });
    }
    packages.push({ info: packageInfo(dir, file), file, isRoot: false });
  };
  const installDir = join(root, rootFile.packagesInstallPath);
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
      if (isRecord(entry) && typeof entry.local === 'string') add(resolve(root, entry.local), name, line);
      else if (isRecord(entry) && (typeof entry.package === 'string' || typeof entry.git === 'string')) {
        declared.push(String(entry.package ?? entry.git));
      } else throw new SluiceError(`Unrecognised package entry in ${name}`, { file: name, line, hint: 'use local: <path>, package: <hub name> or git: <url>' });
    });
  }
  const installed = existsSync(installDir)
    ? listFiles(installDir, ['dbt_project.yml']).filter((path) => path.split('/').length === 2)
    : [];
  for (const path of installed) add(join(installDir, dirname(path)), rootFile.packagesInstallPath);
  if (declared.length && installed.length === 0) {
    throw new SluiceError(`packages.yml lists ${declared.join(', ')} but ${rootFile.packagesInstallPath}/ has no installed package`, {
      file: 'packages.yml',
      hint: 'install them with `dbt deps` (Sluice reads the installed folder and local: packages)',
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
  return {
    uniqueId: `${resourceType}.${pkg.info.name}.${name}`,
    resourceType,
    name,
    packageName: pkg.info.name,
    path,
    originalFilePath: displayPath(root, absolutePath),
    absolutePath,
    fqn: [pkg.info.name, ...folders, name],
    description: '',
    config: defaultConfig(resourceType),
    tags: [],
    columns: {},
    meta: {},
    rawCode: '',
    refs: [],
    sources: [],
    dependsOn: { nodes: [], macros: [] },
    relation: { schema: '', identifier: name },
  };
}

function addNode(project: Project, node: Node): void {
  const existing = project.nodes.get(node.uniqueId);
  if (existing) {
    throw new SluiceError(`Two ${node.resourceType}s are named '${node.name}'${node.version ? ` (version ${node.version})` : ''}: ${existing.originalFilePath} and ${node.originalFilePath}`, {
      file: node.originalFilePath,
      line: 1,
      hint: `${node.resourceType} names must be unique within a package: rename one of the files`,
    });
  }
  project.nodes.set(node.uniqueId, node);
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
  const fileSource = readFileSync(absolutePath, 'utf8');
  for (const { name, line } of macroDefinitions(fileSource)) {
    const uniqueId = `macro.${pkg.info.name}.${name}`;
    const existing = project.macros.get(uniqueId);
    const originalFilePath = displayPath(project.root, absolutePath);
    if (existing) {
      throw new SluiceError(`Macro '${name}' is defined twice in package '${pkg.info.name}': ${existing.originalFilePath}:${existing.line} and ${originalFilePath}:${line}`, {
        file: originalFilePath,
        line,
        hint: 'rename or remove one of them',
      });
    }
    project.macros.set(uniqueId, { uniqueId, name, packageName: pkg.info.name, originalFilePath, absolutePath, fileSource, line });
  }
}

function loadMacros(project: Project, pkg: LoadedPackage): void {
  for (const macroPath of pkg.file.macroPaths) {
    const dir = join(pkg.info.root, macroPath);
    for (const path of listFiles(dir, ['.sql', '.jinja', '.jinja2'])) loadMacroFile(project, pkg, join(dir, path));
  }
  // Generic tests may also live in the test folders (tests/generic/ by convention).
  for (const testPath of pkg.file.testPaths) {
    const dir = join(pkg.info.root, testPath);
    for (const path of listFiles(dir, ['.sql'])) {
      if (isGenericTestFile(join(dir, path), path)) loadMacroFile(project, pkg, join(dir, path));
    }
  }
}

function isGenericTestFile(absolutePath: string, path: string): boolean {
  return path.startsWith('generic/') || /\{%-?\s*(test|macro)\s/.test(readFileSync(absolutePath, 'utf8'));
}

function loadModels(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>): void {
  for (const modelPath of pkg.file.modelPaths) {
    const dir = join(pkg.info.root, modelPath);
    for (const path of listFiles(dir, ['.sql', '.py'])) {
      if (path.endsWith('.py')) {
        warnings.push({ message: `Python models are not supported; ${path} is skipped`, file: displayPath(project.root, join(dir, path)) });
        continue;
      }
      const name = basename(path, '.sql');
      const node = baseNode('model', pkg, project.root, modelPath, path, name);
      node.rawCode = readFileSync(node.absolutePath, 'utf8');
      projectConfig(node, pkg, rootFile, warnings, seen);
      addNode(project, node);
    }
  }
}

function loadSeeds(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>): void {
  for (const seedPath of pkg.file.seedPaths) {
    for (const path of listFiles(join(pkg.info.root, seedPath), ['.csv'])) {
      const node = baseNode('seed', pkg, project.root, seedPath, path, basename(path, '.csv'));
      projectConfig(node, pkg, rootFile, warnings, seen);
      addNode(project, node);
    }
  }
}

function loadSingularTests(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>): void {
  for (const testPath of pkg.file.testPaths) {
    const dir = join(pkg.info.root, testPath);
    for (const path of listFiles(dir, ['.sql'])) {
      if (isGenericTestFile(join(dir, path), path)) continue;
      const node = baseNode('test', pkg, project.root, testPath, path, basename(path, '.sql'));
      node.uniqueId = `test.${pkg.info.name}.${node.name}`;
      node.rawCode = readFileSync(node.absolutePath, 'utf8');
      projectConfig(node, pkg, rootFile, warnings, seen);
      addNode(project, node);
    }
  }
}

function loadSnapshots(project: Project, pkg: LoadedPackage, rootFile: DbtProjectFile, warnings: Warning[], seen: Set<string>): void {
  for (const snapshotPath of pkg.file.snapshotPaths) {
    const dir = join(pkg.info.root, snapshotPath);
    for (const path of listFiles(dir, ['.sql'])) {
      const source = readFileSync(join(dir, path), 'utf8');
      for (const match of source.matchAll(/\{%-?\s*snapshot\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g)) {
        const node = baseNode('snapshot', pkg, project.root, snapshotPath, path, match[1]);
        node.fqn = [...node.fqn.slice(0, -1), match[1]];
        const line = source.slice(0, match.index).split('\n').length;
        // Keep the body on its original lines so errors point at the author's line.
        node.rawCode = '\n'.repeat(line - 1) + match[2];
        projectConfig(node, pkg, rootFile, warnings, seen);
        addNode(project, node);
      }
    }
  }
}

function loadDocs(project: Project, pkg: LoadedPackage): void {
  for (const docsPath of [...pkg.file.modelPaths, ...pkg.file.docsPaths]) {
    const dir = join(pkg.info.root, docsPath);
    for (const path of listFiles(dir, ['.md'])) {
      const source = readFileSync(join(dir, path), 'utf8');
      for (const match of source.matchAll(/\{%-?\s*docs\s+([A-Za-z_][A-Za-z0-9_]*)\s*-?%\}([\s\S]*?)\{%-?\s*enddocs\s*-?%\}/g)) {
        project.docs.set(match[1], match[2].trim());
      }
    }
  }
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
  yamlList(yaml, 'sources').forEach((source, sourceIndex) => {
    requireName(yaml, 'sources', sourceIndex, source);
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
      node.freshness = table.freshness !== undefined ? table.freshness : source.freshness;
      node.loadedAtField = String(table.loaded_at_field ?? source.loaded_at_field ?? '') || undefined;
      node.columns = columnsFrom(yaml, [...path, 'columns'], table.columns);
      node.config = defaultConfig('source');
      projectConfig(node, pkg, rootFile, warnings, seen);
      mergeConfig(node.config, yamlConfig(yaml, ['sources', sourceIndex], source, warnings));
      mergeConfig(node.config, yamlConfig(yaml, path, table, warnings));
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

/** A YAML value with Jinja in it, rendered with what dbt offers there: target, var, env_var. */
function renderYamlValue(project: Project, value: string, file: string, line: number): string {
  const { target, targetName, profileName } = project.profile;
  const safeTarget = Object.fromEntries(Object.entries(target).filter(([key]) => !/(token|password|secret)/i.test(key)));
  return renderStringTemplate(
    value,
    {
      target: { ...safeTarget, name: targetName, target_name: targetName, profile_name: profileName },
      var: (name: string, fallback?: unknown) => (name in project.cliVars ? project.cliVars[name] : name in project.vars ? project.vars[name] : fallback ?? null),
      env_var: (name: string, fallback?: unknown) => process.env[name] ?? fallback ?? '',
    },
    file,
    line,
  );
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
    yamlList(yaml, key).forEach((entry, index) => {
      requireName(yaml, key, index, entry);
      const path = [key, index];
      if (resourceType === 'model' && Array.isArray(entry.versions)) {
        applyVersions(project, pkg, yaml, rootFile, entry, index, fqnPrefix, warnings, seen);
        return;
      }
      const node = findNode(project, resourceType, pkg, entry.name);
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
  node.yamlPlace = placeIn(yaml, path);
  node.description = typeof entry.description === 'string' ? entry.description : node.description;
  node.columns = { ...node.columns, ...columnsFrom(yaml, [...path, 'columns'], entry.columns) };
  mergeConfig(node.config, yamlConfig(yaml, path, entry, warnings));
  node.meta = (node.config.meta as Record<string, unknown>) ?? {};
  addTests(project, pkg, rootFile, yaml, path, entry, { node, file: yaml.file, fqnPrefix }, [], warnings, seen);
  const columns = Array.isArray(entry.columns) ? entry.columns : [];
  columns.forEach((column, columnIndex) => {
    if (!isRecord(column)) return;
    const tags = Array.isArray(column.tags) ? column.tags.map(String) : [];
    addTests(project, pkg, rootFile, yaml, [...path, 'columns', columnIndex], column, { node, file: yaml.file, fqnPrefix, columnName: String(column.name) }, tags, warnings, seen);
  });
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
