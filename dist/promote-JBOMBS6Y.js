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
  VERSIONS_SCHEMA,
  copyRelation,
  interruptedDeployments,
  newDeployId,
  restoreCopySql,
  runPromote
} from "./chunk-TYBFSMQF.js";
import "./chunk-LJJURYQO.js";
import "./chunk-6V3BRGZ5.js";
import "./chunk-ITBSQU2E.js";
import "./chunk-PQX6INGK.js";
import "./chunk-M3UQV36C.js";
import "./chunk-OSLAW4OG.js";
import "./chunk-MMQEHTF6.js";
import "./chunk-CXFOSMQA.js";
import "./chunk-H6OTBMW3.js";
import "./chunk-Z4AALHN7.js";
import "./chunk-JUZGTHLJ.js";
import "./chunk-TREVE4EE.js";
import "./chunk-DMNIRXCU.js";
import "./chunk-LKMF6KYY.js";
import "./chunk-5FWABYZE.js";
import "./chunk-3BX4YTM4.js";
export {
  VERSIONS_SCHEMA,
  copyRelation,
  interruptedDeployments,
  newDeployId,
  restoreCopySql,
  runPromote
};
