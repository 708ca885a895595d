/**
 * Whether a report fails the check, by the `fail-on` input: `error` (a model that failed to build, a
 * failed error-level test, an error-level lint finding), `breaking` (those, and breaking changes), `warn`
 * (those, and warnings: tests that warned, lint warnings) or `never` (report only).
 */
import { countReport, testOutcome } from '../report/facts.js';
import { plural } from '../report/format.js';
import type { Report } from '../report/report-json.js';
import type { CheckConclusion } from '../github/check-run.js';
import type { FailOn } from './inputs.js';

export interface Verdict {
  fail: boolean;
  conclusion: CheckConclusion;
  /** One line, every problem found: the check run's title. */
  title: string;
  /** The problems that fail the check by `fail-on` (empty when it passes): the step's failure message. */
  failure: string;
}

const NAMED = 5;

/** `2 tests failed (a, b)`: a count, what happened, and the first few names. */
function named(what: string, happened: string, names: string[]): string {
  const shown = names.slice(0, NAMED).join(', ');
  return `${plural(names.length, what)} ${happened}${shown ? ` (${shown}${names.length > NAMED ? ', …' : ''})` : ''}`;
}

export function judgeReport(report: Report, failOn: FailOn): Verdict {
  const counts = countReport(report);
  const failedTests = report.tests.filter((test) => testOutcome(test) === 'failed');
  const failedModels = report.models.filter((model) => model.status === 'failed');
  const errors = [
    failedModels.length ? named('model', 'failed to build', failedModels.map((model) => model.name)) : '',
    failedTests.length ? named('test', 'failed', failedTests.map((test) => test.name)) : '',
    counts.lintErrors ? plural(counts.lintErrors, 'lint error') : '',
  ].filter(Boolean);
  const breaking = report.breaking.length ? [plural(report.breaking.length, 'breaking change')] : [];
  const warnings = [counts.tests.warned ? `${plural(counts.tests.warned, 'test')} warned` : '', counts.lintWarnings ? plural(counts.lintWarnings, 'lint warning') : ''].filter(Boolean);

  const counted = { error: errors, breaking: [...errors, ...breaking], warn: [...errors, ...breaking, ...warnings], never: [] as string[] }[failOn];
  const fail = counted.length > 0;
  const problems = [...errors, ...breaking, ...warnings];
  const built = report.models.filter((model) => model.status === 'built').length;
  const passed = `${plural(built, 'model')} built, ${plural(counts.tests.passed, 'test')} passed`;
  return {
    fail,
    conclusion: fail ? 'failure' : errors.length ? 'neutral' : 'success',
    title: problems.length ? problems.join(' · ') : passed,
    failure: counted.join(' · '),
  };
}
