/**
 * A GitHub API request that failed for good: which request, what GitHub said, and what to do about it.
 * It is a SluiceError, so the Action reports it like any other; `status` lets callers tell a missing
 * permission (403) or a missing object (404) from the rest.
 */
import { SluiceError } from '../errors.js';

export class GitHubApiError extends SluiceError {
  readonly status: number | undefined;
  readonly request: string;

  constructor(request: string, status: number | undefined, detail: string, attempts: number) {
    const outcome = status === undefined ? 'got no response' : `answered ${status}`;
    super(`GitHub API ${request} ${outcome}${detail ? `: ${detail}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}`, { hint: hintFor(status) });
    this.name = 'GitHubApiError';
    this.status = status;
    this.request = request;
  }
}

function hintFor(status: number | undefined): string | undefined {
  switch (status) {
    case undefined:
      return 'GitHub could not be reached: check GITHUB_API_URL and the runner\'s network';
    case 401:
      return 'the github-token input is not a valid token';
    case 403:
      return "the token lacks a permission: give the workflow 'pull-requests: write' and 'checks: write' (a pull request from a fork only gets a read-only token)";
    case 404:
      return 'the repository, pull request or comment was not found, or the token cannot see it';
    case 422:
      return 'GitHub rejected the request as invalid';
    default:
      return status >= 500 || status === 429 ? 'GitHub had a problem: re-run the job' : undefined;
  }
}

/** GitHub's own words from an error response: its message and the first validation error, if any. */
export function gitHubErrorDetail(data: unknown, fallback: string): string {
  if (data && typeof data === 'object') {
    const body = data as { message?: unknown; errors?: unknown };
    const message = typeof body.message === 'string' ? body.message : '';
    const first = Array.isArray(body.errors) ? body.errors[0] : undefined;
    const extra = typeof first === 'string' ? first : first && typeof first === 'object' && typeof (first as { message?: unknown }).message === 'string' ? (first as { message: string }).message : '';
    const text = [message, extra].filter(Boolean).join(' — ');
    if (text) return text;
  }
  if (typeof data === 'string' && data.trim()) return data.trim().slice(0, 300);
  return fallback;
}
