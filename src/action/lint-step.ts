/**
 * The Action's two ways into lint: on its own (a fork's pull request, `command: lint`) and inside `ci`,
 * which lints the changed files before it builds and puts the findings in the report.
 */
import * as pipeline from '../pipeline.js';
import type { LintOutcome, LintRequest } from '../lint/lint-project.js';
import type { ProjectOptions } from '../pipeline.js';

type CiOptions = Parameters<typeof pipeline.ci>[0];

export function lintProject(options: ProjectOptions & LintRequest): Promise<LintOutcome> {
  return pipeline.lint(options);
}

/**
 * `ci` with lint of `request`'s files first; the findings land in the report's `lint`. Without files
 * (the changed files could not be listed), ci lints the models the plan found modified or new.
 */
export function ciWithLint(options: CiOptions, request: LintRequest): ReturnType<typeof pipeline.ci> {
  return pipeline.ci({ ...options, lint: request.files ? request : undefined });
}
