/**
 * The TCLIService calls a SQL warehouse answers for the driver: sessions, statements run as
 * asynchronous operations (polled with GetOperationStatus, cancelled with CancelOperation), results
 * as direct results or pages fetched with FetchResults, in Arrow.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { arrowBatchBytes, arrowSchemaBytes, thriftSchema } from './arrow-results.js';
import { DatabricksSqlError, fromDuckDBError } from './databricks-errors.js';
import { thriftTypes } from './driver-modules.js';
import type { Faults } from './faults.js';
import { ParameterError, bindParameters, type SparkParameter } from './parameters.js';
import type { ResultSet } from './result-set.js';
import type { DatabricksEngine, EngineSession } from './sql-engine.js';

const { TStatusCode, TOperationState, TOperationType, TProtocolVersion, TSparkRowSetType, TFetchOrientation } = thriftTypes;

/** What the emulator saw, for tests to assert on. */
export interface EmulatorLog {
  /** Every request that passed the path and token checks: its Thrift call, and the statement for ExecuteStatement. */
  requests: Array<{ method: string; statement?: string; fault?: string }>;
  /** Statements received by ExecuteStatement (also those that then failed), in order. */
  statements: string[];
  /** Statements that were cancelled while they ran. */
  cancelled: string[];
}

export interface ThriftServiceOptions {
  /** Rows per result page (direct results and each FetchResults). */
  pageSize: number;
  /** How long ExecuteStatement waits for a statement to finish before answering with just a handle. */
  directResultsWaitMs: number;
}

interface SessionRecord {
  guid: Buffer;
  engine: EngineSession;
  /** Statements of one session run one at a time, like on a connection. */
  queue: Promise<void>;
  operations: Set<Operation>;
}

interface Operation {
  guid: Buffer;
  session: SessionRecord;
  statement: string;
  state: number;
  hasResultSet: boolean;
  result?: ResultSet;
  modifiedRows?: number;
  error?: DatabricksSqlError;
  offset: number;
  done: Promise<void>;
  abort: AbortController;
  running: boolean;
}

// Loose shapes of the Thrift requests: only the fields read here.
interface Handle {
  guid: Buffer;
}
interface SessionRequest {
  sessionHandle: { sessionId: Handle };
}
interface OperationRequest {
  operationHandle: { operationId: Handle };
}

const OK = { statusCode: TStatusCode.SUCCESS_STATUS };

export class ThriftService {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly operations = new Map<string, Operation>();

  constructor(
    private readonly engine: DatabricksEngine,
    private readonly faults: Faults,
    private readonly log: EmulatorLog,
    private readonly options: ThriftServiceOptions,
  ) {}

  async OpenSession(request: { initialNamespace?: { catalogName?: string; schemaName?: string } }) {
    try {
      const engineSession = await this.engine.openSession(request.initialNamespace?.catalogName, request.initialNamespace?.schemaName);
      const guid = newGuid();
      this.sessions.set(guid.toString('hex'), { guid, engine: engineSession, queue: Promise.resolve(), operations: new Set() });
      return {
        status: OK,
        serverProtocolVersion: TProtocolVersion.SPARK_CLI_SERVICE_PROTOCOL_V8,
        sessionHandle: { sessionId: { guid, secret: randomBytes(16) } },
        configuration: {},
        canUseMultipleCatalogs: true,
      };
    } catch (error) {
      return { status: errorStatus(fromDuckDBError(error)), serverProtocolVersion: TProtocolVersion.SPARK_CLI_SERVICE_PROTOCOL_V8 };
    }
  }

  async CloseSession(request: SessionRequest) {
    const session = this.session(request);
    if (!session) return { status: invalidSession() };
    await this.closeSession(session);
    return { status: OK };
  }

  async GetInfo(request: SessionRequest) {
    void request;
    return { status: OK, infoValue: { stringValue: 'Sluice Databricks emulator' } };
  }

