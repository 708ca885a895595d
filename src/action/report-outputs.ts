/**
 * The step's outputs (declared in action.yml): every one is always set, empty when a run has no value
 * for it, so that later steps can read them without checking which event ran.
 */
import { countReport } from '../report/facts.js';
import type { Report } from '../report/report-json.js';
import { setOutputs } from '../github/workflow-output.js';

export interface RunOutputs {
  reportPath?: string | null;
  report?: Report | null;
  /** Lint findings when there is no report (lint only). */
  lintErrors?: number;
  environment?: string | null;
}

export function writeOutputs(outputs: RunOutputs): void {
  const counts = outputs.report ? countReport(outputs.report) : null;
  setOutputs({
    'report-path': outputs.reportPath ?? '',
    'models-built': outputs.report ? outputs.report.models.filter((model) => model.status === 'built').length : '',
    'tests-failed': counts ? counts.tests.failed : '',
    'lint-errors': counts ? counts.lintErrors : (outputs.lintErrors ?? ''),
    environment: outputs.environment ?? '',
  });
}
