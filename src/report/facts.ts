/**
 * What every renderer derives from a report in the same way: a test's outcome, which models changed,
 * which models' data differ, and the counts the headline reads.
 */
import type { ColumnProfile, ProfileDiff, Report, ReportModel, ReportTest, SchemaDiff } from './report-json.js';

export type TestOutcome = 'passed' | 'warned' | 'failed' | 'skipped';

/** Run statuses (`pass`, `success`, `warn`, `fail`, `error`, `skipped`) as a reviewer reads them. */
export function testOutcome(test: ReportTest): TestOutcome {
  switch (test.status) {
    case 'pass':
    case 'success':
      return 'passed';
    case 'warn':
      return 'warned';
    case 'skipped':
      return 'skipped';
    default:
      // `fail`, `error` and any status we do not know: never count the unknown as a pass.
      return 'failed';
  }
}

/** The pull request changed the model's own code (or added or removed it), as opposed to impacting it. */
export function isChanged(model: ReportModel): boolean {
  return model.change === 'modified' || model.change === 'new' || model.change === 'removed';
}

export function hasSchemaChange(schema: SchemaDiff | null): boolean {
  return !!schema && schema.added.length + schema.removed.length + schema.changed.length + schema.reordered.length > 0;
}

function sameProfile(base: ColumnProfile, env: ColumnProfile): boolean {
  return base.nulls === env.nulls && base.distinct === env.distinct && base.min === env.min && base.max === env.max && base.sum === env.sum;
}

/** Profile columns whose aggregates differ between production and the pull request (or exist on one side). */
export function differingProfileColumns(profile: ProfileDiff | null): ProfileDiff['columns'] {
  if (!profile) return [];
  return profile.columns.filter((column) => !column.base || !column.env || !sameProfile(column.base, column.env));
}

/** Whether the pull request's data for this model differ from production's in any way the diff saw. */
export function hasDataChange(model: ReportModel): boolean {
  if (model.change === 'removed') return true;
  if (model.change === 'new') return model.status === 'built';
  const rows = model.rows;
  if (rows && rows.base !== null && rows.env !== null && rows.base !== rows.env) return true;
  if (hasSchemaChange(model.schema)) return true;
  const values = model.values;
  if (values && values.only_base + values.only_env + values.changed_rows > 0) return true;
  return differingProfileColumns(model.profile).length > 0;
}

/** Whether any diff was computed at all (a run without diffs should not claim "no data changes"). */
function hasAnyDiff(report: Report): boolean {
  return report.models.some((model) => model.rows || model.schema || model.values || model.profile);
}

export interface ReportCounts {
  /** Modified, new or removed by the pull request. */
  changed: number;
  new: number;
  removed: number;
  /** Downstream of a change and rebuilt. */
  impacted: number;
  /** Downstream of a change, but not rebuilt: it reads nothing that changed (data-aware impact). */
  unaffected: number;
  /** Unchanged, read from production instead of being built. */
  deferred: number;
  failedModels: number;
  skippedModels: number;
  tests: Record<TestOutcome, number>;
  lintErrors: number;
  lintWarnings: number;
  /** Models whose data differ, or null when no diff ran. */
  dataChanged: number | null;
}

export function countReport(report: Report): ReportCounts {
  const models = report.models;
  const tests: Record<TestOutcome, number> = { passed: 0, warned: 0, failed: 0, skipped: 0 };
  for (const test of report.tests) tests[testOutcome(test)] += 1;
  return {
    changed: models.filter(isChanged).length,
    new: models.filter((model) => model.change === 'new').length,
    removed: models.filter((model) => model.change === 'removed').length,
    impacted: models.filter((model) => model.change === 'impacted' && !isUnaffected(model)).length,
    unaffected: models.filter(isUnaffected).length,
    deferred: models.filter((model) => model.status === 'deferred' && !isUnaffected(model)).length,
    failedModels: models.filter((model) => model.status === 'failed').length,
    // Removed models are skipped by design; only count the ones a failure upstream stopped.
    skippedModels: models.filter((model) => model.status === 'skipped' && model.change !== 'removed').length,
    tests,
    lintErrors: report.lint.filter((finding) => finding.severity === 'error').length,
    lintWarnings: report.lint.filter((finding) => finding.severity !== 'error').length,
    dataChanged: hasAnyDiff(report) ? models.filter(hasDataChange).length : null,
  };
}

/** Downstream of a change but read from production: data-aware impact found it reads nothing that changed. */
export function isUnaffected(model: ReportModel): boolean {
  return model.change === 'impacted' && model.status === 'deferred';
}

const CHANGE_RANK: Record<string, number> = { modified: 0, new: 1, removed: 2, impacted: 3 };

/**
 * The models a reviewer looks at (everything but what was read from production), the pull request's own
 * changes first, then what they impact, each group in the report's (build) order. Cutting this list from
 * the end for size keeps what matters most.
 */
function rank(model: ReportModel): number {
  return isUnaffected(model) ? 4 : (CHANGE_RANK[model.change ?? ''] ?? 5);
}

export function reviewedModels(report: Report): ReportModel[] {
  return report.models
    .map((model, index) => ({ model, index }))
    .filter(({ model }) => model.status !== 'deferred' || isUnaffected(model))
    .sort((a, b) => rank(a.model) - rank(b.model) || a.index - b.index)
    .map(({ model }) => model);
}

/** Tests by the model they test (null: tests of no single model). */
export function testsByModel(report: Report): Map<string | null, ReportTest[]> {
  const byModel = new Map<string | null, ReportTest[]>();
  for (const test of report.tests) {
    const tests = byModel.get(test.model) ?? [];
    tests.push(test);
    byModel.set(test.model, tests);
  }
  return byModel;
}
