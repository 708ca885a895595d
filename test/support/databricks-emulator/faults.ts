/**
 * Faults a test asks the emulator for: an HTTP error status or a dropped connection on a chosen
 * request, a slow statement, a statement that fails with a Databricks error, a write that loses a
 * Delta commit race to a concurrent writer. Each fault hits a bounded number of requests (one by
 * default) and is then used up.
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

export interface ConcurrentWriteConflict {
  /** What the concurrent writer did, as DESCRIBE HISTORY names it (default WRITE). */
  operation?: string;
  times?: number;
}

/** The table a conflicting write targets and its latest version, when the statement names one. */
export interface WriteTarget {
  table: string;
  version: number;
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
  private conflicts: Array<{ pattern: RegExp; operation: string; remaining: number }> = [];

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

  /**
   * Matching statements run, then fail to commit as a Delta write does when another writer committed
   * to the table first: the operation ends in ERROR with DELTA_CONCURRENT_APPEND (SQLSTATE 2D521),
   * naming the table and the concurrent commit's version. Nothing the statement wrote is kept.
   */
  concurrentWrite(pattern: RegExp, conflict: ConcurrentWriteConflict = {}): void {
    this.conflicts.push({ pattern, operation: conflict.operation ?? 'WRITE', remaining: conflict.times ?? 1 });
  }

  clear(): void {
    this.http = [];
    this.slow = [];
    this.failures = [];
    this.conflicts = [];
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

  /** The conflict armed for a statement, using it up: a function that words the error for the statement's table. */
  takeConcurrentConflict(statement: string): ((target: WriteTarget | undefined) => DatabricksSqlError) | undefined {
    const conflict = this.conflicts.find((c) => c.remaining > 0 && c.pattern.test(statement));
    if (!conflict) return undefined;
    conflict.remaining--;
    return (target) =>
      new DatabricksSqlError(
        'DELTA_CONCURRENT_APPEND.WITHOUT_HINT',
        `Transaction conflict detected. A concurrent ${conflict.operation} added data to table ${target?.table ?? 'the table'} committed at version ${target?.version ?? 0}. ` +
          'The concurrent operation modified data that should have been read by this operation. Please retry the operation. ' +
          'Refer to https://docs.databricks.com/delta/concurrency-control.html for more information.',
        '2D521',
      );
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
