/**
 * Environments: production (the prod target's own schemas) and one per pull request, whose schemas are
 * production's, renamed `<prefix><env>__<schema>` (in another catalog if sluice.yml says so). Names come
 * from numbers and config only; nothing a pull request's author writes reaches a schema name.
 */
import { SluiceError } from '../errors.js';
import type { SluiceConfig } from '../project/sluice-config.js';
import type { Relation, Warehouse } from '../warehouse/warehouse.js';

export const PRODUCTION = 'prod';

/** The environment promote builds and tests into before it publishes. */
export const AUDIT_ENVIRONMENT = 'audit';

export interface Environment {
  name: string;
  isProduction: boolean;
  /** Where a production relation lives in this environment. */
  relationFor(production: Relation): Relation;
  /** Whether a schema (in a database, if given) belongs to this environment: the guard's question. */
  ownsSchema(database: string | undefined, schema: string): boolean;
  /** The environment's schema prefix and catalog, for listing and dropping. */
  readonly schemaPrefix: string | null;
  readonly catalog: string | null;
}

const ENVIRONMENT_NAME = /^[a-z0-9_]+$/;

/** `pr_7`, `--pr 7` or another name of lower-case letters, digits and underscores. */
export function environmentName(options: { env?: string; pr?: string | number }): string {
  if (options.pr !== undefined) {
    const number = String(options.pr);
    if (!/^[1-9][0-9]*$/.test(number)) {
      throw new SluiceError(`--pr must be a pull request number, got '${number}'`, { hint: 'e.g. --pr 7' });
    }
    return `pr_${number}`;
  }
  const name = options.env;
  if (!name) throw new SluiceError('Which environment? Pass --env NAME or --pr NUMBER', { hint: 'e.g. --env pr_7' });
  if (!ENVIRONMENT_NAME.test(name)) {
    throw new SluiceError(`Environment name '${name}' may only contain lower-case letters, digits and underscores`, {
      hint: 'pull request environments are named pr_<number>, e.g. pr_7',
    });
  }
  if (name === PRODUCTION) throw new SluiceError(`'${PRODUCTION}' is production, not an environment Sluice builds pull requests into`, { hint: 'use promote to deploy to production' });
  if (name.includes('__')) throw new SluiceError(`Environment name '${name}' may not contain a double underscore`, { hint: 'the double underscore separates the environment from the schema' });
  return name;
}

export function productionEnvironment(productionSchemas: () => Set<string>): Environment {
  return {
    name: PRODUCTION,
    isProduction: true,
    relationFor: (relation) => relation,
    ownsSchema: (_database, schema) => productionSchemas().has(schema.toLowerCase()),
    schemaPrefix: null,
    catalog: null,
  };
}

export function pullRequestEnvironment(name: string, config: SluiceConfig): Environment {
  const { catalog, prefix } = config.environments;
  const schemaPrefix = `${prefix}${name}__`;
  return {
    name,
    isProduction: false,
    relationFor: (relation) => ({ ...relation, database: catalog ?? relation.database, schema: `${schemaPrefix}${relation.schema}` }),
    ownsSchema: (database, schema) =>
      schema.toLowerCase().startsWith(schemaPrefix) && (!catalog || database === undefined || database.toLowerCase() === catalog.toLowerCase()),
    schemaPrefix,
    catalog,
  };
}

/** The environment a schema name belongs to, if it carries Sluice's prefix: what the janitor lists. */
export function environmentOfSchema(schema: string, config: SluiceConfig): string | null {
  const { prefix } = config.environments;
  if (!schema.startsWith(prefix)) return null;
  const rest = schema.slice(prefix.length);
  const separator = rest.indexOf('__');
  if (separator <= 0) return null;
  const name = rest.slice(0, separator);
  return ENVIRONMENT_NAME.test(name) && name !== PRODUCTION ? name : null;
}

/** Drops the environment's schemas (only schemas it owns: never production's, never the state's). */
export async function dropEnvironmentSchemas(warehouse: Warehouse, environment: Environment): Promise<string[]> {
  const dropped: string[] = [];
  if (!environment.schemaPrefix) return dropped;
  const database = environment.catalog ?? undefined;
  for (const schema of await warehouse.listSchemas(database)) {
    if (!environment.ownsSchema(database, schema)) continue;
    await warehouse.execute(warehouse.dialect.dropSchema(database, schema));
    dropped.push(schema);
  }
  return dropped;
}
