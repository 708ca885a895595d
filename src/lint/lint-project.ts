/**
 * `sluice lint`: which files to lint (all models, `--select`, the files a pull request changed, or
 * `--changed-since REF`), rendering them with a source map, the SQL rules on worker threads, the project
 * rules on the graph, and `--fix` (rule fixes, then formatting that provably leaves the compiled SQL as
 * it was).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SluiceError } from '../errors.js';
import { changedFilesSince } from '../git.js';
import { selectNodes } from '../graph/selector.js';
import type { Node } from '../project/types.js';
import type { ReportLint } from '../report/report-json.js';
import type { Session } from '../session.js';
import { FORMAT_RULE, type FileFinding, type FileLintInput, type FileLintResult } from './lint-file.js';
import { layerOf, loadLintSettings, ruleSetting, type LintSettings } from './lint-config.js';
import { LintCache } from './lint-cache.js';
import { unfollowedLayers } from './layers-in-effect.js';
import { ALL_RULES, TEMPLATE_RULES } from './rule-catalog.js';
import { LintPool } from './lint-pool.js';
import { outputColumns as outputColumnsOfFile } from './output-columns.js';
import { SqlFile } from './sql-file.js';
import { isSilencedIn } from './noqa.js';
import type { Edit, ProjectLintContext, ProjectRule, ProjectViolation, RuleInfo, Severity } from './rule.js';
import { PROJECT_RULES } from './rules/project-rules.js';
import { hardCodedRelation } from './rules/hard-coded-relation.js';
import { SQL_RULES } from './rules/sql-rules.js';
import { codeTokens, tokenizeSql } from '../sql/sql-tokens.js';

export interface LintRequest {
  /** Lint only these files (project-relative paths); YAML among them brings its project findings. */
  files?: string[];
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

/** Models of the root project that lint looks at, by file. */
function modelFiles(session: Session, request: LintRequest): Node[] {
  const { project, graph } = session;
  let models = [...project.nodes.values()].filter((node) => node.resourceType === 'model' && node.packageName === project.name && node.originalFilePath.endsWith('.sql'));
  if (request.select?.length || request.exclude?.length) {
    const chosen = selectNodes(graph, { select: request.select, exclude: request.exclude, rootProject: project.name, stateModified: session.stateModified, stateNew: session.stateNew });
    models = models.filter((node) => chosen.has(node.uniqueId));
  }
  return models.sort((a, b) => a.originalFilePath.localeCompare(b.originalFilePath));
}