  async ExecuteStatement(request: SessionRequest & { statement: string; parameters?: SparkParameter[] | null; getDirectResults?: { maxRows: { toNumber(): number } } }) {
    const session = this.session(request);
    if (!session) return { status: invalidSession() };
    this.log.statements.push(request.statement);
    let statement: string;
    try {
      statement = bindParameters(request.statement, request.parameters);
    } catch (error) {
      if (!(error instanceof ParameterError)) throw error;
      const [, errorClass = 'INVALID_PARAMETER', detail = error.message] = /^\[([A-Z_]+)\]\s*(.*)$/.exec(error.message) ?? [];
      return { status: errorStatus(new DatabricksSqlError(errorClass, detail, '42K0E')) };
    }
    const failure = this.faults.takeStatementFailure(statement);
    if (failure) return { status: errorStatus(failure) };

    const operation = this.start(session, statement);
    await Promise.race([operation.done, sleep(this.options.directResultsWaitMs)]);
    const handle = this.operationHandle(operation);
    const finished = operation.state === TOperationState.FINISHED_STATE || operation.state === TOperationState.ERROR_STATE;
    if (!finished || !request.getDirectResults) return { status: OK, operationHandle: handle };

    const maxRows = Math.min(request.getDirectResults.maxRows.toNumber(), this.options.pageSize);
    const directResults: Record<string, unknown> = { operationStatus: this.status(operation) };
    // Metadata and a first page also for statements without rows: the operation is closed with them,
    // so the driver must not need to ask again.
    if (operation.state === TOperationState.FINISHED_STATE) {
      directResults.resultSetMetadata = this.metadata(operation);
      directResults.resultSet = this.page(operation, maxRows);
    }
    const complete = !operation.result || operation.offset >= operation.result.rows.length;
    if (complete) {
      directResults.closeOperation = { status: OK };
      this.forget(operation);
    }
    return { status: OK, operationHandle: handle, directResults };
  }

  async GetOperationStatus(request: OperationRequest) {
    const operation = this.operation(request);
    if (!operation) return { status: invalidOperation() };
    return this.status(operation);
  }

  async GetResultSetMetadata(request: OperationRequest) {
    const operation = this.operation(request);
    if (!operation) return { status: invalidOperation() };
    return this.metadata(operation);
  }

  async FetchResults(request: OperationRequest & { orientation: number; maxRows: { toNumber(): number } }) {
    const operation = this.operation(request);
    if (!operation) return { status: invalidOperation() };
    if (operation.state !== TOperationState.FINISHED_STATE) {
      return { status: errorStatus(new DatabricksSqlError('INVALID_CURSOR.NOT_REATTACHABLE', 'The operation has no results to fetch.', 'HY109')) };
    }
    if (request.orientation === TFetchOrientation.FETCH_FIRST) operation.offset = 0;
    return this.page(operation, Math.min(request.maxRows.toNumber(), this.options.pageSize));
  }

  async CancelOperation(request: OperationRequest) {
    const operation = this.operation(request);
    if (!operation) return { status: invalidOperation() };
    this.cancel(operation);
    return { status: OK };
  }

  async CloseOperation(request: OperationRequest) {
    const operation = this.operation(request);
    if (!operation) return { status: invalidOperation() };
    this.cancel(operation);
    this.forget(operation);
    return { status: OK };
  }

  // The metadata calls (GetTables, GetColumns, …): Sluice reads metadata with SQL, so the emulator does not offer them.
  GetTypeInfo = notOffered;
  GetCatalogs = notOffered;
  GetSchemas = notOffered;
  GetTables = notOffered;
  GetTableTypes = notOffered;
  GetColumns = notOffered;
  GetFunctions = notOffered;
  GetPrimaryKeys = notOffered;
  GetCrossReference = notOffered;
  GetDelegationToken = notOffered;
  CancelDelegationToken = notOffered;
  RenewDelegationToken = notOffered;

  /** Cancels everything and closes every session. */
  async closeAll(): Promise<void> {
    for (const session of [...this.sessions.values()]) await this.closeSession(session);
  }

  private async closeSession(session: SessionRecord): Promise<void> {
    for (const operation of [...session.operations]) {
      this.cancel(operation);
      this.forget(operation);
    }
    this.sessions.delete(session.guid.toString('hex'));
    // The connection must not close under a statement: wait for the session's queue to drain.
    await session.queue;
    this.engine.closeSession(session.engine);
  }

  private start(session: SessionRecord, statement: string): Operation {
    const operation: Operation = {
      guid: newGuid(),
      session,
      statement,
      state: TOperationState.PENDING_STATE,
      hasResultSet: this.engine.returnsResultSet(statement),
      offset: 0,
      done: Promise.resolve(),
      abort: new AbortController(),
      running: false,
    };
    this.operations.set(operation.guid.toString('hex'), operation);
    session.operations.add(operation);
    const delayMs = this.faults.takeStatementDelay(statement);
    const previous = session.queue;
    let release!: () => void;
    session.queue = new Promise((resolve) => (release = resolve));
    operation.done = (async () => {
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      try {
        await previous;
        if (operation.abort.signal.aborted) return;
        operation.state = TOperationState.RUNNING_STATE;
        const timeoutSeconds = session.engine.statementTimeoutSeconds;
        if (timeoutSeconds > 0) {
          timer = setTimeout(() => {
            timedOut = true;
            operation.abort.abort();
            if (operation.running) session.engine.connection.interrupt();
          }, timeoutSeconds * 1000);
        }
        if (delayMs) await sleep(delayMs, operation.abort.signal);
        operation.running = true;
        const conflict = this.faults.takeConcurrentConflict(statement);
        if (conflict) throw conflict(await this.engine.writeTarget(session.engine, statement));
        const outcome = await this.engine.execute(session.engine, statement);
        if (operation.state === TOperationState.CANCELED_STATE) return;
        operation.result = outcome.result;
        operation.modifiedRows = outcome.modifiedRows;
        operation.hasResultSet = outcome.result !== undefined;
        operation.state = TOperationState.FINISHED_STATE;
      } catch (error) {
        if (operation.state === TOperationState.CANCELED_STATE) return;
        operation.error = timedOut
          ? new DatabricksSqlError(
              'QUERY_EXECUTION_TIMEOUT_EXCEEDED',
              `The execution of the query was cancelled because it exceeded the statement timeout (${session.engine.statementTimeoutSeconds} s) set with STATEMENT_TIMEOUT (emulated wording).`,
              '57KD0',
            )
          : fromDuckDBError(error);
        operation.state = TOperationState.ERROR_STATE;
      } finally {
        operation.running = false;
        clearTimeout(timer);
        release();
      }
    })();
    return operation;
  }

