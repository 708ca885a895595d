/**
 * `target` as templates see it, everywhere dbt offers it (models, macros, dbt_project.yml, YAML
 * properties): the profile target's keys without its secrets, plus name, profile_name, database,
 * schema, type and threads. A DuckDB target without a database names its catalog, as dbt-duckdb does.
 */
import type { Profile } from './types.js';

const SECRET_KEYS = /(token|password|secret|passphrase|private_key)/i;

export function targetContext(profile: Profile): Record<string, unknown> {
  const { target } = profile;
  const safe = Object.fromEntries(Object.entries(target).filter(([key]) => !SECRET_KEYS.test(key)));
  return {
    ...safe,
    name: profile.targetName,
    target_name: profile.targetName,
    profile_name: profile.profileName,
    database: target.database ?? defaultCatalog(target),
    schema: target.schema,
    type: target.type,
    threads: target.threads,
  };
}

/** DuckDB calls a file's catalog after its name (`wh.duckdb` → `wh`) and an in-memory one `memory`. */
function defaultCatalog(target: Record<string, unknown>): string | undefined {
  if (target.type !== 'duckdb') return undefined;
  const path = typeof target.path === 'string' ? target.path : ':memory:';
  if (path === ':memory:' || path === '') return 'memory';
  const file = path.split(/[\\/]/).pop()!;
  return file.includes('.') ? file.slice(0, file.lastIndexOf('.')) : file;
}