export async function lintProject(session: Session, request: LintRequest, renderErrors: Map<string, unknown> = new Map()): Promise<LintOutcome> {
  const started = performance.now();
  const { project, renderer } = session;
  const settings = loadLintSettings(project.root, ALL_RULES, project.warnings);
  // --check asks for the formatting check, whether or not sluice.yml opts in to it.
  if (request.check) settings.format.enabled = true;
  const dialect = renderer.dialect.name;
  const wanted = request.files ? new Set(request.files.map(normalizePath)) : request.changedSince ? changedFilesSince(project.root, request.changedSince) : null;
  const rootModels = [...project.nodes.values()].filter((node) => node.resourceType === 'model' && node.packageName === project.name);
  settings.unfollowedLayers = unfollowedLayers(settings, rootModels);
  const selected = Boolean(request.select?.length || request.exclude?.length);
  const models = modelFiles(session, request).filter((node) => !wanted || wanted.has(node.originalFilePath));
  const findings: FileFinding[] = [];
  const sources = new Map<string, string>();
  const inputs: FileLintInput[] = [];
  const severityOf = (rule: RuleInfo, path: string) => ruleSetting(settings, rule, path);
  const report = (rule: RuleInfo, path: string, place: { line: number; column: number; message: string }) => {
    const severity = severityOf(rule, path);
    if (severity !== 'off') findings.push({ file: path, rule: rule.code, severity, ...place });
  };
  // Each file goes to the pool as soon as it is rendered: the workers lint while the rest render.
  const cache = request.cache === false ? null : new LintCache(project.targetPath);
  const pool = new LintPool({ workers: request.workers });
  const keys: string[] = [];
  const results: FileLintResult[] = [];
  const misses: number[] = [];
  try {
    for (const node of models) {
      const path = node.originalFilePath;
      const source = node.rawCode.replace(/\r\n?/g, '\n');
      sources.set(path, source);
      if (source.includes('\u0000') || source.includes('\uFFFD')) {
        report(ALL_RULES.find((rule) => rule.code === TEMPLATE_RULES.binary.code)!, path, { line: 1, column: 1, message: 'not a text file (binary or not UTF-8): not linted' });
        continue;
      }
      if (!source.trim()) {
        report(ALL_RULES.find((rule) => rule.code === TEMPLATE_RULES.empty.code)!, path, { line: 1, column: 1, message: 'the file is empty: the model builds nothing' });
        continue;
      }
      let rendered: { sql: string; map: number[] } | null = null;
      const loadError = renderErrors.get(node.uniqueId);
      try {
        if (loadError) throw loadError;
        rendered = renderer.renderWithSourceMap(node);
      } catch (error) {
        report(ALL_RULES.find((rule) => rule.code === TEMPLATE_RULES.renderFailed.code)!, path, errorPlace(error));
      }
      const input = { ...fileInput(settings, node, source, rendered, dialect, request.check ?? false), parseAll: request.parseAll };
      const i = inputs.push(input) - 1;
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
  const lintedFiles = new Set([...models.map((node) => node.originalFilePath), ...(wanted ? [...wanted].filter((file) => /\.ya?ml$/.test(file)) : [])]);
  const projectRules = projectRuleRun(session, settings, wanted || selected ? lintedFiles : null, request.builtColumns);
  try {
    projectRules.whileLinting();
  } catch (error) {
    await linting.catch(() => undefined);
    throw error;
  }
  const linted = await linting;
  misses.forEach((i, n) => {
    results[i] = linted.results[n];
    cache?.set(keys[i], linted.results[n]);
  });
  cache?.save();
  const workers = linted.workers;
  const byPath = new Map(results.map((result) => [result.path, result]));
  for (const result of results) findings.push(...result.findings);
  findings.push(...projectRules.findings(byPath, sources));

  const formatter = request.fix && settings.format.enabled ? await import('./format-sql.js') : null;
  const fixed = request.fix ? applyFixes(session, models, byPath, findings, dialect, settings, formatter) : [];
  const stats: LintStats = {
    files: models.length,
    parseAttempted: results.filter((result) => result.parsed !== null).length,
    parsed: results.filter((result) => result.parsed).length,
    unparsed: results.filter((result) => result.parsed === false).map((result) => ({ file: result.path, reason: result.parseError ?? 'not parsed' })),
    formatSkipped: results.filter((result) => result.formatSkipped).map((result) => ({ file: result.path, reason: result.formatSkipped! })),
    workers,
    cached: inputs.length - misses.length,
    seconds: (performance.now() - started) / 1000,
  };
  const sorted = findings
    .map(({ fix: _fix, ...finding }) => finding)
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  return { findings: sorted, stats, fixed };
}

function normalizePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

function fileInput(settings: LintSettings, node: Node, source: string, rendered: { sql: string; map: number[] } | null, dialect: string, check: boolean): FileLintInput {
  const path = node.originalFilePath;
  const rules: Array<[string, Severity]> = [];
  for (const rule of SQL_RULES) {
    const setting = ruleSetting(settings, rule, path);
    if (setting !== 'off') rules.push([rule.code, setting]);
  }
  const formatSetting = ruleSetting(settings, FORMAT_INFO, path);
  const format = settings.format.enabled && formatSetting !== 'off' ? { settings: settings.format, severity: check ? ('error' as const) : formatSetting } : null;
  return {
    path,
    source,
    rendered: rendered?.sql ?? null,
    map: rendered?.map ?? [],
    dialect,
    model: { name: node.name, resourceType: node.resourceType, materialized: String(node.config.materialized ?? 'view'), layer: layerOf(settings, path)?.name ?? null },
    rules,
    format,
    // SL05 reads the file as it is: with its newlines normalized, its offsets would not be the file's.
    findHardCodedRelations: source === node.rawCode && ruleSetting(settings, hardCodedRelation, path) !== 'off',
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
    findings(fileResults: Map<string, FileLintResult>, sources: Map<string, string>): FileFinding[] {
      results = fileResults;
      const findings: FileFinding[] = [];
      for (const rule of PROJECT_RULES) {
        for (const violation of violations.get(rule) ?? rule.check(context)) {
          if (files && !files.has(violation.file) && !(violation.about && files.has(violation.about))) continue;
          const severity = ruleSetting(settings, rule, violation.file);
          if (severity === 'off') continue;
          const source = sources.get(violation.file);
          if (source !== undefined && isSilencedIn(source, violation.line, rule.code)) continue;
          findings.push({ file: violation.file, line: violation.line, column: violation.column, rule: rule.code, severity, message: violation.message });
        }
      }
      return findings;
    },
  };
}

/** The compiled SQL's tokens, compared as the warehouse reads them (keywords and names case-blind). */
function compiledTokens(session: Session, node: Node, text: string, attempt: number): string[] | null {
  const copy: Node = { ...node, uniqueId: `${node.uniqueId}#lint-fix-${attempt}`, rawCode: text };
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
 * compiled SQL token for token as it was. Files are replaced whole (write, then rename).
 */
function applyFixes(
  session: Session,
  models: Node[],
  results: Map<string, FileLintResult>,
  findings: FileFinding[],
  dialect: string,
  settings: LintSettings,
  formatter: typeof import('./format-sql.js') | null,
): string[] {
  const fixed: string[] = [];
  for (const node of models) {
    const result = results.get(node.originalFilePath);
    if (!result) continue;
    const original = node.rawCode.replace(/\r\n?/g, '\n');
    const edits = findings.filter((finding) => finding.file === node.originalFilePath && finding.fix).flatMap((finding) => finding.fix!);
    let text = edits.length ? applyEdits(original, edits) : original;
    if (text !== original && compiledTokens(session, node, text, ++fixAttempt) === null) text = original;
    if (formatter) {
      const outcome = formatter.formatSqlSource(text, dialect, settings.format);
      if (outcome.status === 'formatted') {
        const before = compiledTokens(session, node, text, ++fixAttempt);
        const after = compiledTokens(session, node, outcome.text, ++fixAttempt);
        if (before && after && before.length === after.length && before.every((token, i) => token === after[i])) text = outcome.text;
        else result.formatSkipped = 'formatting would change the compiled SQL; left as it is';
      }
    }
    if (text === original) continue;
    const path = join(session.project.root, node.originalFilePath);
    const temporary = `${path}.sluice-fix`;
    writeFileSync(temporary, text);
    renameSync(temporary, path);
    fixed.push(node.originalFilePath);
  }
  return fixed;
}
