/** `ci` as the Action runs it: lint of the pull request's changed files first, the findings in the report. */
import * as pipeline from '../pipeline.js';
import type { LintRequest } from '../lint/lint-project.js';

type CiOptions = Parameters<typeof pipeline.ci>[0];

/**
 * `ci` with lint of `request`'s files first; the findings land in the report's `lint`. Without files
 * (the changed files could not be listed), ci lints the models the plan found modified or new.
 */
export function ciWithLint(options: CiOptions, request: LintRequest): ReturnType<typeof pipeline.ci> {
  return pipeline.ci({ ...options, lint: request.files ? request : undefined });
}
