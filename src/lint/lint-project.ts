/**
 * `sluice lint`: which files to lint (the project's models, singular tests, analyses and snapshots; a
 * `--select`; the files a pull request changed; `--changed-since REF`; or the paths given, as pre-commit
 * passes them — lint-targets.ts), which rules (sluice.yml, `--rules`, `--exclude-rules`), rendering them
 * with a source map, the SQL rules on worker threads, the project rules on the graph, noqa comments
 * (noqa.ts), and `--fix` (rule fixes, then formatting that provably leaves the compiled SQL as it was).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SluiceError, closestNames } from '../errors.js';
import { changedFilesSince } from '../git.js';
import { selectNodes } from '../graph/selector.js';
import type { Node } from '../project/types.js';
import type { ReportLint } from '../report/report-json.js';
import type { Session } from '../session.js';
import { FORMAT_RULE, type FileFinding, type FileLintInput, type FileLintResult } from './lint-file.js';
import { applyRuleFlags, layerOf, loadLintSettings, ruleSetting, type LintSettings } from './lint-config.js';
import { LintCache } from './lint-cache.js';
import { unfollowedLayers } from './layers-in-effect.js';
import { ALL_RULES, ALWAYS_CHECKED, NOQA_RULE, TEMPLATE_RULES } from './rule-catalog.js';
import { lintableNodes, resolveGivenPaths, targetOf, type LintTarget, type SkippedPath } from './lint-targets.js';
import { LintPool } from './lint-pool.js';
import { outputColumns as outputColumnsOfFile } from './output-columns.js';
import { SqlFile } from './sql-file.js';
import { isSilenced, noqaProblems, readNoqa, type NoqaDirectives } from './noqa.js';
import type { Edit, ProjectLintContext, ProjectRule, ProjectViolation, RuleInfo, Severity } from './rule.js';
import { PROJECT_RULES } from './rules/project-rules.js';
import { hardCodedRelation } from './rules/hard-coded-relation.js';
import { SQL_RULES } from './rules/sql-rules.js';
import { codeTokens, tokenizeSql } from '../sql/sql-tokens.js';

export interface LintRequest {
  /** Lint only these files (project-relative paths); YAML among them brings its project findings. */
  files?: string[];
  /**
   * Lint only these paths, as written on the command line (relative to the current folder, or absolute):
   * files of the project's nodes, folders, YAML, and SQL files that are no node (linted as plain SQL);
   * others are skipped and named in `stats.skipped`. A path that does not exist is bad input.
   */
  paths?: string[];
  /** `--rules`: only these rules (codes, names or groups), whatever sluice.yml turns off. */
  rules?: string[];
  /** `--exclude-rules`: not these, whatever sluice.yml turns on. */
  excludeRules?: string[];
  /** Lint what changed since this git ref (committed, staged, unstaged and new files). */
  changedSince?: string;
  select?: string[];
  exclude?: string[];
  /** Apply the rules' fixes and format the files. */
  fix?: boolean;
  /** Unformatted files are errors, not warnings. */
  check?: boolean;
  /** Parse every file, also where no rule needs the tree, to report the share node-sql-parser understands. */
  parseAll?: boolean;
  /** Reuse what target/sluice/lint-cache.json knows of unchanged files (default true). */
  cache?: boolean;
  /**
   * A model's columns as the warehouse reports them after a build (ci): what the documented-columns rule
   * compares with when it knows, instead of reading them from the SQL. Null: not built.
   */
  builtColumns?: (node: Node) => string[] | null;
  /** Worker threads (0 = lint on the main thread); default: one per core for larger runs. */
  workers?: number;
}

