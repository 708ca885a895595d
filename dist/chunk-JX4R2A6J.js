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

// src/warehouse/sql-values.ts
function plainDecimal(text) {
  const match = /^(-?)(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction, exponentText] = match;
  let digits = whole + fraction;
  let point = whole.length + Number(exponentText ?? 0);
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  digits = digits.padEnd(point, "0");
  const integerPart = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const fractionPart = digits.slice(point).replace(/0+$/, "");
  const plain = fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
  return plain === "0" ? "0" : sign + plain;
}

export {
  plainDecimal
};
