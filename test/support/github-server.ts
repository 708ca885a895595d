/**
 * A small fake of GitHub's REST API on 127.0.0.1 for the Action's tests: the real Octokit client
 * (`@octokit/rest` with `baseUrl`, or `@actions/github`'s getOctokit with GITHUB_API_URL) talks to it.
 * Every request is checked against GitHub's own OpenAPI description (so the fake is never more lenient
 * than GitHub), every answer is checked against the documented response schema (so the fake is never
 * wrong in what it sends), and the repository's comments, check runs and pull requests live in
 * `state` for the test to seed and inspect. The parts are in ./github-server/.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeViolations, errorsText, loadGitHubDescription, type GitHubDescription, type Operation } from './github-server/openapi-validator.js';
import { GitHubResources } from './github-server/resources.js';
import { DOCS, GitHubError, makeRoutes, notFound, type Reply } from './github-server/routes.js';
import type { GitHubState } from './github-server/state.js';

export type { FakeCheckRun, FakeComment, FakePull, FakePullFile, GitHubState } from './github-server/state.js';
export { makePull } from './github-server/state.js';
export { COMMENT_BODY_MAX, PULL_FILES_MAX } from './github-server/routes.js';

export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/repos/octo-org/warehouse/issues/2/comments`. */
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (undefined when there was none). */
  body: unknown;
  /** The status the fake answered with. */
  status: number;
}

export interface FailureRule {
  method: string;
  path: RegExp;
  status: number;
  /** How many matching requests fail before the rule is used up; 1 unless given. */
  times?: number;
  message?: string;
}

export interface FakeGitHub {
  url: string;
  state: GitHubState;
  requests: RecordedRequest[];
  fail(rule: FailureRule): void;
  close(): Promise<void>;
}

export interface FakeGitHubOptions {
  owner?: string;
  repo?: string;
  /** The token's own login (GET /user, author of new comments); `github-actions[bot]` by default. */
  login?: string;
  /** `forbidden`: GET /user answers 403 as it does for an Actions GITHUB_TOKEN. */
  userEndpoint?: 'ok' | 'forbidden';
  /** A fork's token: every POST/PATCH answers 403 "Resource not accessible by integration". */
  readOnlyToken?: boolean;
  /** The largest per_page honoured (GitHub: 100); smaller values make pagination tests cheap. */
  perPageMax?: number;
  /** `master` by default, as in the webhook payloads under test/fixtures/github/events/. */
  defaultBranch?: string;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Requires authentication',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Validation Failed',
  429: 'API rate limit exceeded',
  500: 'Internal Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
};

