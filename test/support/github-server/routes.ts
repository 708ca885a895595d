/**
 * What the fake GitHub server does for each REST operation Sluice calls, keyed by GitHub's
 * operationId. Requests reach a handler only after the OpenAPI validation and the auth checks, so a
 * handler enforces just the rules GitHub's schema does not state (body length, annotation rules, ...).
 */
import { paginate } from './pagination.js';
import { GitHubResources, timestamp } from './resources.js';
import type { FakeCheckRun, FakePull, GitHubState } from './state.js';

export const DOCS = 'https://docs.github.com/rest';

/** The most characters GitHub keeps in an issue or pull request comment. */
export const COMMENT_BODY_MAX = 65_536;
/** GitHub lists at most this many files of a pull request. */
export const PULL_FILES_MAX = 3_000;

/** An answer other than success; the server sends `body` with `status`. */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message));
  }
}

export function notFound(): GitHubError {
  return new GitHubError(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
}

/** GitHub's 422 for a rule of its own (not of the schema): "Validation Failed" with one error. */
export function validationFailed(resource: string, field: string, message: string): GitHubError {
  return new GitHubError(422, {
    message: 'Validation Failed',
    errors: [{ resource, code: 'custom', field, message }],
    documentation_url: DOCS,
    status: '422',
  });
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

// Request values have been checked against GitHub's schema before a handler sees them.
export interface RouteContext {
  params: Record<string, any>;
  body: Record<string, any>;
  requestUrl: URL;
}

export interface RouteOptions {
  state: GitHubState;
  resources: GitHubResources;
  perPageMax: number;
  userEndpoint: 'ok' | 'forbidden';
}

export type Handler = (context: RouteContext) => Reply;

/** Characters as GitHub counts them (code points, not UTF-16 units). */
function characters(text: string): number {
  return [...text].length;
}

export function makeRoutes({ state, resources, perPageMax, userEndpoint }: RouteOptions): Record<string, Handler> {
  const fullName = (): string => `${state.owner}/${state.repo}`;
  const nextId = (items: Array<{ id: number }>): number => Math.max(1000, ...items.map((item) => item.id)) + 1;
  const checkRunTimes = new Map<number, { started_at: string; completed_at: string | null }>();

  const pullOf = (number: number): FakePull => {
    const pull = state.pulls.get(number);
    if (!pull) throw notFound();
    return pull;
  };
  const checkCommentBody = (body: string): void => {
    if (characters(body) > COMMENT_BODY_MAX) {
      throw validationFailed('IssueComment', 'body', `body is too long (maximum is ${COMMENT_BODY_MAX} characters)`);
    }
  };
  const listed = <T>(all: T[], context: RouteContext, shape: (item: T) => unknown): Reply => {
    const page = paginate(all, context.params, context.requestUrl, perPageMax);
    return { status: 200, body: page.items.map(shape), headers: page.link ? { link: page.link } : {} };
  };
  const commentJson = (comment: GitHubState['comments'][number]): unknown => resources.comment(fullName(), comment);

  const applyCheckRun = (run: FakeCheckRun, body: Record<string, any>, creating: boolean): void => {
    if (body.conclusion === 'stale') throw validationFailed('CheckRun', 'conclusion', 'stale is reserved for GitHub');
    const completing = body.status === 'completed' || body.completed_at !== undefined;
    if (completing && body.conclusion === undefined && (creating || run.conclusion === null)) {
      throw validationFailed('CheckRun', 'conclusion', 'conclusion must be provided when the check run is completed');
    }
    for (const annotation of (body.output?.annotations ?? []) as Array<Record<string, any>>) {
      if (annotation.start_line > annotation.end_line) {
        throw validationFailed('CheckRun', 'annotations', 'start_line must be less than or equal to end_line');
      }
      const hasColumns = annotation.start_column !== undefined || annotation.end_column !== undefined;
      if (hasColumns && annotation.start_line !== annotation.end_line) {
        throw validationFailed('CheckRun', 'annotations', 'start_column and end_column are only supported on one line');
      }
    }
    if (body.name !== undefined) run.name = body.name;
    if (body.status !== undefined) run.status = body.status;
    if (body.conclusion !== undefined) {
      run.conclusion = body.conclusion;
      run.status = 'completed'; // GitHub: a conclusion completes the run
    }
    if (body.output !== undefined) {
      const { annotations = [], title, summary, text } = body.output;
      run.output = {
        ...run.output,
        ...(title !== undefined ? { title } : {}),
        ...(summary !== undefined ? { summary } : {}),
        ...(text !== undefined ? { text } : {}),
        annotations: [...run.output.annotations, ...annotations], // appended, never replaced
      };
    }
    const times = checkRunTimes.get(run.id) ?? { started_at: body.started_at ?? timestamp(), completed_at: null };
    if (run.status === 'completed' && times.completed_at === null) times.completed_at = body.completed_at ?? timestamp();
    checkRunTimes.set(run.id, times);
  };
  const checkRunJson = (run: FakeCheckRun): unknown =>
    resources.checkRun(fullName(), run, checkRunTimes.get(run.id) ?? { started_at: timestamp(), completed_at: null });

  return {
    'users/get-authenticated': () => {
      if (userEndpoint === 'forbidden') {
        // What an Actions GITHUB_TOKEN (an installation token) gets from GET /user.
        throw new GitHubError(403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' });
      }
      return { status: 200, body: resources.user(state.login, undefined, 'public-user') };
    },

    'issues/list-comments': (context) => {
      pullOf(context.params.issue_number);
      const since: string | undefined = context.params.since;
      const comments = state.comments
        .filter((comment) => comment.issue_number === context.params.issue_number)
        .filter((comment) => since === undefined || Date.parse(comment.updated_at) >= Date.parse(since))
        .sort((a, b) => a.id - b.id);
      return listed(comments, context, commentJson);
    },

    'issues/create-comment': (context) => {
      pullOf(context.params.issue_number);
      checkCommentBody(context.body.body);
      const now = timestamp();
      const comment = {
        id: nextId(state.comments),
        issue_number: context.params.issue_number as number,
        body: context.body.body as string,
        user: { login: state.login, type: state.login.endsWith('[bot]') ? 'Bot' : 'User' },
        created_at: now,
        updated_at: now,
      };
      state.comments.push(comment);
      return { status: 201, body: commentJson(comment), headers: { location: `${context.requestUrl.origin}/repos/${fullName()}/issues/comments/${comment.id}` } };
    },

    'issues/update-comment': (context) => {
      const comment = state.comments.find((candidate) => candidate.id === context.params.comment_id);
      if (!comment) throw notFound();
      checkCommentBody(context.body.body);
      comment.body = context.body.body;
      comment.updated_at = timestamp();
      return { status: 200, body: commentJson(comment) };
    },

    'checks/create': (context) => {
      if (!/^[0-9a-f]{40}$/.test(context.body.head_sha)) {
        throw validationFailed('CheckRun', 'head_sha', `No commit found for SHA: ${context.body.head_sha}`);
      }
      const run: FakeCheckRun = {
        id: nextId(state.checkRuns),
        name: context.body.name,
        head_sha: context.body.head_sha,
        status: 'queued',
        conclusion: null,
        output: { annotations: [] },
      };
      applyCheckRun(run, context.body, true);
      state.checkRuns.push(run);
      return { status: 201, body: checkRunJson(run) };
    },

    'checks/update': (context) => {
      const run = state.checkRuns.find((candidate) => candidate.id === context.params.check_run_id);
      if (!run) throw notFound();
      applyCheckRun(run, context.body, false);
      return { status: 200, body: checkRunJson(run) };
    },

    'pulls/list-files': (context) => {
      const pull = pullOf(context.params.pull_number);
      return listed(pull.files.slice(0, PULL_FILES_MAX), context, (file) => resources.diffEntry(fullName(), pull.head.sha, file));
    },

    'pulls/get': (context) => ({
      status: 200,
      body: resources.pull(fullName(), state.defaultBranch, pullOf(context.params.pull_number), 'pull-request'),
    }),

    'pulls/list': (context) => {
      const { state: wanted, base, head, direction } = context.params;
      const pulls = [...state.pulls.values()]
        .filter((pull) => wanted === 'all' || pull.state === wanted)
        .filter((pull) => base === undefined || pull.base.ref === base)
        .filter((pull) => head === undefined || `${pull.head.repo.full_name.split('/')[0]}:${pull.head.ref}` === head)
        // Numbers grow with creation time, which is GitHub's default order (newest first).
        .sort((a, b) => ((direction ?? (context.params.sort === 'created' ? 'desc' : 'asc')) === 'asc' ? a.number - b.number : b.number - a.number));
      return listed(pulls, context, (pull) => resources.pull(fullName(), state.defaultBranch, pull, 'pull-request-simple'));
    },

    'repos/get': () => ({
      status: 200,
      body: resources.repository(fullName(), { fork: false, defaultBranch: state.defaultBranch }, 'full-repository'),
    }),
  };
}
