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
  lintFile,
  loadFormatterFor
} from "./chunk-3LORLH5I.js";
import "./chunk-JUZGTHLJ.js";
import "./chunk-TREVE4EE.js";
import "./chunk-DMNIRXCU.js";
import "./chunk-5FWABYZE.js";
import "./chunk-3BX4YTM4.js";

// src/lint/lint-worker.ts
import { parentPort } from "node:worker_threads";
parentPort?.on("message", async (message) => {
  try {
    await loadFormatterFor(message.inputs);
    parentPort.postMessage({ id: message.id, results: message.inputs.map(lintFile) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error.stack ?? String(error) });
  }
});