export interface LintStats {
  files: number;
  /**
   * Files whose SQL went to node-sql-parser: those where an enabled rule needed the tree (a file's
   * tokens settle most rules), or every file with `parseAll` (`--stats`).
   */
  parseAttempted: number;
  /** Of those, the files whose SQL it understood (tree rules ran on these). */
  parsed: number;
  /** The files it did not, and its first complaint. */
  unparsed: Array<{ file: string; reason: string }>;
  /** Files the formatter left alone, and why. */
  formatSkipped: Array<{ file: string; reason: string }>;
  /** Worker threads used (0: the main thread did it). */
  workers: number;
  /** Files whose result came from the cache (unchanged since the last lint). */
  cached: number;
  /** Paths given that were not linted, and why (a macro file, not SQL, disabled…). */
  skipped: SkippedPath[];
  seconds: number;
}

export interface LintOutcome {
  findings: ReportLint[];
  stats: LintStats;
  /** Files `--fix` rewrote. */
  fixed: string[];
}

export { ALL_RULES, TEMPLATE_RULES };

/** FMT01 as it runs once `lint.format` (or --check) turned formatting on: a warning unless set otherwise. */
const FORMAT_INFO = { ...ALL_RULES.find((rule) => rule.code === FORMAT_RULE.code)!, enabledByDefault: true };

function errorPlace(error: unknown): { line: number; column: number; message: string } {
  const sluice = error as Partial<SluiceError> & { message?: string };
  const hint = sluice.hint ? ` (${sluice.hint})` : '';
  return { line: sluice.line ?? 1, column: sluice.column ?? 1, message: `${sluice.message ?? String(error)}${hint}` };
}

/** The root project's files that lint looks at (models, singular tests, analyses, snapshot blocks), by file. */
function projectTargets(session: Session, request: LintRequest): LintTarget[] {
  const { project, graph } = session;
  let nodes = lintableNodes(project);
  if (request.select?.length || request.exclude?.length) {
    const chosen = selectNodes(graph, { select: request.select, exclude: request.exclude, rootProject: project.name, stateModified: session.stateModified, stateNew: session.stateNew });
    nodes = nodes.filter((node) => chosen.has(node.uniqueId));
  }
  return nodes.map(targetOf).sort((a, b) => a.path.localeCompare(b.path) || a.node.name.localeCompare(b.node.name));
}

