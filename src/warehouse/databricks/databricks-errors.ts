/**
 * What went wrong, from the driver's many error shapes: a sentence a user can act on, whether trying
 * again may help, and the warehouse's error class and SQLSTATE when it gave one. Secrets never appear:
 * every message is scrubbed of the token and client secret.
 */
import { WarehouseError } from '../warehouse.js';

/** A WarehouseError with what Databricks said about it, when it said something. */
export class DatabricksWarehouseError extends WarehouseError {
  constructor(
    message: string,
    sql: string | undefined,
    /** `TABLE_OR_VIEW_NOT_FOUND`, … when the warehouse named one. */
    readonly errorClass?: string,
    readonly sqlState?: string,
  ) {
    super(message, sql);
    this.name = 'DatabricksWarehouseError';
  }
}

export interface FailureContext {
  host: string;
  port: number;
  httpPath: string;
  /** OAuth machine-to-machine instead of a token: a rejection then points at the client credentials. */
  oauth: boolean;
  /** Values that must never appear in a message. */
  secrets: string[];
}

export type FailureKind =
  /** Worth another try if the statement is safe to repeat: a busy or starting warehouse, a dropped connection. */
  | 'transient'
  /** The session is gone on the server: the statement did not run, and a new session can take it. */
  | 'session-lost'
  /** Delta refused the statement's commit because another writer committed first: nothing was written, so any statement may go again. */
  | 'conflict'
  | 'cancelled'
  | 'fatal';

export interface Failure {
  kind: FailureKind;
  message: string;
  errorClass?: string;
  sqlState?: string;
  /** The warehouse answered that it cannot take requests now (starting, stopped, overloaded): waiting helps. */
  unavailable?: boolean;
  /** The HTTP status the warehouse answered, when the failure was one. */
  httpStatus?: number;
  /** Which setting of the profile the failure points at, when it points at one. */
  setting?: 'host' | 'http_path' | 'credentials' | 'ca_cert';
  /** How long the warehouse asked to wait (an HTTP `Retry-After` in seconds), when it said. */
  retryAfterSeconds?: number;
}

// A commit that lost a race with another writer: DELTA_CONCURRENT_APPEND, _DELETE_READ, _DELETE_DELETE,
// _TRANSACTION, _WRITE, and a metadata or protocol change under it.
const CONFLICT_CLASSES = /^DELTA_(?:CONCURRENT_[A-Z_]+|METADATA_CHANGED|PROTOCOL_CHANGED)(?:\.|$)/;

// HTTP statuses of a warehouse that is starting, stopped, overloaded or behind a failing gateway.
const UNAVAILABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);
const TLS_CODES = /^(?:CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_)/;

export function describeFailure(error: unknown, context: FailureContext): Failure {
  const failure = classify(error, context);
  return { ...failure, message: scrub(failure.message, context.secrets) };
}

