/**
 * When a GitHub API request may be sent again: only requests that are safe to repeat (reads, and updates
 * that set a value rather than add one), only after a transient failure (5xx, 429, a rate-limit 403 with
 * Retry-After, a dropped connection or a timeout), a bounded number of times with growing waits.
 * A comment or check run created twice would be a visible duplicate, so a POST is never repeated.
 */

export interface RetryPolicy {
  /** Attempts in total, the first included. */
  attempts: number;
  /** The wait before the first retry; it doubles after each. */
  baseDelayMs: number;
  /** No single wait is longer, whatever Retry-After says. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxDelayMs: 30_000 };

/**
 * GET and HEAD read; PATCH, PUT and DELETE set a state that a second identical request leaves unchanged.
 * (A check run update appends its annotations: repeated after a lost answer, a batch may show twice — a
 * lesser harm than a check run left in progress.)
 */
export function isSafeToRepeat(method: string): boolean {
  return ['GET', 'HEAD', 'PATCH', 'PUT', 'DELETE'].includes(method.toUpperCase());
}

/** What a failed request looked like, as far as retrying cares. */
export interface FailedAttempt {
  /** HTTP status; undefined when no response arrived (connection refused or reset, timeout). */
  status?: number;
  headers?: Record<string, string | number | undefined>;
}

export function isTransient(failure: FailedAttempt): boolean {
  const { status } = failure;
  if (status === undefined) return true;
  if (status === 429 || (status >= 500 && status !== 501)) return true;
  // GitHub's secondary rate limit is a 403 that says when to come back.
  return status === 403 && retryAfterMs(failure) !== undefined;
}

function retryAfterMs(failure: FailedAttempt): number | undefined {
  const value = failure.headers?.['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The wait before retry number `retry` (1 = the first retry): doubling, Retry-After as a floor, capped. */
export function retryDelayMs(retry: number, failure: FailedAttempt, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const backoff = policy.baseDelayMs * 2 ** (retry - 1);
  return Math.min(Math.max(backoff, retryAfterMs(failure) ?? 0), policy.maxDelayMs);
}
