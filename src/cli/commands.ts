/** What each CLI command does, as calls into the library. Output goes through one masking printer. */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand, selectForCommand, type Command } from '../execute/run-task.js';
import { writeManifest } from '../graph/manifest.js';
import { openProject, withWarehouse } from '../pipeline.js';
import type { Node, ResourceType } from '../project/types.js';
import type { Session } from '../session.js';
import { describeTarget } from '../warehouse/connect.js';

export interface CommonOptions {
  projectDir?: string;
  profilesDir?: string;
  target?: string;
  vars?: string;
  select?: string[];
  exclude?: string[];
  threads?: number;
  failFast?: boolean;
  fullRefresh?: boolean;
  output?: 'selector' | 'name' | 'path' | 'json';
  resourceType?: string[];
  dir?: string;
}

/** Prints a line with every secret of the profile masked. */
export function maskingPrinter(secrets: string[], write: (text: string) => void = (text) => process.stdout.write(text)) {
  const masked = secrets.filter((secret) => secret.length >= 4);
  return (line: string) => {
    let text = line;
    for (const secret of masked) text = text.split(secret).join('*****');
    write(`${text}\n`);
  };
}

function projectOptions(options: CommonOptions, out: (line: string) => void) {
  return { projectDir: options.projectDir ?? '.', profilesDir: options.profilesDir, target: options.target, vars: options.vars, out };
}

/** Output masks the profile's secrets; until the profile is read, the environment's secret-looking values. */
function open(options: CommonOptions): { session: Session; out: (line: string) => void } {
  const pending: string[] = [];
  const session = openProject(projectOptions(options, (line) => pending.push(line)));
  const out = maskingPrinter(session.project.profile.secrets);
  for (const line of pending) out(line);
  return { session, out };
}

export async function runWarehouseCommand(command: Exclude<Command, 'compile'>, options: CommonOptions): Promise<number> {
  const { session, out } = open(options);
  out(`Sluice ${command} · project ${session.project.name} · target ${session.project.profile.targetName} (${describeTarget(session.project.profile.target)})`);
  const summary = await withWarehouse(session, { out }, (warehouse) =>
    runCommand(session, warehouse, command, { select: options.select, exclude: options.exclude, threads: options.threads, failFast: options.failFast, fullRefresh: options.fullRefresh, out }),
  );
  return summary.ok ? 0 : 1;
}

export async function runCompile(options: CommonOptions): Promise<number> {
  const { session, out } = open(options);
  // Compiling may need the warehouse (run_query, introspection, is_incremental), as in dbt.
  const summary = await withWarehouse(session, { out }, (warehouse) => runCommand(session, warehouse, 'compile', { select: options.select, exclude: options.exclude, out }));
  writeManifest(session);
  out(`Compiled SQL is in ${join(session.project.targetPath, 'compiled')}`);
  return summary.ok ? 0 : 1;
}

function selectorText(node: Node): string {
  if (node.resourceType === 'source') return `source:${node.packageName}.${node.sourceName}.${node.name}`;
  if (node.resourceType === 'exposure') return `exposure:${node.packageName}.${node.name}`;
  if (node.resourceType === 'unit_test') return `unit_test:${node.fqn.join('.')}`;
  return node.fqn.join('.');
}

export async function runList(options: CommonOptions): Promise<number> {
  const { session, out } = open(options);
  const types = options.resourceType?.map((type) => (type === 'data_test' ? 'test' : type)) as ResourceType[] | undefined;
  const nodes = selectForCommand(session, 'ls', options, types);
  for (const node of nodes) {
    if (options.output === 'json') {
      out(
        JSON.stringify({
          name: node.name,
          resource_type: node.resourceType,
          package_name: node.packageName,
          original_file_path: node.originalFilePath,
          unique_id: node.uniqueId,
          alias: node.relation.identifier,
          tags: node.tags,
          config: node.config,
          depends_on: node.dependsOn,
          ...(node.sourceName ? { source_name: node.sourceName } : {}),
        }),
      );
    } else if (options.output === 'name') out(node.name);
    else if (options.output === 'path') out(node.originalFilePath);
    else out(selectorText(node));
  }
  return 0;
}

export async function runDebug(options: CommonOptions): Promise<number> {
  const { session, out } = open(options);
  const { profile } = session.project;
  out(`project:  ${session.project.name} (${session.project.root})`);
  out(`profile:  ${profile.profileName} from ${profile.file}`);
  out(`target:   ${profile.targetName} — ${describeTarget(profile.target)}, ${profile.target.threads} thread(s)`);
  out(`nodes:    ${[...session.graph.nodes.values()].filter((node) => node.resourceType === 'model').length} models, ${session.project.macros.size} macros`);
  try {
    await withWarehouse(session, { out }, async (warehouse) => {
      await warehouse.ping();
    });
    out('connection: OK');
    return 0;
  } catch (error) {
    out(`connection: FAILED — ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

/** The bundled example, wherever Sluice is installed. */
export function bundledExample(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', '..', 'examples', 'airline');
}

export async function runDemo(options: CommonOptions): Promise<number> {
  const source = bundledExample();
  const dir = options.dir ? resolve(options.dir) : mkdtempSync(join(tmpdir(), 'sluice-demo-'));
  const projectDir = join(dir, 'airline');
  if (existsSync(projectDir)) rmSync(projectDir, { recursive: true, force: true });
  cpSync(source, projectDir, { recursive: true, filter: (path) => !/[\\/](target|logs)([\\/]|$)/.test(path.slice(source.length)) });
  const write = (line: string) => process.stdout.write(`${line}\n`);
  write('Sluice demo: the airline example (SAP and aeroplane API sources → staging → a star schema and a revenue mart)');
  write(`project copied to ${projectDir}; warehouse: embedded DuckDB, no credentials`);
  write('');
  write('Build: seeds (the raw SAP and aeroplane API data), then staging, the star schema and the mart,');
  write('with each model\'s data tests and unit tests run before anything that reads it');
  const built = await runWarehouseCommand('build', { projectDir });
  write('');
  write(built === 0 ? 'Demo finished: every model built and every test passed.' : 'Demo finished with failures (see above).');
  write(`Artifacts: ${join(projectDir, 'target', 'run_results.json')}, ${join(projectDir, 'target', 'manifest.json')}, compiled SQL in ${join(projectDir, 'target', 'compiled')}`);
  return built;
}
