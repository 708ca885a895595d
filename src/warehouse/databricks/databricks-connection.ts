/**
 * Connections to one Databricks SQL warehouse through the official `@databricks/sql` driver: a pool of
 * up to `threads` sessions, opened as statements need them. Every statement carries Sluice's run id in a
 * comment (so it can be found in the query history), may be cancelled by a timer or by `cancel()`, and is
 * tried again with exponential backoff and jitter after a transient failure — if, and only if, it is
 * safe to run twice (`isRetrySafe`).
 *
 * The driver retries some calls on its own (status polls, metadata, closes) for up to 15 minutes by
 * default. Those calls are safe to repeat but Sluice cannot repeat them itself, so the driver keeps a
 * short budget for them; everything longer — a warehouse that is starting — is Sluice's retry of the
 * whole statement, bounded and visible.
 */
import { randomUUID } from 'node:crypto';
import { DBSQLClient } from '@databricks/sql';
import type { ConnectionOptions } from '@databricks/sql/dist/contracts/IDBSQLClient.js';
import { WarehouseConnectionError } from '../../errors.js';
import { DatabricksWarehouseError, describeFailure, type Failure, type FailureContext } from './databricks-errors.js';
import { settingsSecrets, type DatabricksSettings } from './databricks-profile.js';
import { readResult, type StatementResult } from './databricks-values.js';
import type { SqlValue } from '../warehouse.js';

type IDBSQLSession = Awaited<ReturnType<DBSQLClient['openSession']>>;
type IOperation = Awaited<ReturnType<IDBSQLSession['executeStatement']>>;

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The first wait; each further wait doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

// About two and a half minutes of waiting in all: long enough for a serverless warehouse to start.
export const DEFAULT_RETRY: RetryPolicy = { attempts: 10, baseDelayMs: 1000, maxDelayMs: 30000 };

export interface DatabricksConnectionOptions {
  /** Written into every statement's comment. */
  runId?: string;
  /** The profiles.yml the settings came from: named in connection errors. */
  profileFile?: string;
  retry?: Partial<RetryPolicy>;
}

// The driver logs through winston to the console by default: Sluice reports failures itself.
const silentLogger = { log: () => undefined };

// A request idle this long is a dead connection: statements run asynchronously (the driver polls), so
// no request waits on a long statement.
const SOCKET_TIMEOUT_MS = 120000;

// The warehouse's own statement timeout is a backstop for when Sluice is gone (a killed job): a little
// later than Sluice's timer, so that Sluice normally cancels first and says why.
const SERVER_TIMEOUT_SLACK_SECONDS = 30;

interface Waiter {
  /** A free session, or undefined: capacity freed up, try to open one. */
  resolve(session: IDBSQLSession | undefined): void;
  reject(error: Error): void;
}

class Cancelled extends Error {}

/** The warehouse refused the statement itself (HTTP 429 or 503 on ExecuteStatement): nothing ran, so it may go again. */
class Refused extends Error {
  constructor(readonly failure: unknown) {
    super('refused');
  }
}

/** HTTP statuses with which a warehouse turns a request away without acting on it. */
const REFUSED_STATUSES = new Set([429, 503]);

