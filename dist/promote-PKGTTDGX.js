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
  AUDIT_ENVIRONMENT,
  VERSIONS_SCHEMA,
  copyRelation,
  dropEnvironmentSchemas,
  interruptedDeployments,
  newDeployId,
  restoreCopySql,
  runPromote
} from "./chunk-IWWOTOQU.js";
import "./chunk-7PZLB2NL.js";
import "./chunk-J4GCV4EM.js";
import "./chunk-M3UQV36C.js";
import "./chunk-OSLAW4OG.js";
import "./chunk-MMQEHTF6.js";
import "./chunk-CXFOSMQA.js";
import "./chunk-TE7MZAI2.js";
import "./chunk-5EWMYWIH.js";
import "./chunk-FTWH4PMQ.js";
import "./chunk-TREVE4EE.js";
import "./chunk-5FWABYZE.js";
import "./chunk-6BBIOLVB.js";
import "./chunk-3BX4YTM4.js";
export {
  AUDIT_ENVIRONMENT,
  VERSIONS_SCHEMA,
  copyRelation,
  dropEnvironmentSchemas,
  interruptedDeployments,
  newDeployId,
  restoreCopySql,
  runPromote
};