  private cancel(operation: Operation): void {
    const inFlight = operation.state === TOperationState.PENDING_STATE || operation.state === TOperationState.RUNNING_STATE;
    if (!inFlight) return;
    operation.state = TOperationState.CANCELED_STATE;
    this.log.cancelled.push(operation.statement);
    operation.abort.abort();
    if (operation.running) operation.session.engine.connection.interrupt();
  }

  private forget(operation: Operation): void {
    this.operations.delete(operation.guid.toString('hex'));
    operation.session.operations.delete(operation);
  }

  private session(request: SessionRequest): SessionRecord | undefined {
    return this.sessions.get(Buffer.from(request.sessionHandle.sessionId.guid).toString('hex'));
  }

  private operation(request: OperationRequest): Operation | undefined {
    return this.operations.get(Buffer.from(request.operationHandle.operationId.guid).toString('hex'));
  }

  private operationHandle(operation: Operation) {
    return {
      operationId: { guid: operation.guid, secret: randomBytes(16) },
      operationType: TOperationType.EXECUTE_STATEMENT,
      hasResultSet: operation.hasResultSet,
    };
  }

  private status(operation: Operation) {
    const status: Record<string, unknown> = { status: OK, operationState: operation.state };
    if (operation.state === TOperationState.FINISHED_STATE) {
      status.hasResultSet = operation.hasResultSet;
      if (operation.modifiedRows !== undefined) status.numModifiedRows = operation.modifiedRows;
    }
    if (operation.error) {
      status.errorMessage = operation.error.message;
      status.displayMessage = operation.error.message;
      status.sqlState = operation.error.sqlState;
      status.errorCode = 0;
    }
    return status;
  }

  private metadata(operation: Operation) {
    const columns = operation.result?.columns ?? [];
    return {
      status: OK,
      schema: thriftSchema(columns),
      resultFormat: TSparkRowSetType.ARROW_BASED_SET,
      lz4Compressed: false,
      arrowSchema: arrowSchemaBytes(columns),
      isStagingOperation: false,
    };
  }

  private page(operation: Operation, maxRows: number) {
    const rows = operation.result?.rows ?? [];
    const start = operation.offset;
    const page = rows.slice(start, start + Math.max(1, maxRows));
    operation.offset = start + page.length;
    const arrowBatches = page.length ? [{ batch: arrowBatchBytes(operation.result!.columns, page), rowCount: page.length }] : [];
    return {
      status: OK,
      hasMoreRows: operation.offset < rows.length,
      results: { startRowOffset: start, rows: [], arrowBatches },
    };
  }
}

// One parameter: the generated processor calls one-argument handlers and awaits the promise.
async function notOffered(request: unknown) {
  void request;
  return { status: errorStatus(new DatabricksSqlError('EMULATOR_UNSUPPORTED', 'The Databricks emulator does not offer the Thrift metadata calls: use SQL.', '0A000')) };
}

function errorStatus(error: DatabricksSqlError) {
  return { statusCode: TStatusCode.ERROR_STATUS, errorMessage: error.message, displayMessage: error.message, sqlState: error.sqlState, errorCode: 0 };
}

function invalidSession() {
  return { statusCode: TStatusCode.ERROR_STATUS, errorMessage: 'Invalid SessionHandle: the session has not been initialized or had already closed.', sqlState: 'HY000' };
}

function invalidOperation() {
  return { statusCode: TStatusCode.ERROR_STATUS, errorMessage: 'Invalid OperationHandle: the operation does not exist or had already closed.', sqlState: 'HY000' };
}

/** Handles are UUIDs: the driver prints them as such and checks that they are well formed. */
function newGuid(): Buffer {
  return Buffer.from(randomUUID().replaceAll('-', ''), 'hex');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('aborted'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('aborted'));
    }, { once: true });
  });
}
