/**
 * GET over HTTP with Node's fetch, for the package hub and tarballs: a time limit on every request, and
 * a few retries — with a pause between them — when the server cannot be reached, times out or answers
 * 429/5xx (dbt retries the hub the same way). Any other status is an answer, not a reason to retry.
 */

export interface HttpResponse {
  status: number;
  body: Buffer;
}

export interface HttpGetOptions {
  timeoutMs: number;
  /** Pauses before each retry; their count is the number of retries. */
  retryDelaysMs?: number[];
}

/** Thrown when every attempt failed without an answer (or with a 429/5xx one). */
export class HttpUnreachable extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${reason} (GET ${url})`);
  }
}

const DEFAULT_RETRY_DELAYS_MS = [500, 1500];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'the request timed out';
  const cause = (error as Error & { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return error.message;
}

export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpResponse> {
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let reason = 'no attempt made';
  for (let attempt = 0; attempt <= delays.length; attempt++) {
    if (attempt > 0) await sleep(delays[attempt - 1]);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs), redirect: 'follow' });
      const body = Buffer.from(await response.arrayBuffer());
      if (response.status === 429 || response.status >= 500) {
        reason = `the server answered ${response.status} ${response.statusText}`.trim();
        continue;
      }
      return { status: response.status, body };
    } catch (error) {
      reason = reasonOf(error);
    }
  }
  throw new HttpUnreachable(url, reason);
}
