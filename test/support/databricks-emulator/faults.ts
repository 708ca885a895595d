/**
 * Faults a test asks the emulator for: an HTTP error status or a dropped connection on a chosen
 * request, a slow statement, a statement that fails with a Databricks error. Each fault hits a bounded
 * number of requests (one by default) and is then used up.
 */
import { DatabricksSqlError } from './databricks-errors.js';

/** A Thrift call of the TCLIService: OpenSession, ExecuteStatement, GetOperationStatus, FetchResults, … */
export type ThriftMethod = string;

export interface RequestMatch {
  /** Only this Thrift call; any call when left out. */
  method?: ThriftMethod;
  /** Only ExecuteStatement calls whose statement matches. */
  statement?: RegExp;
  /** Let this many matching requests through first: `skip: 2` hits the third. */
  skip?: number;
  /** How many matching requests the fault hits (default 1; Infinity for all). */
  times?: number;
}

export interface HttpErrorFault extends RequestMatch {
  /** The HTTP status to answer with (default 503). */
  status?: number;
  /** A `Retry-After` header, in seconds. */
  retryAfterSeconds?: number;
}

export interface StatementFailure {
  errorClass?: string;
  message?: string;
  sqlState?: string;
  times?: number;
}

type HttpAction = { kind: 'status'; status: number; retryAfterSeconds?: number } | { kind: 'drop' };

interface Armed<T> {
  match: RequestMatch;
  skipped: number;
  remaining: number;
  action: T;
}

export class Faults {
  private http: Array<Armed<HttpAction>> = [];
  private slow: Array<{ pattern: RegExp; delayMs: number; remaining: number }> = [];
  private failures: Array<{ pattern: RegExp; error: DatabricksSqlError; remaining: number }> = [];

  /** Answers matching requests with an HTTP error (503 by default) instead of handling them. */
  httpError(fault: HttpErrorFault = {}): void {
    this.http.push(armed(fault, { kind: 'status', status: fault.status ?? 503, retryAfterSeconds: fault.retryAfterSeconds }));
  }

  /** Destroys the connection of matching requests without an answer. */
  dropConnection(match: RequestMatch = {}): void {
    this.http.push(armed(match, { kind: 'drop' }));
  }

  /** Matching statements stay running for `delayMs` before they execute (a cancel or timeout ends them early). */
  slowStatement(pattern: RegExp, delayMs: number, times = 1): void {
    this.slow.push({ pattern, delayMs, remaining: times });
  }

  /** Matching statements fail at ExecuteStatement with an ERROR_STATUS carrying a Databricks-style message. */
  failStatement(pattern: RegExp, failure: StatementFailure = {}): void {
    const error = new DatabricksSqlError(
      failure.errorClass ?? 'INSUFFICIENT_PERMISSIONS',
      failure.message ?? 'Insufficient privileges: User does not have MODIFY on Table (injected by the test).',
      failure.sqlState ?? '42501',
    );
    this.failures.push({ pattern, error, remaining: failure.times ?? 1 });
  }

  clear(): void {
    this.http = [];
    this.slow = [];
    this.failures = [];
  }

  /** The HTTP-level fault for a request, if one is armed for it; using it up. */
  takeHttpAction(method: ThriftMethod, statement: string | undefined): HttpAction | undefined {
    for (const fault of this.http) {
      if (fault.remaining <= 0 || !matches(fault.match, method, statement)) continue;
      if (fault.skipped < (fault.match.skip ?? 0)) {
        fault.skipped++;
        continue;
      }
      fault.remaining--;
      return fault.action;
    }
    return undefined;
  }

  takeStatementFailure(statement: string): DatabricksSqlError | undefined {
    const failure = this.failures.find((f) => f.remaining > 0 && f.pattern.test(statement));
    if (!failure) return undefined;
    failure.remaining--;
    return failure.error;
  }

  takeStatementDelay(statement: string): number {
    const slow = this.slow.find((s) => s.remaining > 0 && s.pattern.test(statement));
    if (!slow) return 0;
    slow.remaining--;
    return slow.delayMs;
  }
}

function armed<T>(match: RequestMatch, action: T): Armed<T> {
  return { match, skipped: 0, remaining: match.times ?? 1, action };
}

function matches(match: RequestMatch, method: ThriftMethod, statement: string | undefined): boolean {
  if (match.method && match.method !== method) return false;
  if (match.statement && (statement === undefined || !match.statement.test(statement))) return false;
  return true;
}
