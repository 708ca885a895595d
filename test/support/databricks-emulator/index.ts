/**
 * A local Databricks SQL warehouse for tests: the TCLIService Thrift protocol over HTTPS on 127.0.0.1,
 * spoken with the generated Thrift code that ships inside `@databricks/sql`, executing on an in-memory
 * DuckDB. It checks the HTTP path and the bearer token, and injects the faults a test arms.
 *
 *   const emulator = await startDatabricksEmulator();
 *   const warehouse = await DatabricksWarehouse.open({ target: emulator.target() });  // a profile target
 *   emulator.faults.httpError({ method: 'ExecuteStatement' });          // the next statement: HTTP 503
 *   emulator.faults.httpError({ skip: 4 });                             // the 5th request from now: HTTP 503
 *   emulator.faults.dropConnection({ statement: /INSERT/ });            // the next INSERT: socket destroyed
 *   emulator.faults.slowStatement(/big_model/, 5000);                   // runs 5 s (cancel/timeout end it)
 *   emulator.faults.failStatement(/secret_table/, { errorClass: 'INSUFFICIENT_PERMISSIONS' });
 *   emulator.faults.concurrentWrite(/MERGE INTO/, { times: 2 });          // DELTA_CONCURRENT_APPEND, twice
 *   emulator.advanceClock(8 * 24 * 3600_000);                           // every Delta version is 8 days older
 *   emulator.statements;  // every statement received, as sent (with Sluice's run-id comment)
 *   await emulator.stop();
 *
 * Unity Catalog state it keeps (relation-metadata.ts): managed and external tables (LOCATION), views,
 * materialized views and streaming tables (CREATE MATERIALIZED VIEW / CREATE STREAMING TABLE); comments,
 * TBLPROPERTIES, PARTITIONED BY, CLUSTER BY, USING, shown by DESCRIBE TABLE [EXTENDED], DESCRIBE DETAIL,
 * SHOW TBLPROPERTIES and information_schema; GRANT/REVOKE/SHOW GRANTS (any principal is accepted), lost
 * by CREATE OR REPLACE VIEW and DROP, kept by ALTER VIEW … AS and CREATE OR REPLACE TABLE; Unity
 * Catalog's shallow-clone rules, and its refusal of a LOCATION that overlaps another table's. A catalog
 * named `hive_metastore` (pass it in `catalogs`) is the legacy metastore: no information_schema, no
 * shallow clone to or from it, no location checks.
 *
 * Whether a Delta version can still be restored (delta-history.ts has the model): `DESCRIBE HISTORY t`
 * lists every version whose log entry is kept (30 days by default), also after a VACUUM deleted its
 * files. A client can tell that version v is restorable when v is listed and either v is the latest
 * version or (1) v's timestamp is within the table's delta.deletedFileRetentionDuration of now
 * (SHOW TBLPROPERTIES; default 'interval 7 days') and (2) no `VACUUM START` listed after v has
 * `timestamp − operationParameters.specifiedRetentionMillis` later than the timestamp of version v+1 (a
 * VACUUM deletes the files removed before that instant, and v's files were removed at v+1 at the
 * earliest: the test is conservative, it also rejects a v whose files an append at v+1 kept).
 * Reading or restoring a version that fails these fails with
 * DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION or DELTA_FILE_NOT_FOUND_DETAILED.
 *
 * What it emulates, and how (see the files beside this one): sql-engine.ts (catalogs as attached DuckDB
 * databases, names stored lower-case, Delta clauses dropped, SHOW/DESCRIBE/information_schema, MERGE by
 * name with Delta's duplicate-key error, result metrics), sql-translation.ts (Spark SQL into DuckDB's:
 * types, operators, 0-based subscripts; DuckDB-only syntax refused), spark-functions.ts (Databricks'
 * built-in functions: other names refused, those DuckDB computes differently rewritten; spark-call.ts is what
 * a rewrite works with), spark-datetime.ts (date and time functions, casts and literals as Spark computes them,
 * in UTC: the emulator refuses another session time zone), datetime-patterns.ts (Spark's datetime patterns:
 * formatting, parsing, and Databricks' refusals), delta-history.ts (versions, time travel, CLONE,
 * RESTORE, VACUUM and retention), relation-metadata.ts (Unity Catalog's record of each relation, grants),
 * object-names.ts (the names Unity Catalog and hive_metastore refuse), aggregate-types.ts (Spark's types for
 * sums and averages of decimals, and truncating casts of aggregates, from a plan-time probe of the arguments),
 * thrift-service.ts (sessions, asynchronous operations, direct results and paging, cancel,
 * STATEMENT_TIMEOUT), arrow-results.ts (Arrow results with exact BIGINT and DECIMAL). Simplified: complex
 * types (arrays, structs, maps) travel as strings; time travel by timestamp only in RESTORE; the Thrift
 * metadata calls (GetTables, …) are not offered; OAuth is not (the driver only sends it to Databricks hosts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSignedCertificate } from './certificate.js';
import { readStatement, tcliService, thrift } from './driver-modules.js';
import { Faults } from './faults.js';
import type { Cell } from './result-set.js';
import { DatabricksEngine, type EngineSession } from './sql-engine.js';
import { ThriftService, type EmulatorLog } from './thrift-service.js';

export { Faults } from './faults.js';
export type { HttpErrorFault, RequestMatch, StatementFailure } from './faults.js';

export interface DatabricksEmulatorOptions {
  /** The bearer token the emulator accepts (random by default). */
  token?: string;
  /** The warehouse's HTTP path (default `/sql/1.0/warehouses/emulator`). */
  path?: string;
  /** Unity Catalog catalogs that exist; the first is the default (default `['main']`). */
  catalogs?: string[];
  /** The status for a wrong token (Databricks answers 401 or 403; default 401). */
  authFailureStatus?: 401 | 403;
  /** Rows per result page (default 10000). */
  pageSize?: number;
  /** How long ExecuteStatement waits for a result before answering with a handle to poll (default 50 ms). */
  directResultsWaitMs?: number;
  /** The port to listen on (default: any free port). */
  port?: number;
}

