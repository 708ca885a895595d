/**
 * The `sluice` command line: a thin shell that parses dbt-style flags, calls the library and turns
 * the outcome into an exit code (0 ok, 1 the work found problems, 2 bad usage or an invalid project).
 */
import { Command, CommanderError, Option } from 'commander';
import { SluiceError } from '../errors.js';
import { WarehouseError } from '../warehouse/warehouse.js';
import type { CommonOptions } from './commands.js';
import type { JsonLog } from './json-log.js';
import { sourceCommand } from './source-freshness-command.js';
import { SLUICE_VERSION } from './version.js';

// Each command's module (and what it loads: the templating engine, warehouse drivers, the formatter, the
// SQL parser) is imported when that command runs, so `sluice --version` and `--help` start as fast as node.
const commands = () => import('./commands.js');
const environmentCommands = () => import('./environment-commands.js');

const EXIT_OK = 0;
const EXIT_FAILURES = 1;
const EXIT_USAGE = 2;

function commonOptions(command: Command): Command {
  return command
    .option('--project-dir <dir>', 'the dbt project folder (holds dbt_project.yml)', '.')
    .option('--profiles-dir <dir>', 'the folder of profiles.yml (default: $DBT_PROFILES_DIR, the project folder, then ~/.dbt)')
    .option('-t, --target <name>', "the profile target to use (dbt commands: default the profile's target; environment commands: production, from sluice.yml production.target or a target named prod/production)")
    .option('--vars <yaml>', 'variables as a YAML or JSON mapping, e.g. \'{"start": "2024-01-01"}\'');
}

function selectionOptions(command: Command, named = true): Command {
  command
    .option('-s, --select <selector...>', "nodes to include, in dbt's selector syntax (e.g. +dim_customers tag:nightly)")
    .option('-m, --models <selector...>', 'the same as --select (the name older dbt workflows use)')
    .option('--exclude <selector...>', 'nodes to leave out, same syntax');
  if (!named) return command;
  return command
    .option('--selector <name>', 'a selection named in selectors.yml (instead of --select/--exclude)')
    .addOption(new Option('--indirect-selection <mode>', 'which tests join a selection through their parents').choices(['eager', 'cautious', 'buildable', 'empty']).default('eager'));
}

function executionOptions(command: Command): Command {
  return command
    .option('--threads <n>', 'how many nodes run at once (default: the target\'s threads)', (value) => {
      const threads = Number(value);
      if (!Number.isInteger(threads) || threads < 1) throw new SluiceError(`--threads must be a whole number of 1 or more, got '${value}'`);
      return threads;
    })
    .option('-x, --fail-fast', 'stop at the first failure')
    .option('--warn-error', 'treat warnings as errors: a test that warns fails')
    .option('--warn-error-options <yaml>', 'which warnings are errors, e.g. \'{"include": ["LogTestResult"]}\' (LogTestResult: tests; JinjaLogWarning: exceptions.warn; NoNodesForSelectionCriteria: a selector that matches nothing)')
    .option('--full-refresh', 'rebuild incremental models and reload seeds from scratch');
}

/** Commands whose output has lines of their own that are not log lines: `--log-format json` does not apply. */
const WITHOUT_JSON_LOG = new Set(['lint', 'demo']);

/**
 * The structured log of the command being run, when `--log-format json` (or DBT_LOG_FORMAT=json) asks for
 * one. The JSON log module loads only then.
 */
async function jsonLogFor(command: Command): Promise<JsonLog | undefined> {
  if (command.optsWithGlobals().logFormat !== 'json') return undefined;
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  const name = names.join(' ');
  if (WITHOUT_JSON_LOG.has(name)) {
    // DBT_LOG_FORMAT is set for dbt too: it must not break a command that has no JSON log.
    if (command.getOptionValueSourceWithGlobals('logFormat') === 'env') return undefined;
    throw new SluiceError(`--log-format json is not available for sluice ${name}`, { hint: name === 'lint' ? 'sluice lint --format json prints the findings as JSON' : 'leave --log-format out' });
  }
  const { JsonLog } = await import('./json-log.js');
  return new JsonLog(name);
}

/**
 * `lintHelp`: the rule summary `sluice lint --help` ends with (main loads it only when lint is asked for).
 * `onJsonLog`: told of the command's JSON log, which main ends with the exit code.
 */
