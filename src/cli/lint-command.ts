/** `sluice lint`: findings as text, JSON or GitHub annotations; exit 1 when one is an error. */
import { posix, relative, resolve, sep } from 'node:path';
import { gitTopLevel } from '../git.js';
import { formatGithub, formatJson, formatText, lintCounts, type LintFormat } from '../lint/lint-output.js';
import * as pipeline from '../pipeline.js';
import type { CommonOptions } from './commands.js';

export interface LintOptions extends CommonOptions {
  /** Files or folders to lint, relative to the current folder (as pre-commit passes them) or absolute. */
  paths?: string[];
  /** --rules / --exclude-rules, each as given (comma-separated lists; the flags may repeat). */
  rules?: string[];
  excludeRules?: string[];
  changedSince?: string;
  format?: LintFormat;
  fix?: boolean;
  check?: boolean;
  stats?: boolean;
  /** --no-cache */
  cache?: boolean;
}

export async function runLintCommand(options: LintOptions): Promise<number> {
  const format = options.format ?? 'text';
  // Notes go to stderr when stdout must stay machine-readable.
  const note = (line: string) => (format === 'text' ? process.stdout : process.stderr).write(`${line}\n`);
  const outcome = await pipeline.lint({
    projectDir: options.projectDir ?? '.',
    profilesDir: options.profilesDir,
    target: options.target,
    vars: options.vars,
    out: note,
    select: options.select || options.models ? [...(options.select ?? []), ...(options.models ?? [])] : undefined,
    exclude: options.exclude,
    changedSince: options.changedSince,
    paths: options.paths?.length ? options.paths : undefined,
    rules: options.rules,
    excludeRules: options.excludeRules,
    fix: options.fix,
    check: options.check,
    parseAll: options.stats,
    cache: options.cache,
  });
  for (const skipped of outcome.stats.skipped) note(`Skipped ${skipped.file}: ${skipped.reason}`);
  if (format === 'json') process.stdout.write(`${formatJson(outcome)}\n`);
  else if (format === 'github') {
    // Annotations name files from the repository's root (where a runner's job starts).
    const root = resolve(options.projectDir ?? '.');
    const prefix = relative(gitTopLevel(root) ?? root, root).split(sep).join('/');
    // A file given outside the project (../scripts/x.sql) is named from the root too.
    const fromRoot = outcome.findings.map((finding) => ({ ...finding, file: posix.normalize(`${prefix ? `${prefix}/` : ''}${finding.file}`) }));
    for (const line of formatGithub(fromRoot)) process.stdout.write(`${line}\n`);
    for (const line of formatText({ ...outcome, findings: [] }, { stats: options.stats })) note(line);
  } else for (const line of formatText(outcome, { stats: options.stats })) note(line);
  return lintCounts(outcome.findings).errors ? 1 : 0;
}