export async function lintProject(session: Session, request: LintRequest, renderErrors: Map<string, unknown> = new Map()): Promise<LintOutcome> {
  const started = performance.now();
  const { project, renderer } = session;
  const settings = loadLintSettings(project.root, ALL_RULES, project.warnings);
  applyRuleFlags(settings, ALL_RULES, request, ALWAYS_CHECKED);
  // --check asks for the formatting check, whether or not sluice.yml opts in to it; so does --rules FMT01.
  if (request.check || settings.flags?.only?.has(FORMAT_RULE.code)) settings.format.enabled = true;
  const dialect = renderer.dialect.name;
  const given = request.paths ? resolveGivenPaths(project, request.paths) : null;
  const wanted = given
    ? given.files
    : request.files
      ? new Set(request.files.map(normalizePath))
      : request.changedSince
        ? changedFilesSince(project.root, request.changedSince)
        : null;
  const rootModels = [...project.nodes.values()].filter((node) => node.resourceType === 'model' && node.packageName === project.name);
  settings.unfollowedLayers = unfollowedLayers(settings, rootModels);
  const selected = Boolean(request.select?.length || request.exclude?.length);
  const targets = [...projectTargets(session, request).filter((target) => !wanted || wanted.has(target.path)), ...(given?.plain ?? [])];
  const findings: FileFinding[] = [];
  const noqaOf = noqaReader();
  const noqaReported = new Set<string>();
  const report = (rule: RuleInfo, target: LintTarget, place: { line: number; column: number; message: string }) => {
    const severity = ruleSetting(settings, rule, target.path);
    if (severity !== 'off' && !isSilenced(noqaOf(target), place.line, rule.code, rule.name)) {
      findings.push({ file: target.path, rule: rule.code, severity, ...place });
    }
  };
  const ruleInfo = (code: string) => ALL_RULES.find((rule) => rule.code === code)!;
  // Each file goes to the pool as soon as it is rendered: the workers lint while the rest render.
  const cache = request.cache === false ? null : new LintCache(project.targetPath);
  const pool = new LintPool({ workers: request.workers });
  const keys: string[] = [];
  const results: FileLintResult[] = [];
  /** The target each input lints. */
  const linted: LintTarget[] = [];
  const misses: number[] = [];
  try {
    for (const target of targets) {
      const { source } = target;
      if (source.includes('\u0000') || source.includes('\uFFFD')) {
        report(ruleInfo(TEMPLATE_RULES.binary.code), target, { line: 1, column: 1, message: 'not a text file (binary or not UTF-8): not linted' });
        continue;
      }
      if (!source.trim()) {
        const what = target.kind === 'model' ? ': the model builds nothing' : target.kind === 'test' ? ': the test checks nothing' : '';
        report(ruleInfo(TEMPLATE_RULES.empty.code), target, { line: 1, column: 1, message: `the file is empty${what}` });
        continue;
      }
      for (const problem of noqaProblems(noqaOf(target), ALL_RULES, suggestCodes)) {
        // A comment outside a file's snapshot blocks is read with each block: reported once.
        const place = `${target.path}:${problem.line}:${problem.column}`;
        if (!noqaReported.has(place)) report(NOQA_INFO, target, problem);
        noqaReported.add(place);
      }
      let rendered: { sql: string; map: number[] } | null = null;
      const loadError = renderErrors.get(target.node.uniqueId);
      try {
        if (loadError) throw loadError;
        rendered = renderer.renderWithSourceMap(target.template);
      } catch (error) {
        report(ruleInfo(TEMPLATE_RULES.renderFailed.code), target, errorPlace(error));
      }
      const input = { ...fileInput(settings, target, rendered, dialect, request.check ?? false), parseAll: request.parseAll };
      const i = linted.push(target) - 1;
      if (cache) keys.push(cache.keyOf(input));
      const hit = cache?.get(keys[i]);
      if (hit) results[i] = hit;
      else {
        misses.push(i);
        await pool.add(input);
      }
    }
  } catch (error) {
    await pool.terminate();
    throw error;
  }
  const linting = pool.finish();
  // Project findings belong to the files being linted: a selection, or the files given, scope them too.
  const lintedFiles = new Set([...targets.map((target) => target.path), ...(wanted ? [...wanted].filter((file) => /\.ya?ml$/.test(file)) : [])]);
  const projectRules = projectRuleRun(session, settings, wanted || selected ? lintedFiles : null, request.builtColumns);
  try {
    projectRules.whileLinting();
  } catch (error) {
    await linting.catch(() => undefined);
    throw error;
  }
  const done = await linting;
  misses.forEach((i, n) => {
    results[i] = done.results[n];
    cache?.set(keys[i], done.results[n]);
  });
  cache?.save();
  const workers = done.workers;
  const byPath = new Map(results.map((result) => [result.path, result]));
  for (const result of results) findings.push(...result.findings);
  const models = new Map(linted.filter((target) => target.kind === 'model').map((target) => [target.path, target]));
  findings.push(...projectRules.findings(byPath, (path) => (models.has(path) ? noqaOf(models.get(path)!) : null)));

  const formatter = request.fix && settings.format.enabled ? await import('./format-sql.js') : null;
  const fixed = request.fix ? applyFixes(session, linted, results, findings, dialect, settings, formatter) : [];
  const stats: LintStats = {
    files: new Set(targets.map((target) => target.path)).size,
    parseAttempted: results.filter((result) => result.parsed !== null).length,
    parsed: results.filter((result) => result.parsed).length,
    unparsed: results.filter((result) => result.parsed === false).map((result) => ({ file: result.path, reason: result.parseError ?? 'not parsed' })),
    formatSkipped: results.filter((result) => result.formatSkipped).map((result) => ({ file: result.path, reason: result.formatSkipped! })),
    workers,
    cached: linted.length - misses.length,
    seconds: (performance.now() - started) / 1000,
    skipped: given?.skipped ?? [],
  };
  const sorted = findings
    .map(({ fix: _fix, ...finding }) => finding)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return { findings: sorted, stats, fixed };
}