export interface DatabricksEmulator extends EmulatorLog {
  host: string;
  port: number;
  path: string;
  token: string;
  /** PEM of the certificate the server presents: pass it to the driver as `customCaCert`. */
  caCert: string;
  /** The same PEM in a file, for a profile's `ca_cert`. */
  caCertFile: string;
  /** A `type: databricks` profile target that points at the emulator (catalog `main`, schema `default`, 1 thread). */
  target(overrides?: Record<string, unknown>): Record<string, unknown> & { type: string; schema: string; threads: number };
  faults: Faults;
  /** Forgets every session, as a warehouse does after a restart: their next statement fails with an invalid handle. */
  expireSessions(): Promise<void>;
  /** Moves the warehouse's clock forward: Delta versions age (retention, VACUUM) without waiting. */
  advanceClock(ms: number): void;
  /** Runs Databricks SQL directly, without the driver (for a test's own checks); rows as arrays of cells. */
  run(sql: string): Promise<Cell[][]>;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function startDatabricksEmulator(options: DatabricksEmulatorOptions = {}): Promise<DatabricksEmulator> {
  const token = options.token ?? `dapi-emulator-${randomBytes(8).toString('hex')}`;
  const path = options.path ?? '/sql/1.0/warehouses/emulator';
  const certificate = selfSignedCertificate();
  const engine = await DatabricksEngine.create(options.catalogs ?? ['main']);
  const faults = new Faults();
  const log: EmulatorLog = { requests: [], statements: [], cancelled: [] };
  const service = new ThriftService(engine, faults, log, {
    pageSize: options.pageSize ?? 10000,
    directResultsWaitMs: options.directResultsWaitMs ?? 50,
  });
  const processor = new tcliService.Processor(service);

  const server = createServer({ cert: certificate.cert, key: certificate.key, requestTimeout: 60000 }, (request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.headers.authorization !== `Bearer ${token}`) {
        response.writeHead(options.authFailureStatus ?? 401, { 'content-type': 'text/plain' }).end('Invalid access token.');
        return;
      }
      if (request.method !== 'POST' || new URL(request.url ?? '/', 'https://emulator').pathname !== path) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found');
        return;
      }
      const { method, statement } = peekCall(body);
      const action = faults.takeHttpAction(method, statement);
      log.requests.push({ method, statement, fault: action && (action.kind === 'drop' ? 'dropped' : `http ${action.status}`) });
      if (action?.kind === 'drop') {
        request.socket.destroy();
        return;
      }
      if (action?.kind === 'status') {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (action.retryAfterSeconds !== undefined) headers['retry-after'] = String(action.retryAfterSeconds);
        response.writeHead(action.status, headers).end(JSON.stringify({ error_code: 'TEMPORARILY_UNAVAILABLE', message: 'Injected by the test.' }));
        return;
      }
      thrift.TBufferedTransport.receiver((transport) => {
        const input = new thrift.TBinaryProtocol(transport);
        const output = new thrift.TBinaryProtocol(
          new thrift.TBufferedTransport(undefined, (data) => {
            response.writeHead(200, { 'content-type': 'application/x-thrift' }).end(data);
          }),
        );
        processor.process(input, output);
      })(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const certificateDir = mkdtempSync(join(tmpdir(), 'sluice-emulator-'));
  const caCertFile = join(certificateDir, 'ca.pem');
  writeFileSync(caCertFile, certificate.cert);
  const catalog = (options.catalogs ?? ['main'])[0];

  let ownSession: EngineSession | undefined;
  return {
    host: '127.0.0.1',
    port,
    path,
    token,
    caCert: certificate.cert,
    caCertFile,
    target: (overrides = {}) => ({
      type: 'databricks',
      host: '127.0.0.1',
      port,
      http_path: path,
      token,
      ca_cert: caCertFile,
      catalog,
      schema: 'default',
      threads: 1,
      ...overrides,
    }),
    faults,
    requests: log.requests,
    statements: log.statements,
    cancelled: log.cancelled,
    expireSessions: () => service.closeAll(),
    advanceClock: (ms: number) => engine.history.clock.advance(ms),
    async run(sql: string) {
      ownSession ??= await engine.openSession();
      const outcome = await engine.execute(ownSession, sql);
      return outcome.result?.rows ?? [];
    },
    async stop() {
      await service.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownSession) engine.closeSession(ownSession);
      await engine.close();
      rmSync(certificateDir, { recursive: true, force: true });
    },
  };
}

/** The Thrift call a request makes, and its statement for ExecuteStatement, read without handling it. */
function peekCall(body: Buffer): { method: string; statement?: string } {
  let call: { method: string; statement?: string } = { method: 'unknown' };
  try {
    thrift.TBufferedTransport.receiver((transport) => {
      const protocol = new thrift.TBinaryProtocol(transport);
      const method = protocol.readMessageBegin().fname;
      call = { method, statement: method === 'ExecuteStatement' ? readStatement(protocol) : undefined };
    })(body);
  } catch {
    // Not a Thrift message: handling it will answer with the protocol error.
  }
  return call;
}
