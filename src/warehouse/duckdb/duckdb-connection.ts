/**
 * Connections to one DuckDB database: a fixed pool of `threads` connections, so that up to `threads`
 * statements run at the same time and the others wait their turn.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { WarehouseConnectionError } from '../../errors.js';
import { WarehouseError } from '../warehouse.js';
import { readResult, type StatementResult } from './duckdb-values.js';

export interface DuckDBConnectionOptions {
  /** A database file (relative to the process's working directory) or `:memory:`. */
  path: string;
  /** How many statements may run at once. */
  threads: number;
}

interface QueuedStatement {
  /** The SQL, or a label of the work, for errors. */
  sql: string;
  work(connection: DuckDBConnection): Promise<unknown>;
  resolve(result: unknown): void;
  reject(error: WarehouseError): void;
}

export class DuckDBConnectionPool {
  private readonly idle: DuckDBConnection[];
  private readonly running = new Map<DuckDBConnection, Promise<unknown>>();
  private queue: QueuedStatement[] = [];
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connections: DuckDBConnection[],
  ) {
    this.idle = [...connections];
  }

  static async open(options: DuckDBConnectionOptions): Promise<DuckDBConnectionPool> {
    const inMemory = options.path === ':memory:' || options.path === '';
    if (!inMemory) mkdirSync(dirname(resolve(options.path)), { recursive: true });
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(inMemory ? ':memory:' : options.path);
    } catch (error) {
      throw new WarehouseConnectionError(`Could not open DuckDB database '${options.path}': ${messageOf(error)}`, { hint: "check the DuckDB target's path in profiles.yml: a file Sluice may create and write" });
    }
    const size = Math.max(1, Math.floor(options.threads) || 1);
    const connections = await Promise.all(Array.from({ length: size }, () => instance.connect()));
    return new DuckDBConnectionPool(instance, connections);
  }

  /** Runs one or more statements on the next free connection; the result is the last statement's. */
  run(sql: string): Promise<StatementResult> {
    return this.withConnection(sql, (connection) => connection.run(sql).then(readResult));
  }

  /** Runs `work` with a connection of its own (e.g. temp tables and an appender), queued like a statement. */
  withConnection<T>(label: string, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new WarehouseError('The DuckDB connection is closed', label));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ sql: label, work, resolve: resolve as (result: unknown) => void, reject });
      this.dispatch();
    });
  }

  /** Interrupts every running statement and rejects those still waiting; resolves once they have stopped. */
  async cancel(): Promise<void> {
    const queued = this.queue;
    this.queue = [];
    for (const statement of queued) statement.reject(new WarehouseError('Cancelled before it started', statement.sql));

    const cancelled = [...this.running];
    const interrupt = () => {
      for (const [connection, statement] of cancelled) if (this.running.get(connection) === statement) connection.interrupt();
    };
    interrupt();
    // An interrupt that arrives before DuckDB has started the statement is lost: repeat until each stops.
    const timer = setInterval(interrupt, 20);
    await Promise.allSettled(cancelled.map(([, statement]) => statement));
    clearInterval(timer);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A connection must not be closed under a statement: cancel waits for them to stop.
    await this.cancel();
    for (const connection of this.connections) connection.closeSync();
    this.instance.closeSync();
  }

  // Starting a statement happens synchronously with taking its connection, so that cancel() always sees
  // a statement either queued or running, never in between.
  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const { sql, work, resolve, reject } = this.queue.shift()!;
      const connection = this.idle.pop()!;
      const statement = work(connection);
      this.running.set(connection, statement);
      statement
        .then(resolve, (error: unknown) => reject(new WarehouseError(messageOf(error), sql)))
        .finally(() => {
          this.running.delete(connection);
          if (this.closed) return;
          this.idle.push(connection);
          this.dispatch();
        });
    }
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