// Compiling GitHub's schemas takes a moment: once per test file is enough.
let description: GitHubDescription | undefined;

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  description ??= loadGitHubDescription();
  const { operations } = description;
  const state: GitHubState = {
    owner: options.owner ?? 'octo-org',
    repo: options.repo ?? 'warehouse',
    defaultBranch: options.defaultBranch ?? 'master',
    login: options.login ?? 'github-actions[bot]',
    comments: [],
    checkRuns: [],
    pulls: new Map(),
  };
  const requests: RecordedRequest[] = [];
  const failures: Array<FailureRule & { remaining: number }> = [];
  /** Answers of the fake that break GitHub's documented schema: close() rejects with them. */
  const selfErrors: string[] = [];
  let url = '';
  let resources: GitHubResources | undefined;
  let routes: ReturnType<typeof makeRoutes> | undefined;

  const answer = (operation: Operation | undefined, request: IncomingMessage, requestUrl: URL, rawBody: string): Reply => {
    const path = requestUrl.pathname;
    const rule = failures.find((candidate) => candidate.remaining > 0 && candidate.method.toUpperCase() === request.method && candidate.path.test(path));
    if (rule) {
      rule.remaining -= 1;
      const message = rule.message ?? STATUS_MESSAGES[rule.status] ?? 'Error';
      return { status: rule.status, body: { message, documentation_url: DOCS, status: String(rule.status) } };
    }
    if (!operation) throw notFound();

    if (!/^(token|bearer) \S+$/i.test(request.headers.authorization ?? '')) {
      throw new GitHubError(401, { message: 'Requires authentication', documentation_url: DOCS, status: '401' });
    }
    const match = operation.pattern.exec(path)!;
    const params: Record<string, unknown> = Object.fromEntries(requestUrl.searchParams);
    operation.pathParams.forEach((name, index) => (params[name] = decodeURIComponent(match[index + 1]!)));
    const sameRepo = (name: string, expected: string): boolean => params[name] === undefined || String(params[name]).toLowerCase() === expected.toLowerCase();
    if (!sameRepo('owner', state.owner) || !sameRepo('repo', state.repo)) throw notFound();
    if (options.readOnlyToken && request.method !== 'GET') {
      throw new GitHubError(403, { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' });
    }

    let body: unknown;
    if (rawBody.trim() !== '') {
      try {
        body = JSON.parse(rawBody);
      } catch {
        throw new GitHubError(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
      }
    }
    const violations = operation.validateParams(params) ? [] : describeViolations(operation.validateParams.errors);
    if (operation.validateBody && !operation.validateBody(body ?? {})) violations.push(...describeViolations(operation.validateBody.errors));
    if (violations.length > 0) {
      throw new GitHubError(422, {
        message: `Invalid request.\n\n${violations.map((violation) => violation.message).join('\n')}`,
        errors: violations.map((violation) => ({ resource: operation.operationId, ...violation })),
        documentation_url: DOCS,
        status: '422',
      });
    }
    return routes![operation.operationId]!({ params, body: (body ?? {}) as Record<string, unknown>, requestUrl });
  };

  const handle = (request: IncomingMessage, response: ServerResponse, rawBody: string): void => {
    const requestUrl = new URL(request.url ?? '/', url);
    const record: RecordedRequest = { method: request.method ?? 'GET', path: requestUrl.pathname, query: Object.fromEntries(requestUrl.searchParams), body: undefined, status: 0 };
    try {
      record.body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
    } catch {
      record.body = rawBody;
    }
    requests.push(record);
    const operation = operations.find((candidate) => candidate.method === request.method && candidate.pattern.test(requestUrl.pathname));

    let reply: Reply;
    try {
      reply = answer(operation, request, requestUrl, rawBody);
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      reply = { status: error.status, body: error.body };
    }
    // Keep the fake honest: what it sends must be what GitHub documents for this status.
    const validate = operation?.responses.get(reply.status);
    if (validate && !validate(reply.body)) {
      const problem = `fake GitHub answered ${request.method} ${requestUrl.pathname} (${operation!.operationId}) ${reply.status} with a body GitHub's schema rejects: ${errorsText(validate.errors)}`;
      selfErrors.push(problem);
      console.error(problem);
      reply = { status: 500, body: { message: problem, documentation_url: DOCS, status: '500' } };
    }
    record.status = reply.status;
    const text = JSON.stringify(reply.body);
    response.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': `FAKE:${requests.length}`,
      ...reply.headers,
    });
    response.end(text);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        handle(request, response, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        // A bug in the fake itself: fail loudly, in the answer and at close().
        const problem = `fake GitHub crashed on ${request.method} ${request.url}: ${error instanceof Error ? error.stack : String(error)}`;
        selfErrors.push(problem);
        console.error(problem);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ message: problem }));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resources = new GitHubResources(description.schemas, url);
  routes = makeRoutes({ state, resources, perPageMax: options.perPageMax ?? 100, userEndpoint: options.userEndpoint ?? 'ok' });

  return {
    url,
    state,
    requests,
    fail(rule) {
      failures.push({ ...rule, remaining: rule.times ?? 1 });
    },
    async close() {
      server.closeAllConnections(); // Octokit's fetch keeps connections alive
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      if (selfErrors.length > 0) throw new Error(`the fake GitHub server broke GitHub's schema:\n${selfErrors.join('\n')}`);
    },
  };
}
