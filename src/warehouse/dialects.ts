/** The SQL dialect of a target type, known before (and without) connecting. */
import { SluiceError } from '../errors.js';
import { DatabricksDialect } from './databricks/databricks-dialect.js';
import { DuckDBDialect } from './duckdb/duckdb-dialect.js';
import type { SqlDialect } from './warehouse.js';

const DIALECTS: Record<string, () => SqlDialect> = {
  duckdb: () => new DuckDBDialect(),
  databricks: () => new DatabricksDialect(),
};

export function dialectFor(type: string): SqlDialect {
  const make = DIALECTS[type];
  if (!make) throw new SluiceError(`Unsupported warehouse type '${type}'`, { hint: `supported types: ${Object.keys(DIALECTS).join(', ')}` });
  return make();
}
