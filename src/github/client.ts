/**
 * The GitHub REST client the Action uses: Octokit on `GITHUB_API_URL` (GitHub Enterprise Server and the
 * tests' fake server included), with Sluice's own retries (see retry-policy.ts), a timeout per request,
 * and failures turned into a GitHubApiError that names the request.
 */
import { Octokit } from '@octokit/rest';
import { GitHubApiError, gitHubErrorDetail } from './github-api-error.js';
import { DEFAULT_RETRY_POLICY, isSafeToRepeat, isTransient, retryDelayMs, type FailedAttempt, type RetryPolicy } from './retry-policy.js';

export type GitHubClient = InstanceType<typeof Octokit>;

export interface ClientOptions {
  token: string;
  /** Default: `GITHUB_API_URL`, else https://api.github.com. */
  apiUrl?: string;
  retry?: RetryPolicy;
  /** Milliseconds one request may take before it counts as failed (and, if safe, is retried). */
  timeoutMs?: number;
  /** Where retries are announced. */
  log?: (line: string) => void;
}

interface HttpFailure {
  status?: number;
  response?: { status?: number; headers?: Record<string, string | number | undefined>; data?: unknown };
  message?: string;
}

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const apiUrl = (options.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, '');
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const log = options.log ?? (() => undefined);
  const quiet = () => undefined;
  const octokit = new Octokit({
    auth: options.token,
    baseUrl: apiUrl,
    userAgent: 'sluice-action',
    // Octokit's request log would print every request; failures are reported as GitHubApiErrors instead.
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    const { method, url } = octokit.request.endpoint.parse(requestOptions);
    const described = `${method} ${url.startsWith(apiUrl) ? url.slice(apiUrl.length) : url}`;
    const attempts = isSafeToRepeat(method) ? Math.max(1, policy.attempts) : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await request({ ...requestOptions, request: { ...requestOptions.request, signal: AbortSignal.timeout(timeoutMs) } });
      } catch (error) {
        const failure = error as HttpFailure;
        // Octokit reports a request that got no answer as status 500 without a response.
        const answered: FailedAttempt = failure.response ? { status: failure.response.status ?? failure.status, headers: failure.response.headers } : {};
        if (attempt < attempts && isTransient(answered)) {
          const wait = retryDelayMs(attempt, answered, policy);
          log(`GitHub API ${described} ${answered.status === undefined ? 'got no response' : `answered ${answered.status}`}: retrying in ${(wait / 1000).toFixed(1)}s`);
          await new Promise((resolve) => setTimeout(resolve, wait));
          continue;
        }
        const detail = failure.response ? gitHubErrorDetail(failure.response.data, failure.message ?? '') : (failure.message ?? String(error));
        throw new GitHubApiError(described, answered.status, detail, attempt);
      }
    }
  });
  return octokit;
}