const NOQA_INFO = ALL_RULES.find((rule) => rule.code === NOQA_RULE.code)!;
const suggestCodes = (name: string) => closestNames(name, ALL_RULES.map((rule) => rule.code));

/** A file's noqa comments, read once per file. */
function noqaReader(): (target: LintTarget) => NoqaDirectives {
  const read = new WeakMap<LintTarget, NoqaDirectives>();
  return (target) => {
    let directives = read.get(target);
    if (!directives) {
      directives = readNoqa(target.source);
      read.set(target, directives);
    }
    return directives;
  };
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/**
 * What a worker needs to lint one file. The SQL rules run on every kind of file; the layer, the SL05 look
 * for hard-coded relations, `select *` (AM04, in the rule) and formatting (FMT01: the team's convention
 * for the models it ships; a snapshot's file is mostly Jinja the formatter does not know) are about models.
 */
function fileInput(settings: LintSettings, target: LintTarget, rendered: { sql: string; map: number[] } | null, dialect: string, check: boolean): FileLintInput {
  const { node, path, source } = target;
  const rules: Array<[string, Severity]> = [];
  for (const rule of SQL_RULES) {
    const setting = ruleSetting(settings, rule, path);
    if (setting !== 'off') rules.push([rule.code, setting]);
  }
  const formatSetting = ruleSetting(settings, FORMAT_INFO, path);
  const formatted = settings.format.enabled && formatSetting !== 'off' && target.kind === 'model';
  const format = formatted ? { settings: settings.format, severity: check ? ('error' as const) : formatSetting } : null;
  const isModel = target.kind === 'model';
  return {
    path,
    source,
    rendered: rendered?.sql ?? null,
    map: rendered?.map ?? [],
    dialect,
    model: {
      name: node.name,
      resourceType: target.kind === 'sql' ? 'sql' : node.resourceType,
      materialized: String(node.config.materialized ?? 'view'),
      layer: isModel ? (layerOf(settings, path)?.name ?? null) : null,
    },
    rules,
    format,
    // SL05 reads the file as it is: with its newlines normalized, its offsets would not be the file's.
    findHardCodedRelations: isModel && source === node.rawCode && ruleSetting(settings, hardCodedRelation, path) !== 'off',
  };
}

/**
 * The project rules in two steps: `whileLinting` runs those that need nothing from the linted files (the
 * workers are still at it), `findings` runs the rest once the files' results are in and turns every
 * violation into a finding, rule by rule in PROJECT_RULES order.
 */
function projectRuleRun(session: Session, settings: LintSettings, files: Set<string> | null, builtColumns?: (node: Node) => string[] | null) {
  let results: Map<string, FileLintResult> | null = null;
  const columnsCache = new Map<string, string[] | null>();
  const linted = (): Map<string, FileLintResult> => {
    if (!results) throw new Error('a project rule read the linted files before they were linted (mark it readsFileResults)');
    return results;
  };
  const outputColumns = (node: Node): string[] | null => {
    const fileResults = linted();
    const built = builtColumns?.(node);
    if (built) return built;
    const result = fileResults.get(node.originalFilePath);
    if (result) return result.outputColumns;
    if (!columnsCache.has(node.uniqueId)) {
      let columns: string[] | null = null;
      try {
        const rendered = session.renderer.renderWithSourceMap(node);
        const model = { name: node.name, resourceType: node.resourceType, materialized: String(node.config.materialized ?? 'view'), layer: null };
        columns = outputColumnsOfFile(new SqlFile({ path: node.originalFilePath, source: node.rawCode, rendered: rendered.sql, map: rendered.map, dialect: session.renderer.dialect.name, model }));
      } catch {
        columns = null;
      }
      columnsCache.set(node.uniqueId, columns);
    }
    return columnsCache.get(node.uniqueId)!;
  };
  const allFiles = files ?? new Set<string>();
  const hardCodedRelations = (node: Node) => linted().get(node.originalFilePath)?.hardCodedRelations;
  const context: ProjectLintContext = { project: session.project, graph: session.graph, settings, files: allFiles, outputColumns, hardCodedRelations };
  const violations = new Map<ProjectRule, ProjectViolation[]>();
  return {
    whileLinting(): void {
      for (const rule of PROJECT_RULES) if (!rule.readsFileResults) violations.set(rule, rule.check(context));
    },
    /** `noqaOf`: a linted model file's noqa comments (null for other files: YAML). */
    findings(fileResults: Map<string, FileLintResult>, noqaOf: (path: string) => NoqaDirectives | null): FileFinding[] {
      results = fileResults;
      const findings: FileFinding[] = [];
      for (const rule of PROJECT_RULES) {
        for (const violation of violations.get(rule) ?? rule.check(context)) {
          if (files && !files.has(violation.file) && !(violation.about && files.has(violation.about))) continue;
          const severity = ruleSetting(settings, rule, violation.file);
          if (severity === 'off') continue;
          const noqa = noqaOf(violation.file);
          if (noqa && isSilenced(noqa, violation.line, rule.code, rule.name)) continue;
          findings.push({ file: violation.file, line: violation.line, column: violation.column, rule: rule.code, severity, message: violation.message });
        }
      }
      return findings;
    },
  };
}

/** The compiled SQL's tokens, compared as the warehouse reads them (keywords and names case-blind). */
function compiledTokens(session: Session, target: LintTarget, text: string, attempt: number): string[] | null {
  const template = target.templateFor(text);
  if (template === null) return null;
  const copy: Node = { ...target.node, uniqueId: `${target.node.uniqueId}#lint-fix-${attempt}`, rawCode: template };
  try {
    return codeTokens(tokenizeSql(session.renderer.renderWithSourceMap(copy).sql)).map((token) =>
      token.type === 'keyword' || token.type === 'word' ? token.text.toLowerCase() : token.text,
    );
  } catch {
    return null;
  }
}

function applyEdits(text: string, edits: Edit[]): string {
  const unique = [...new Map(edits.map((edit) => [`${edit.start}:${edit.end}:${edit.text}`, edit])).values()].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of unique) {
    if (edit.end > limit) continue; // overlaps an edit already applied: the next run fixes it
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

let fixAttempt = 0;

/**
 * Rule fixes first, then formatting — kept only when the file still renders and formatting leaves its
 * compiled SQL token for token as it was. Files are replaced whole (write, then rename). A file with
 * several snapshot blocks is one file: every block's fixes go in together, and each block must still
 * render; only models are formatted (see fileInput).
 */
function applyFixes(
  session: Session,
  linted: LintTarget[],
  results: FileLintResult[],
  findings: FileFinding[],
  dialect: string,
  settings: LintSettings,
  formatter: typeof import('./format-sql.js') | null,
): string[] {
  const fixed: string[] = [];
  const byFile = new Map<string, number[]>();
  linted.forEach((target, i) => byFile.set(target.path, [...(byFile.get(target.path) ?? []), i]));
  for (const [path, indexes] of byFile) {
    const targets = indexes.map((i) => linted[i]);
    const original = targets[0].text;
    const renders = (text: string) => targets.map((target) => compiledTokens(session, target, text, ++fixAttempt));
    const edits = findings.filter((finding) => finding.file === path && finding.fix).flatMap((finding) => finding.fix!);
    let text = edits.length ? applyEdits(original, edits) : original;
    if (text !== original && renders(text).includes(null)) text = original;
    if (formatter && targets.length === 1 && targets[0].kind === 'model') {
      const outcome = formatter.formatSqlSource(text, dialect, settings.format);
      if (outcome.status === 'formatted') {
        const [before] = renders(text);
        const [after] = renders(outcome.text);
        if (before && after && before.length === after.length && before.every((token, i) => token === after[i])) text = outcome.text;
        else results[indexes[0]].formatSkipped = 'formatting would change the compiled SQL; left as it is';
      }
    }
    if (text === original) continue;
    const file = targets[0].absolutePath;
    const temporary = `${file}.sluice-fix`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
    fixed.push(path);
  }
  return fixed;
}