function classify(error: unknown, context: FailureContext): Failure {
  const record = (error ?? {}) as Record<string, unknown>;
  const message = typeof record.message === 'string' ? record.message : String(error);
  const where = `${context.host}${context.port === 443 ? '' : `:${context.port}`}`;

  const status = httpStatus(record, message);
  if (status === 401 || status === 403) {
    return {
      kind: 'fatal',
      setting: 'credentials',
      message: context.oauth
        ? `The Databricks workspace at ${where} rejected the OAuth credentials (HTTP ${status}): check client_id and client_secret, and that the service principal may use the SQL warehouse`
        : `The Databricks workspace at ${where} rejected the token (HTTP ${status}): check the token, and that it may use the SQL warehouse`,
    };
  }
  if (status === 404) {
    return { kind: 'fatal', setting: 'http_path', message: `The Databricks workspace at ${where} has no SQL warehouse at http_path '${context.httpPath}' (HTTP 404): check http_path` };
  }
  if (status !== undefined && UNAVAILABLE_STATUSES.has(status)) {
    const retryAfterSeconds = retryAfter(record);
    return {
      kind: 'transient',
      httpStatus: status,
      message: `The SQL warehouse at ${where} is not available (starting or stopped?): HTTP ${status}`,
      unavailable: true,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  }
  if (status !== undefined) return { kind: 'fatal', message: `The Databricks workspace at ${where} answered HTTP ${status}` };

  const code = networkCode(record, message);
  if (code === 'ENOTFOUND') return { kind: 'fatal', setting: 'host', message: `Could not find the Databricks host '${context.host}': check host` };
  if (code === 'ECONNREFUSED') return { kind: 'fatal', setting: 'host', message: `Could not connect to the Databricks host '${where}' (connection refused): check host` };
  if (code && TLS_CODES.test(code)) return { kind: 'fatal', setting: 'ca_cert', message: `Could not verify the TLS certificate of '${where}' (${code})` };
  if (code && TRANSIENT_NETWORK_CODES.has(code)) return { kind: 'transient', message: `The connection to the Databricks host '${where}' was lost (${code})` };
  if (/socket hang up|premature close|network timeout|Request timed out/i.test(message)) {
    return { kind: 'transient', message: `The connection to the Databricks host '${where}' was lost (${message.replace(/^.*reason: /, '')})` };
  }

  if (record.name === 'AuthenticationError') return { kind: 'fatal', setting: 'credentials', message: `OAuth authentication with ${where} failed: ${message}` };

  // The warehouse's own words: `[ERROR_CLASS] message SQLSTATE: xxxxx`, on an operation or a status.
  const response = (record.response ?? {}) as Record<string, unknown>;
  const serverMessage = String(response.displayMessage ?? response.errorMessage ?? message);
  const errorClass = /^\s*\[([A-Z0-9_.]+)\]/.exec(serverMessage)?.[1];
  const sqlState = (typeof response.sqlState === 'string' ? response.sqlState : undefined) ?? /SQLSTATE: ([0-9A-Z]{5})/.exec(serverMessage)?.[1];
  if (record.errorCode === 'CANCELED') return { kind: 'cancelled', message: 'The statement was cancelled' };
  if (/Invalid SessionHandle|session handle|INVALID_HANDLE\.SESSION/i.test(serverMessage)) {
    return { kind: 'session-lost', message: `The Databricks session was closed by the server: ${serverMessage}`, errorClass, sqlState };
  }
  // Delta's optimistic concurrency: ConcurrentAppendException and its kin, as error classes.
  if (errorClass && CONFLICT_CLASSES.test(errorClass)) return { kind: 'conflict', message: serverMessage, errorClass, sqlState };
  if (/TEMPORARILY_UNAVAILABLE/.test(serverMessage)) {
    return { kind: 'transient', message: `The SQL warehouse at ${where} is not available (starting or stopped?): ${serverMessage}`, errorClass, sqlState, unavailable: true };
  }
  return { kind: 'fatal', message: serverMessage, errorClass, sqlState };
}

/** The HTTP status of a failed call: the driver's THTTPException, or its message after its own retries ran out. */
function httpStatus(record: Record<string, unknown>, message: string): number | undefined {
  if (typeof record.statusCode === 'number') return record.statusCode;
  // The driver's RetryError, when its own retries of a call ran out, holds the last answer.
  const last = ((record.payload ?? {}) as { response?: { status?: unknown } }).response?.status;
  if (typeof last === 'number') return last;
  const match = /bad HTTP status code: (\d{3})|Hive driver: (\d{3}) when connecting/.exec(message);
  return match ? Number(match[1] ?? match[2]) : undefined;
}

/** The `Retry-After` seconds of the HTTP answer behind a failure: on the driver's THTTPException, or on the last try of its own retries. */
function retryAfter(record: Record<string, unknown>): number | undefined {
  for (const holder of [record, record.payload]) {
    const headers = ((holder ?? {}) as { response?: { headers?: { get?: (name: string) => string | null } } }).response?.headers;
    const value = typeof headers?.get === 'function' ? Number(headers.get('Retry-After') ?? '') : NaN;
    if (Number.isFinite(value) && value > 0) return value;
  }
  return undefined;
}

function networkCode(record: Record<string, unknown>, message: string): string | undefined {
  if (typeof record.code === 'string' && /^[A-Z_]+$/.test(record.code)) return record.code;
  // node-fetch words it as `request to https://… failed, reason: connect ECONNREFUSED 127.0.0.1:443`.
  return /reason: (?:[a-z]+ )?([A-Z][A-Z_]+)\b/.exec(message)?.[1];
}

export function scrub(message: string, secrets: string[]): string {
  let scrubbed = message;
  for (const secret of secrets) if (secret) scrubbed = scrubbed.replaceAll(secret, '****');
  return scrubbed;
}
