/** Value spelling shared by the warehouses' result readers. */

/** `-1.2300` → `-1.23`, `1.5e-7` → `0.00000015`: one spelling per value, for comparison. */
export function plainDecimal(text: string): string {
  const match = /^(-?)(\d*)\.?(\d*)(?:e([+-]?\d+))?$/i.exec(text);
  if (!match) return text;
  const [, sign, whole, fraction, exponentText] = match;
  let digits = whole + fraction;
  let point = whole.length + Number(exponentText ?? 0);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  digits = digits.padEnd(point, '0');
  const integerPart = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fractionPart = digits.slice(point).replace(/0+$/, '');
  const plain = fractionPart ? `${integerPart}.${fractionPart}` : integerPart;
  return plain === '0' ? '0' : sign + plain;
}
