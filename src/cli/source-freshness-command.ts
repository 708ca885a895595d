/**
 * `sluice source freshness`: dbt's command group `source` with its `freshness` subcommand and dbt's flags
 * (--select/--exclude, -o/--output for sources.json, --threads). Exit 1 when a source is stale past
 * error_after or could not be checked; a warning alone is exit 0.
 */
import { Command } from 'commander';
import { SluiceError } from '../errors.js';
import type { CommonOptions } from './commands.js';

export interface SourceFreshnessCommandOptions extends Omit<CommonOptions, 'output'> {
  /** `-m/--models`, dbt's older name for --select. */
  models?: string[];
  output?: string;
}

export async function runSourceFreshnessCommand(options: SourceFreshnessCommandOptions): Promise<number> {
  // Loaded when the command runs: the CLI's start-up builds this command without them.
  const [{ runSourceFreshness }, { openProject, withWarehouse }, { describeTarget }, { commandPrinter, projectOptions }] = await Promise.all([
    import('../freshness/source-freshness.js'),
    import('../pipeline.js'),
    import('../warehouse/connect.js'),
    import('./commands.js'),
  ]);
  // Lines printed while the project loads wait until the profile says which secrets to mask.
  const pending: string[] = [];
  const session = openProject(projectOptions(options, (line) => pending.push(line)));
  const out = commandPrinter(options, session.project.profile.secrets);
  for (const line of pending) out(line);
  out(`Sluice source freshness · project ${session.project.name} · target ${session.project.profile.targetName} (${describeTarget(session.project.profile.target)})`);
  const result = await withWarehouse(session, { out }, (warehouse) =>
    runSourceFreshness(session, warehouse, { select: [...(options.select ?? []), ...(options.models ?? [])], exclude: options.exclude, threads: options.threads, output: options.output, out }),
  );
  out(`Wrote ${result.path}`);
  return result.ok ? 0 : 1;
}

function threads(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new SluiceError(`--threads must be a whole number of 1 or more, got '${value}'`);
  return count;
}

/**
 * The `source` command group. `projectFlags` adds the flags every project command takes (--project-dir,
 * --profiles-dir, --target, --vars, --select, --exclude); `action` turns the exit code into the process's.
 */
export function sourceCommand(action: (run: (options: CommonOptions) => Promise<number>) => (options: CommonOptions, command: Command) => Promise<void>, projectFlags: (command: Command) => Command): Command {
  const source = new Command('source').description('commands on sources: freshness');
  projectFlags(source.command('freshness').description("check how recently each source table was loaded (loaded_at_field against warn_after/error_after) and write target/sources.json"))
    .option('-o, --output <path>', 'where to write sources.json (default: target/sources.json)')
    .option('--threads <n>', "how many sources are checked at once (default: the target's threads)", threads)
    .action(action((options) => runSourceFreshnessCommand(options as SourceFreshnessCommandOptions)));
  return source;
}
