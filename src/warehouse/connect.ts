/**
 * Opens the warehouse a profile target names. Drivers are loaded here, on demand, so that a project
 * on one warehouse never needs the other's driver installed.
 */
import { SluiceError } from '../errors.js';
import type { Profile } from '../project/types.js';
import type { Warehouse } from './warehouse.js';
import { dialectFor } from './dialects.js';

type Target = Profile['target'];

const SUPPORTED_TYPES = ['duckdb', 'databricks'];

export interface ConnectOptions {
  /**
   * How long to keep retrying when another process holds the database file (DuckDB allows one writer
   * process): promote and rollback wait for one another this way.
   */
  waitForFileSeconds?: number;
  /** Where waiting is announced. */
  out?: (line: string) => void;
  /** The profiles.yml the target came from, for errors about missing fields. */
  profileFile?: string;
  /** Tagged on every statement where the warehouse keeps a query history. */
  runId?: string;
}

export async function connectWarehouse(target: Target, options: ConnectOptions = {}): Promise<Warehouse> {
  switch (target.type) {
    case 'duckdb':
      return connectDuckDBWaiting(target, options);
    case 'databricks':
      return connectDatabricks(target, options);
    default:
      throw new SluiceError(`Unsupported warehouse type '${target.type}'`, {
        hint: `supported types: ${SUPPORTED_TYPES.join(', ')}`,
      });
  }
}

/** A short description for logs: type, where, schema. Never a secret. */
export function describeTarget(target: Target): string {
  const parts = [target.type];
  if (typeof target.path === 'string') parts.push(target.path);
  // A host may be written as `user:token@host`: keep only the host.
  else if (typeof target.host === 'string') parts.push(target.host.slice(target.host.lastIndexOf('@') + 1));
  const schema = target.database ? `${target.database}.${target.schema}` : target.schema;
  if (schema) parts.push(`schema ${schema}`);
  return parts.join(' ');
}

const FILE_LOCKED = /Could not set lock on file/;

async function connectDuckDBWaiting(target: Target, options: ConnectOptions): Promise<Warehouse> {
  const deadline = Date.now() + (options.waitForFileSeconds ?? 0) * 1000;
  let announced = false;
  for (;;) {
    try {
      return await connectDuckDB(target);
    } catch (error) {
      const locked = error instanceof Error && FILE_LOCKED.test(error.message);
      if (!locked || Date.now() >= deadline) {
        if (locked) {
          throw new SluiceError(`The DuckDB file ${String(target.path)} is in use by another process`, {
            hint: options.waitForFileSeconds ? `waited ${options.waitForFileSeconds}s for it; another Sluice (a promote?) is still running` : 'wait for the other Sluice to finish',
          });
        }
        throw error;
      }
      if (!announced) {
        options.out?.('Waiting for another process to release the DuckDB file…');
        announced = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

async function connectDuckDB(target: Target): Promise<Warehouse> {
  const path = target.path ?? ':memory:';
  if (typeof path !== 'string') throw new SluiceError(`The DuckDB target's 'path' must be a string, got ${JSON.stringify(path)}`);
  const { DuckDBWarehouse } = await loadDriver('@duckdb/node-api', () => import('./duckdb/duckdb-warehouse.js'));
  const warehouse = await DuckDBWarehouse.open({ path, threads: Number(target.threads) || 1 });
  // DuckDB names the database after the file, so a different `database` would address nothing.
  if (target.database && target.database.toLowerCase() !== warehouse.defaultDatabase.toLowerCase()) {
    await warehouse.close();
    throw new SluiceError(`The DuckDB target's database '${target.database}' does not match the database file '${path}'`, {
      hint: `DuckDB names the database after the file: use database: ${warehouse.defaultDatabase}, or leave it out`,
    });
  }
  return warehouse;
}

async function connectDatabricks(target: Target, options: ConnectOptions): Promise<Warehouse> {
  const { DatabricksWarehouse } = await loadDriver('@databricks/sql', () => import('./databricks/databricks-warehouse.js'));
  return DatabricksWarehouse.open({ target, profileFile: options.profileFile, runId: options.runId });
}

async function loadDriver<T>(driver: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof Error && error.message.includes(driver)) {
      throw new SluiceError(`The warehouse driver '${driver}' is not installed`, { hint: `npm install ${driver}` });
    }
    throw error;
  }
}

/**
 * A warehouse that connects on first use: compiling needs one only when a template asks it something
 * (run_query, introspection), so `compile` of most projects works without credentials or a network.
 */
export function lazyWarehouse(target: Target, connect: () => Promise<Warehouse>): Warehouse {
  let connection: Promise<Warehouse> | undefined;
  const use = () => (connection ??= connect());
  const dialect = dialectFor(target.type);
  return {
    dialect,
    get defaultDatabase() {
      return (target.database ?? target.catalog) as string | undefined;
    },
    execute: async (sql) => (await use()).execute(sql),
    query: async (sql) => (await use()).query(sql),
    getColumns: async (relation) => (await use()).getColumns(relation),
    getRelationType: async (relation) => (await use()).getRelationType(relation),
    listSchemas: async (database) => (await use()).listSchemas(database),
    listRelations: async (database, schema) => (await use()).listRelations(database, schema),
    ping: async () => (await use()).ping(),
    cancel: async () => (connection ? (await connection).cancel() : undefined),
    close: async () => (connection ? (await connection.catch(() => undefined))?.close() : undefined),
  };
}
