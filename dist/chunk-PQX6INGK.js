import { createRequire as __sluiceCreateRequire } from 'node:module';
import { dirname as __sluiceDirname } from 'node:path';
import { fileURLToPath as __sluiceFileURLToPath } from 'node:url';
const require = __sluiceCreateRequire(import.meta.url);
const __filename = __sluiceFileURLToPath(import.meta.url);
const __dirname = __sluiceDirname(__filename);
if (!globalThis.__sluiceQuietBuffer) {
  globalThis.__sluiceQuietBuffer = true;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) { const code = typeof rest[0] === 'object' && rest[0] !== null ? rest[0].code : rest[1]; if (code === 'DEP0005') return; return emitWarning.call(this, warning, ...rest); };
}
import {
  SluiceError
} from "./chunk-5FWABYZE.js";

// src/plan/environment.ts
var PRODUCTION = "prod";
var AUDIT_ENVIRONMENT = "audit";
var ENVIRONMENT_NAME = /^[a-z0-9_]+$/;
function environmentName(options) {
  if (options.pr !== void 0) {
    const number = String(options.pr);
    if (!/^[1-9][0-9]*$/.test(number)) {
      throw new SluiceError(`--pr must be a pull request number, got '${number}'`, { hint: "e.g. --pr 7" });
    }
    return `pr_${number}`;
  }
  const name = options.env;
  if (!name) throw new SluiceError("Which environment? Pass --env NAME or --pr NUMBER", { hint: "e.g. --env pr_7" });
  if (!ENVIRONMENT_NAME.test(name)) {
    throw new SluiceError(`Environment name '${name}' may only contain lower-case letters, digits and underscores`, {
      hint: "pull request environments are named pr_<number>, e.g. pr_7"
    });
  }
  if (name === PRODUCTION) throw new SluiceError(`'${PRODUCTION}' is production, not an environment Sluice builds pull requests into`, { hint: "use promote to deploy to production" });
  if (name.includes("__")) throw new SluiceError(`Environment name '${name}' may not contain a double underscore`, { hint: "the double underscore separates the environment from the schema" });
  return name;
}
function pullRequestEnvironment(name, config) {
  const { catalog, prefix } = config.environments;
  const schemaPrefix = `${prefix}${name}__`;
  return {
    name,
    isProduction: false,
    relationFor: (relation) => ({ ...relation, database: catalog ?? relation.database, schema: `${schemaPrefix}${relation.schema}` }),
    ownsSchema: (database, schema) => schema.toLowerCase().startsWith(schemaPrefix) && (!catalog || database === void 0 || database.toLowerCase() === catalog.toLowerCase()),
    schemaPrefix,
    catalog
  };
}
function environmentOfSchema(schema, config) {
  const { prefix } = config.environments;
  if (!schema.startsWith(prefix)) return null;
  const rest = schema.slice(prefix.length);
  const separator = rest.indexOf("__");
  if (separator <= 0) return null;
  const name = rest.slice(0, separator);
  return ENVIRONMENT_NAME.test(name) && name !== PRODUCTION ? name : null;
}
async function dropEnvironmentSchemas(warehouse, environment) {
  const dropped = [];
  if (!environment.schemaPrefix) return dropped;
  const database = environment.catalog ?? void 0;
  for (const schema of await warehouse.listSchemas(database)) {
    if (!environment.ownsSchema(database, schema)) continue;
    await warehouse.execute(warehouse.dialect.dropSchema(database, schema));
    dropped.push(schema);
  }
  return dropped;
}

export {
  PRODUCTION,
  AUDIT_ENVIRONMENT,
  environmentName,
  pullRequestEnvironment,
  environmentOfSchema,
  dropEnvironmentSchemas
};