export class DatabricksConnectionPool {
  private readonly idle: IDBSQLSession[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly running = new Set<IOperation>();
  /** Sessions open or being opened. */
  private size = 1;
  /** Bumped by cancel(): statements of an older generation stop. */
  private generation = 0;
  private cancelWaits = new AbortController();
  private closed = false;
  private readonly comment: string;
  private readonly retry: RetryPolicy;

  private constructor(
    private readonly client: DBSQLClient,
    firstSession: IDBSQLSession,
    private readonly settings: DatabricksSettings,
    private readonly context: FailureContext,
    options: DatabricksConnectionOptions,
  ) {
    this.idle.push(firstSession);
    const runId = (options.runId ?? randomUUID()).replace(/[^\w.:-]/g, '_');
    this.comment = `/* sluice run_id=${runId} */`;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  /** Connects and opens the first session, retrying a warehouse that is starting (`connect_retries`), each try bounded by `connect_timeout`. */
  static async open(settings: DatabricksSettings, options: DatabricksConnectionOptions = {}): Promise<DatabricksConnectionPool> {
    const context: FailureContext = {
      host: settings.host,
      port: settings.port,
      httpPath: settings.httpPath,
      oauth: settings.auth.kind === 'oauth-m2m',
      secrets: settingsSecrets(settings),
    };
    const retry = { ...DEFAULT_RETRY, ...options.retry };
    // A stopped warehouse answers 503 (or TEMPORARILY_UNAVAILABLE) for minutes while it starts: Sluice
    // waits for it up to warehouse_start_timeout, at the pace it asks for (Retry-After).
    const startDeadline = Date.now() + settings.startTimeoutSeconds * 1000;
    for (let attempt = 1; ; attempt++) {
      const client = new DBSQLClient({ logger: silentLogger });
      try {
        const session = await withTimeout(
          (async () => {
            await client.connect(connectionOptions(settings));
            return openSession(client, settings);
          })(),
          settings.connectTimeoutSeconds * 1000,
          (late) => void late.then((session) => session.close()).catch(() => undefined),
        );
        const pool = new DatabricksConnectionPool(client, session, settings, context, options);
        if (settings.statementTimeoutSeconds) await pool.run(serverTimeoutStatement(settings.statementTimeoutSeconds), true);
        return pool;
      } catch (error) {
        await client.close().catch(() => undefined);
        if (error instanceof DatabricksWarehouseError) throw error;
        const failure: Failure =
          error instanceof TimeoutError
            ? { kind: 'transient', message: `Could not connect to the Databricks host '${settings.host}' within ${settings.connectTimeoutSeconds} s (connect_timeout)` }
            : describeFailure(error, context);
        const wait = Math.max(backoff(retry, attempt), (failure.retryAfterSeconds ?? 0) * 1000);
        const starting = failure.unavailable === true && Date.now() + wait < startDeadline;
        if (failure.kind === 'transient' && (attempt <= settings.connectRetries || starting)) {
          await sleep(wait);
          continue;
        }
        const tries = attempt > 1 ? ` (after ${attempt} tries${failure.unavailable ? ` in ${Math.round((Date.now() - startDeadline) / 1000 + settings.startTimeoutSeconds)} s` : ''})` : '';
        throw new WarehouseConnectionError(failure.message + tries, { file: options.profileFile, hint: connectionHint(failure, settings) });
      }
    }
  }

  /**
   * Runs one statement; `retrySafe` says whether it may be sent again after a transient failure.
   * `parameters` bind the statement's `?` markers on the server (at most 256 per statement).
   */
  async run(sql: string, retrySafe: boolean, parameters?: SqlValue[]): Promise<StatementResult> {
    if (this.closed) throw new DatabricksWarehouseError('The Databricks connection is closed', sql);
    const generation = this.generation;
    let reopened = false;
    let startDeadline: number | undefined;
    for (let attempt = 1; ; attempt++) {
      let session: IDBSQLSession | undefined;
      try {
        session = await this.acquire(generation);
        return await this.runOnSession(session, sql, generation, parameters, retrySafe);
      } catch (error) {
        // Failing to open a session, or a refused ExecuteStatement, means the statement never ran: any statement may wait and go again.
        const sent = session !== undefined && !(error instanceof Refused);
        if (error instanceof Cancelled || this.generation !== generation) throw new DatabricksWarehouseError('The statement was cancelled', sql);
        if (error instanceof DatabricksWarehouseError) throw error;
        const failure = describeFailure(error instanceof Refused ? error.failure : error, this.context);
        // The server refused the session, so the statement never started: any statement may go again, once.
        if (failure.kind === 'session-lost' && session && !reopened) {
          this.discard(session);
          session = undefined;
          reopened = true;
          attempt--;
          continue;
        }
        // Another writer committed to the same table first: Delta wrote nothing of this statement, so it goes again.
        if (failure.kind === 'conflict' && attempt < this.retry.attempts) {
          this.release(session);
          session = undefined;
          await sleep(backoff(this.retry, attempt), this.cancelWaits.signal).catch(() => undefined);
          continue;
        }
        // A warehouse that stopped (auto-stop) and is starting again is waited for as at connect time.
        const wait = Math.max(backoff(this.retry, attempt), (failure.retryAfterSeconds ?? 0) * 1000);
        if (failure.unavailable) startDeadline ??= Date.now() + this.settings.startTimeoutSeconds * 1000;
        const starting = startDeadline !== undefined && failure.unavailable === true && Date.now() + wait < startDeadline;
        if (failure.kind === 'transient' && (retrySafe || !sent) && (attempt < this.retry.attempts || starting)) {
          this.release(session);
          session = undefined;
          await sleep(wait, this.cancelWaits.signal).catch(() => undefined);
          continue;
        }
        const notRetried = failure.kind === 'transient' && sent && !retrySafe;
        const tries = attempt > 1 ? ` (after ${attempt} tries)` : notRetried ? ' (not retried: the statement is not safe to run twice)' : '';
        throw new DatabricksWarehouseError(failure.message + tries, sql, failure.errorClass, failure.sqlState);
      } finally {
        this.release(session);
      }
    }
  }

  /** Cancels running statements and those waiting for a session; resolves once the cancels were sent. */
  async cancel(): Promise<void> {
    this.generation++;
    this.cancelWaits.abort();
    this.cancelWaits = new AbortController();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new Cancelled());
    await Promise.allSettled([...this.running].map((operation) => operation.cancel()));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.cancel();
    await Promise.allSettled(this.idle.splice(0).map((session) => session.close()));
    await this.client.close().catch(() => undefined);
  }

  private async runOnSession(session: IDBSQLSession, sql: string, generation: number, parameters?: SqlValue[], retrySafe = true): Promise<StatementResult> {
    let operation: IOperation;
    try {
      operation = await session.executeStatement(`${this.comment}\n${sql}`, parameters?.length ? { ordinalParameters: parameters } : {});
    } catch (error) {
      const status = describeFailure(error, this.context).httpStatus;
      throw status !== undefined && REFUSED_STATUSES.has(status) ? new Refused(error) : error;
    }
    if (this.generation !== generation) {
      await operation.cancel().catch(() => undefined);
      throw new Cancelled();
    }
    this.running.add(operation);
    let timedOut = false;
    const seconds = this.settings.statementTimeoutSeconds;
    const timer = seconds
      ? setTimeout(() => {
          timedOut = true;
          operation.cancel().catch(() => undefined);
        }, seconds * 1000)
      : undefined;
    try {
      await operation.finished();
      const schema = await operation.getSchema();
      const rows = schema ? await operation.fetchAll() : [];
      return readResult(schema, rows);
    } catch (error) {
      if (timedOut) throw new DatabricksWarehouseError(`The statement ran longer than the statement timeout of ${seconds} s and was cancelled`, sql);
      const failure = describeFailure(error, this.context);
      if (failure.kind === 'transient' && this.generation === generation) {
        // Its status could not be read: it may still be running, and a write may yet commit. Cancel it, so
        // that what is reported failed does not happen after all (a statement safe to repeat then goes again).
        await operation.cancel().catch(() => undefined);
        if (retrySafe) throw error;
        throw new DatabricksWarehouseError(`${failure.message}; the statement's status could not be read, so Sluice cancelled it`, sql, failure.errorClass, failure.sqlState);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      this.running.delete(operation);
      await operation.close().catch(() => undefined);
    }
  }

  private async acquire(generation: number): Promise<IDBSQLSession> {
    for (;;) {
      if (this.generation !== generation) throw new Cancelled();
      const session = this.idle.pop();
      if (session) return session;
      if (this.size < this.settings.threads) {
        this.size++;
        try {
          const opened = await openSession(this.client, this.settings);
          if (this.settings.statementTimeoutSeconds) {
            await this.runOnSession(opened, serverTimeoutStatement(this.settings.statementTimeoutSeconds), generation).catch(async (error: unknown) => {
              await opened.close().catch(() => undefined);
              throw error;
            });
          }
          return opened;
        } catch (error) {
          this.size--;
          this.wakeOne();
          throw error;
        }
      }
      const next = await new Promise<IDBSQLSession | undefined>((resolve, reject) => this.waiters.push({ resolve, reject }));
      if (next) return next;
    }
  }

  private release(session: IDBSQLSession | undefined): void {
    if (!session) return;
    if (this.closed) {
      session.close().catch(() => undefined);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter.resolve(session);
    else this.idle.push(session);
  }

  private discard(session: IDBSQLSession): void {
    this.size--;
    session.close().catch(() => undefined);
    this.wakeOne();
  }

  private wakeOne(): void {
    this.waiters.shift()?.resolve(undefined);
  }
}

/** What the driver is given to connect: Sluice's settings in the driver's words. */
export function connectionOptions(settings: DatabricksSettings): ConnectionOptions {
  const common = {
    host: settings.host,
    port: settings.port,
    path: settings.httpPath,
    customCaCert: settings.caCert,
    userAgentEntry: 'sluice',
    socketTimeout: SOCKET_TIMEOUT_MS,
    telemetryEnabled: false,
    // BIGINT as bigint and DECIMAL as exact text, instead of lossy doubles.
    preserveBigNumericPrecision: true,
    // The driver's own retries of the calls it may repeat (polls, closes): a short budget, see above.
    retryMaxAttempts: 3,
    retryDelayMin: 250,
    retryDelayMax: 2000,
    retriesTimeout: 30000,
  };
  return settings.auth.kind === 'token'
    ? { ...common, authType: 'access-token', token: settings.auth.token }
    : {
        ...common,
        authType: 'databricks-oauth',
        oauthClientId: settings.auth.clientId,
        oauthClientSecret: settings.auth.clientSecret,
        // client_id/client_secret are a Databricks service principal's OAuth secret. On an Azure host the
        // driver would otherwise trade them with Entra ID (login.microsoftonline.com), which refuses them.
        useDatabricksOAuthInAzure: true,
      };
}

/** What to check in the profile after a failed connection. */
function connectionHint(failure: Failure, settings: DatabricksSettings): string {
  if (failure.unavailable) return `the warehouse did not become available within warehouse_start_timeout (${settings.startTimeoutSeconds} s): check that it is running, or raise warehouse_start_timeout in the profile`;
  switch (failure.setting) {
    case 'http_path':
      return "http_path is the SQL warehouse's HTTP path, from its Connection details, e.g. /sql/1.0/warehouses/abc123";
    case 'credentials':
      return settings.auth.kind === 'oauth-m2m'
        ? "client_id and client_secret are a service principal's Databricks OAuth secret (not an Entra ID one); keep the secret in the environment: client_secret: \"{{ env_var('DATABRICKS_CLIENT_SECRET') }}\""
        : "token is a personal access token (or a service principal's); keep it in the environment: token: \"{{ env_var('DATABRICKS_TOKEN') }}\"";
    case 'ca_cert':
      return 'the certificate is not trusted: set ca_cert to the PEM file of the certificate authority that signed it';
    default:
      return "host is the workspace's host name without https://, e.g. adb-1234567890.12.azuredatabricks.net; `sluice debug` checks the connection";
  }
}

// Only the catalog: the profile's schema may not exist yet (Sluice creates it), and every name Sluice
// writes is fully qualified anyway.
function openSession(client: DBSQLClient, settings: DatabricksSettings): Promise<IDBSQLSession> {
  return client.openSession(settings.catalog ? { initialCatalog: settings.catalog } : {});
}

function serverTimeoutStatement(seconds: number): string {
  return `SET STATEMENT_TIMEOUT = ${Math.min(172800, Math.ceil(seconds) + SERVER_TIMEOUT_SLACK_SECONDS)}`;
}

/** Exponential backoff with jitter: half the doubled delay for sure, the other half at random. */
export function backoff(policy: RetryPolicy, attempt: number): number {
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return delay / 2 + Math.random() * (delay / 2);
}

class TimeoutError extends Error {}

/** The promise's result, or a TimeoutError after `ms`; a result that arrives later goes to `onLate`. */
function withTimeout<T>(promise: Promise<T>, ms: number, onLate: (late: Promise<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      onLate(promise);
      reject(new TimeoutError());
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new Cancelled());
      },
      { once: true },
    );
  });
}