export function buildProgram(setExitCode: (code: number) => void, lintHelp?: string, onJsonLog?: (log: JsonLog) => void): Command {
  const program = new Command();
  program
    .name('sluice')
    .description('Pull-request environments, data diffs and safe deploys for dbt-style SQL projects.\nLocally everything runs on embedded DuckDB.')
    .version(SLUICE_VERSION)
    .addOption(
      new Option('--log-format <format>', "text: the human-readable lines (default; dbt's default and debug mean the same); json: one JSON object per line on stdout (dbt's shape)")
        .choices(['text', 'json', 'default', 'debug'])
        .env('DBT_LOG_FORMAT'),
    )
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .exitOverride();

  const withLog = async (options: CommonOptions, command: Command) => {
    const log = await jsonLogFor(command);
    if (log) {
      options.jsonLog = log;
      onJsonLog?.(log);
    }
  };
  const action = (run: (options: CommonOptions) => Promise<number>) => async (options: CommonOptions, command: Command) => {
    await withLog(options, command);
    setExitCode(await run(options));
  };

  commonOptions(selectionOptions(program.command('compile').description('render every selected model and test to SQL under target/compiled/')))
    .action(action(async (options) => (await commands()).runCompile(options)));
  commonOptions(selectionOptions(program.command('ls').alias('list').description('list the selected resources')))
    .addOption(new Option('--output <format>', 'how to print each resource').choices(['selector', 'name', 'path', 'json']).default('selector'))
    .option('--resource-type <type...>', 'only these resource types (model, seed, source, test, unit_test, snapshot, exposure)')
    .action(action(async (options) => (await commands()).runList(options)));
  for (const [name, description] of [
    ['seed', 'load the CSV files of seeds/ into the warehouse'],
    ['run', 'build the selected models'],
    ['snapshot', 'record what changed in the sources of the selected snapshots (type-2 history, as dbt snapshot)'],
    ['test', 'run the data tests and unit tests of the selection'],
    ['build', 'seed, run and test in graph order; a failing test skips what depends on it'],
  ] as const) {
    executionOptions(commonOptions(selectionOptions(program.command(name).description(description)))).action(
      action(async (options) => (await commands()).runWarehouseCommand(name, options)),
    );
  }
  const lint = commonOptions(selectionOptions(program.command('lint').description('lint the models, tests, snapshots and analyses (or the files given): SQL rules, project conventions, formatting (no warehouse needed)'), false));
  if (lintHelp) lint.addHelpText('after', lintHelp);
  const ruleList = (value: string, previous: string[] = []) => [...previous, value];
  lint
    .argument('[paths...]', 'lint only these files or folders (relative to the current folder, as pre-commit passes them); a SQL file that is no node of the project is linted as plain SQL')
    .option('--rules <rules>', 'only these rules: codes, names or groups, comma-separated (e.g. AM04,CP01; also off-by-default ones)', ruleList)
    .option('--exclude-rules <rules>', 'not these rules (e.g. RF02,ST06)', ruleList)
    .option('--changed-since <ref>', 'only the files that changed since this git ref (e.g. origin/main)')
    .addOption(new Option('--format <format>', 'how to print findings').choices(['text', 'json', 'github']).default('text'))
    .option('--fix', 'apply safe fixes, and format the files when lint.format is on (never changes what they compile to)')
    .option('--check', 'check formatting (also without lint.format): unformatted files are errors (exit 1)')
    .option('--stats', 'parse every file and list the ones the SQL parser or the formatter skipped')
    .option('--no-cache', 'lint every file afresh instead of reusing target/sluice/lint-cache.json for unchanged ones')
    .action((paths: string[], options: CommonOptions, command: Command) =>
      action(async (lintOptions) => (await import('./lint-command.js')).runLintCommand({ ...lintOptions, paths }))(options, command),
    );
  const environmentFlags = (command: Command) => command.option('--env <name>', 'the environment, e.g. pr_7').option('--pr <number>', 'the pull request number (same as --env pr_<number>)');
  commonOptions(environmentFlags(program.command('plan').description('compare the project with production and list each model as modified, new, removed, impacted or deferred')))
    .action(action(async (options) => (await environmentCommands()).runPlan(options)));
  executionOptions(commonOptions(environmentFlags(program.command('ci').description("build what changed into a pull request's environment, reading everything else from production, and test it"))))
    .option('--full-refresh-modified', 'rebuild modified incremental models in full instead of continuing production\'s table (sluice.yml ci.full_refresh_modified)')
    .action(action(async (options) => (await environmentCommands()).runCiCommand(options)));
  commonOptions(environmentFlags(program.command('diff').description("compare what ci built in a pull request's environment with production: rows, schema, values")))
    .action(action(async (options) => (await environmentCommands()).runDiffCommand(options)));
  executionOptions(commonOptions(program.command('promote').description('write, audit, publish: deploy to production what changed, only if its tests pass')))
    .option('--force-unlock', 'remove a stale deploy lock first')
    .action(action(async (options) => (await environmentCommands()).runPromoteCommand(options)));
  commonOptions(program.command('rollback').description('restore the models of the last (or the given) deployment to their previous version'))
    .option('--to <deploy_id>', 'undo every deployment back to and including this one')
    .action(action(async (options) => (await environmentCommands()).runRollbackCommand(options)));
  commonOptions(program.command('adopt').description('record the production that exists (built by dbt or by hand) as Sluice\'s state, without building or changing any table'))
    .option('--dry-run', 'check every model against production and report, record nothing')
    .action(action(async (options) => (await import('./adopt-command.js')).runAdoptCommand(options)));
  const outputOption = () => new Option('--output <format>', 'text, or json: one JSON array on stdout').choices(['text', 'json']).default('text');
  commonOptions(program.command('deployments').description('list production deployments and rollbacks'))
    .addOption(outputOption())
    .action(action(async (options) => (await environmentCommands()).runDeploymentsCommand(options)));
  commonOptions(environmentFlags(program.command('runs').description('list the recorded runs (ci, promote) with their summaries: models built, reused, deferred, tests, timings, rows')))
    .addOption(outputOption())
    .option('--limit <n>', 'the most recent N runs (default 50)', (value) => {
      const limit = Number(value);
      if (!Number.isInteger(limit) || limit < 1) throw new SluiceError(`--limit must be a whole number of 1 or more, got '${value}'`);
      return limit;
    })
    .action(action(async (options) => (await environmentCommands()).runRunsCommand(options)));
  commonOptions(environmentFlags(program.command('drop').description("drop a pull request environment's schemas"))).action(action(async (options) => (await environmentCommands()).runDropCommand(options)));
  commonOptions(program.command('janitor').description('drop pull request environments older than the TTL (sluice.yml environments.ttl, default 7d)'))
    .option('--older-than <duration>', 'e.g. 12h or 7d')
    .option('--dry-run', 'say what would be dropped, drop nothing')
    .action(action(async (options) => (await environmentCommands()).runJanitorCommand(options)));
  program
    .command('deps')
    .description('install the packages of packages.yml (hub, git, local, tarball) into dbt_packages/, as dbt deps does, and keep package-lock.yml')
    .option('--project-dir <dir>', 'the dbt project folder (holds dbt_project.yml)', '.')
    .option('--profiles-dir <dir>', 'accepted as dbt deps accepts it; deps reads no profile')
    .option('--vars <yaml>', 'variables for var() in packages.yml, as a YAML or JSON mapping')
    .option('--upgrade', 'resolve the versions again (the newest that ranges allow) even when package-lock.yml is up to date')
    .option('--lock', 'resolve and write package-lock.yml without installing anything')
    .option('--no-version-check', "also consider hub versions whose require-dbt-version excludes Sluice's dbt version")
    .action(action(async (options) => (await import('./deps-command.js')).runDepsCommand(options)));
  commonOptions(program.command('debug').description('check the project, the profile and the warehouse connection')).action(action(async (options) => (await commands()).runDebug(options)));
  commonOptions(program.command('run-operation').description("call a macro against the target, e.g. sluice run-operation grant_select --args '{role: reporter}'"))
    .argument('<macro>', 'the macro: name, or package.name')
    .option('--args <yaml>', "the macro's keyword arguments, a YAML or JSON mapping")
    .action(async (macro: string, options: CommonOptions & { args?: string }, command: Command) => {
      await withLog(options, command);
      setExitCode(await (await import('./run-operation-command.js')).runOperationCommand(macro, options));
    });
  program.addCommand(sourceCommand(action, (command) => commonOptions(selectionOptions(command, false))));
  program
    .command('demo')
    .description('the whole story on the bundled example (examples/airline), on embedded DuckDB: deploy, pull request, ci, promote, rollback, drop')
    .option('--dir <folder>', 'where to put the demo project and its DuckDB file (default: a new temporary folder)')
    .action(action(async (options) => (await import('./demo.js')).runDemo(options)));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = EXIT_OK;
  let log: JsonLog | undefined;
  const lintHelp = argv.slice(2).includes('lint') ? (await import('../lint/rule-catalog.js')).lintRulesHelp() : undefined;
  const program = buildProgram(
    (code) => {
      exitCode = code;
    },
    lintHelp,
    (created) => (log = created),
  );
  try {
    await program.parseAsync(argv);
    log?.completed(exitCode);
    return exitCode;
  } catch (error) {
    const { code, message } = failureOf(error);
    if (message !== undefined) process.stderr.write(`${message}\n`);
    // With --log-format json the error is a log line too, and the command's completion says how it ended.
    if (message !== undefined) log?.failed(message);
    log?.completed(code);
    return code;
  }
}

/** The exit code of an error that stopped a command, and what stderr says of it (commander printed its own). */
function failureOf(error: unknown): { code: number; message?: string } {
  if (error instanceof CommanderError) {
    // --help and --version exit 0; usage errors were already printed by commander.
    return { code: error.exitCode === 0 ? EXIT_OK : EXIT_USAGE };
  }
  if (error instanceof SluiceError) return { code: EXIT_USAGE, message: error.format() };
  if (error instanceof WarehouseError) {
    // The warehouse refused something outside a node's run (state, introspection): its words, no stack.
    return { code: EXIT_FAILURES, message: `Error: the warehouse refused a statement: ${error.message}` };
  }
  return { code: EXIT_USAGE, message: `Internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
}

export { EXIT_FAILURES };
