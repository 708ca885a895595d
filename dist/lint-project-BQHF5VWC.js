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
} from "./chunk-NOBAQ4NS.js";
import "./chunk-H6OTBMW3.js";
import "./chunk-R3NE7RCL.js";
import "./chunk-Z4AALHN7.js";
import "./chunk-3LORLH5I.js";
import "./chunk-JUZGTHLJ.js";
import "./chunk-TREVE4EE.js";
import "./chunk-DMNIRXCU.js";
import "./chunk-5FWABYZE.js";
import "./chunk-3BX4YTM4.js";
export {
  ALL_RULES,
  TEMPLATE_RULES,
  lintProject
};
