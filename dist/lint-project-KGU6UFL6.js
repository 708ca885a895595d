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
  ALL_RULES,
  TEMPLATE_RULES,
  lintProject
} from "./chunk-XBA7A2QQ.js";
import "./chunk-LO56CTIR.js";
import "./chunk-R3NE7RCL.js";
import "./chunk-YI42GV3Y.js";
import "./chunk-7E7NNULD.js";
import "./chunk-NRPTDFFH.js";
import "./chunk-TREVE4EE.js";
import "./chunk-6BBIOLVB.js";
import "./chunk-5FWABYZE.js";
import "./chunk-3BX4YTM4.js";
export {
  ALL_RULES,
  TEMPLATE_RULES,
  lintProject
};
