/**
 * Python's number and string formatting: `'%s' % x`, `'{:>8.2f}'.format(x)`, round().
 * Floats are rounded on their exact binary value, half to even, as CPython does — JS toFixed rounds
 * ties up, which would render `'%.0f' % 2.5` as 3 instead of Python's 2.
 */
import {
  PyDictView,
  PyTuple,
  floatRepr,
  isDict,
  isFloat,
  isNumeric,
  isStr,
  pyError,
  pyRepr,
  pyStr,
  strValue,
  toNumber,
  typeName,
} from './python-values.js';

// ---------------------------------------------------------------- exact decimals

interface ExactDecimal {
  negative: boolean;
  /** |x| = digits / 10^scale exactly. */
  digits: bigint;
  scale: number;
}

const float64 = new DataView(new ArrayBuffer(8));

function exactDecimal(x: number): ExactDecimal {
  float64.setFloat64(0, x);
  const high = float64.getUint32(0);
  const low = float64.getUint32(4);
  const negative = high >>> 31 === 1;
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  if (exponent >= 0) return { negative, digits: mantissa << BigInt(exponent), scale: 0 };
  return { negative, digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** digits/10^scale rounded half-even to `places` decimals (places may be negative). */
function roundDigits(value: ExactDecimal, places: number): bigint {
  const drop = value.scale - places;
  if (drop <= 0) return value.digits * 10n ** BigInt(-drop);
  const divisor = 10n ** BigInt(drop);
  const quotient = value.digits / divisor;
  const remainder = value.digits % divisor;
  const twice = remainder * 2n;
  if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) return quotient + 1n;
  return quotient;
}

/** Fixed notation with `places` decimals, correctly rounded. */
function fixedDigits(x: number, places: number): { negative: boolean; text: string } {
  const exact = exactDecimal(x);
  const rounded = roundDigits(exact, places).toString();
  if (places <= 0) return { negative: exact.negative, text: rounded + '0'.repeat(-places) };
  const padded = rounded.padStart(places + 1, '0');
  return { negative: exact.negative, text: `${padded.slice(0, -places)}.${padded.slice(-places)}` };
}

/** Scientific digits: `significant` digits and the decimal exponent, correctly rounded. */
function scientificDigits(x: number, significant: number): { negative: boolean; digits: string; exponent: number } {
  const exact = exactDecimal(x);
  if (exact.digits === 0n) return { negative: exact.negative, digits: '0'.repeat(significant), exponent: 0 };
  let exponent = exact.digits.toString().length - 1 - exact.scale;
  let rounded = roundDigits(exact, significant - 1 - exponent).toString();
  if (rounded.length > significant) {
    exponent += 1;
    rounded = rounded.slice(0, significant);
  }
  return { negative: exact.negative, digits: rounded, exponent };
}

/** Python's round(x, ndigits) for a float. */
export function roundFloat(x: number, places: number): number {
  if (!Number.isFinite(x)) return x;
  const { negative, text } = fixedDigits(x, places);
  const value = Number(text);
  return negative ? -value : value;
}

// ---------------------------------------------------------------- float presentation types

function exponentText(exponent: number): string {
  return `${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function nonFinite(x: number, upper: boolean): string | undefined {
  let text: string | undefined;
  if (Number.isNaN(x)) text = 'nan';
  else if (x === Infinity) text = 'inf';
  else if (x === -Infinity) text = '-inf';
  return text && upper ? text.toUpperCase() : text;
}

/** Formats |x| (the sign is handled by the caller) with a float presentation type. */
function formatFloatBody(x: number, type: string, precision: number | undefined, alternate: boolean): string {
  const upper = type === 'E' || type === 'F' || type === 'G';
  const special = nonFinite(Math.abs(x), upper);
  if (special) return special;
  const magnitude = Math.abs(x);
  switch (type) {
    case 'f':
    case 'F': {
      const text = fixedDigits(magnitude, precision ?? 6).text;
      return alternate && (precision ?? 6) === 0 ? `${text}.` : text;
    }
    case 'e':
    case 'E': {
      const p = precision ?? 6;
      const { digits, exponent } = scientificDigits(magnitude, p + 1);
      const body = p > 0 || alternate ? `${digits[0]}.${digits.slice(1)}` : digits;
      return `${body}${upper ? 'E' : 'e'}${exponentText(exponent)}`;
    }
    case '%':
      return `${formatFloatBody(magnitude * 100, 'f', precision, alternate)}%`;
    case 'g':
    case 'G':
    case 'n':
    case '': {
      const noType = type === '';
      // No type and no precision is repr(); no type with a precision is 'g' that keeps a '.0'.
      if (noType && precision === undefined) return floatRepr(magnitude);
      const p = precision === undefined ? 6 : precision === 0 ? 1 : precision;
      const { digits, exponent } = scientificDigits(magnitude, p);
      const useFixed = exponent >= -4 && exponent < (noType ? p - 1 : p);
      let text: string;
      if (useFixed) {
        const places = Math.max(p - 1 - exponent, 0);
        text = fixedDigits(magnitude, places).text;
        if (!alternate && text.includes('.')) text = text.replace(/\.?0+$/, '');
        if (noType && !text.includes('.')) text += '.0';
      } else {
        let mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
        if (!alternate && mantissa.includes('.')) mantissa = mantissa.replace(/\.?0+$/, '');
        text = `${mantissa}${upper ? 'E' : 'e'}${exponentText(exponent)}`;
      }
      return text;
    }
    default:
      throw pyError('ValueError', `Unknown format code '${type}' for object of type 'float'`);
  }
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

// ---------------------------------------------------------------- format spec mini-language

interface FormatSpec {
  fill: string;
  align: string;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision?: number;
  type: string;
}

const specPattern = /^(?:(.)?([<>=^]))?([-+ ])?(z)?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/su;

function parseSpec(spec: string): FormatSpec {
  const m = specPattern.exec(spec);
  if (!m) throw pyError('ValueError', `Invalid format specifier '${spec}'`);
  return {
    fill: m[1] ?? (m[6] && !m[2] ? '0' : ' '),
    align: m[2] ?? (m[6] ? '=' : ''),
    sign: m[3] ?? '-',
    alternate: !!m[5],
    zero: !!m[6],
    width: m[7] ? Number(m[7]) : 0,
    grouping: m[8] ?? '',
    precision: m[9] !== undefined ? Number(m[9]) : undefined,
    type: m[10] ?? '',
  };
}

function group(intDigits: string, separator: string, every: number): string {
  if (!separator) return intDigits;
  let out = '';
  for (let i = 0; i < intDigits.length; i++) {
    if (i > 0 && (intDigits.length - i) % every === 0) out += separator;
    out += intDigits[i];
  }
  return out;
}

function pad(body: string, prefix: string, spec: FormatSpec, defaultAlign: string): string {
  const align = spec.align || defaultAlign;
  const length = Array.from(prefix + body).length;
  if (spec.width <= length) return prefix + body;
  const fill = spec.fill.repeat(spec.width - length);
  switch (align) {
    case '<':
      return prefix + body + fill;
    case '>':
      return fill + prefix + body;
    case '^': {
      const half = Math.floor((spec.width - length) / 2);
      const chars = Array.from(fill);
      return chars.slice(0, half).join('') + prefix + body + chars.slice(half).join('');
    }
    default:
      return prefix + fill + body;
  }
}

function signPrefix(negative: boolean, sign: string): string {
  if (negative) return '-';
  if (sign === '+') return '+';
  if (sign === ' ') return ' ';
  return '';
}

function formatInteger(value: bigint, spec: FormatSpec): string {
  const type = spec.type || 'd';
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let body: string;
  let prefix = '';
  switch (type) {
    case 'd':
    case 'n':
      body = group(magnitude.toString(), spec.grouping, 3);
      break;
    case 'b':
      body = group(magnitude.toString(2), spec.grouping === '_' ? '_' : '', 4);
      if (spec.alternate) prefix = '0b';
      break;
    case 'o':
      body = group(magnitude.toString(8), spec.grouping === '_' ? '_' : '', 4);
      if (spec.alternate) prefix = '0o';
      break;
    case 'x':
    case 'X':
      body = group(magnitude.toString(16), spec.grouping === '_' ? '_' : '', 4);
      if (type === 'X') body = body.toUpperCase();
      if (spec.alternate) prefix = type === 'X' ? '0X' : '0x';
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(value)), '', spec, '<');
    default:
      return formatFloat(Number(value), spec);
  }
  return pad(body, signPrefix(negative, spec.sign) + prefix, spec, '>');
}

function formatFloat(x: number, spec: FormatSpec): string {
  if (spec.type !== '' && 'bcdoxX'.includes(spec.type)) {
    throw pyError('ValueError', `Unknown format code '${spec.type}' for object of type 'float'`);
  }
  let body = formatFloatBody(x, spec.type, spec.precision, spec.alternate);
  if (spec.grouping && Number.isFinite(x)) {
    const [intPart, ...rest] = body.split(/(?=[.eE%])/);
    body = group(intPart, spec.grouping, 3) + rest.join('');
  }
  return pad(body, signPrefix(isNegative(x) && !Number.isNaN(x), spec.sign), spec, '>');
}

/** format(value, spec) as str.format and f-strings apply it. */
export function formatValue(value: unknown, specText: string): string {
  // Value objects (dates, times) read their own spec: '{:%Y-%m}'.format(dt).
  const format = value !== null && typeof value === 'object' ? (value as { __format__?: unknown }).__format__ : undefined;
  if (typeof format === 'function') return String(format.call(value, specText));
  if (specText === '') return pyStr(value);
  const spec = parseSpec(specText);
  if (isStr(value)) {
    if (spec.type && spec.type !== 's') throw pyError('ValueError', `Unknown format code '${spec.type}' for object of type 'str'`);
    if (spec.align === '=') throw pyError('ValueError', "'=' alignment not allowed in string format specifier");
    let text = strValue(value);
    if (spec.precision !== undefined) text = Array.from(text).slice(0, spec.precision).join('');
    return pad(text, '', spec, '<');
  }
  if (typeof value === 'boolean' || typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) {
    const integer = typeof value === 'bigint' ? value : BigInt(toNumber(value));
    if (spec.precision !== undefined && (spec.type === '' || 'bcdoxXn'.includes(spec.type))) {
      throw pyError('ValueError', 'Precision not allowed in integer format specifier');
    }
    return formatInteger(integer, spec);
  }
  if (isFloat(value)) return formatFloat(toNumber(value), spec);
  throw pyError('TypeError', `unsupported format string passed to ${typeName(value)}.__format__`);
}

// ---------------------------------------------------------------- str.format

export type AttributeGetter = (obj: unknown, name: string) => unknown;
export type ItemGetter = (obj: unknown, key: unknown) => unknown;

function resolveField(
  fieldName: string,
  args: unknown[],
  kwargs: Record<string, unknown>,
  autoIndex: { next: number; manual: boolean; auto: boolean },
  getattr: AttributeGetter,
  getitem: ItemGetter,
): unknown {
  const m = /^([^.[]*)(.*)$/s.exec(fieldName)!;
  const head = m[1];
  let rest = m[2];
  let value: unknown;
  if (head === '') {
    if (autoIndex.manual) throw pyError('ValueError', 'cannot switch from manual field specification to automatic field numbering');
    autoIndex.auto = true;
    const index = autoIndex.next++;
    if (index >= args.length) throw pyError('IndexError', `Replacement index ${index} out of range for positional args tuple`);
    value = args[index];
  } else if (/^\d+$/.test(head)) {
    if (autoIndex.auto) throw pyError('ValueError', 'cannot switch from automatic field numbering to manual field specification');
    autoIndex.manual = true;
    const index = Number(head);
    if (index >= args.length) throw pyError('IndexError', `Replacement index ${index} out of range for positional args tuple`);
    value = args[index];
  } else {
    if (!Object.prototype.hasOwnProperty.call(kwargs, head)) throw pyError('KeyError', pyRepr(head));
    value = kwargs[head];
  }
  while (rest) {
    const attr = /^\.([^.[]+)/.exec(rest);
    if (attr) {
      value = getattr(value, attr[1]);
      rest = rest.slice(attr[0].length);
      continue;
    }
    const item = /^\[([^\]]+)\]/.exec(rest);
    if (item) {
      value = getitem(value, /^\d+$/.test(item[1]) ? Number(item[1]) : item[1]);
      rest = rest.slice(item[0].length);
      continue;
    }
    throw pyError('ValueError', `Only '.' or '[' may follow ']' in format field specifier`);
  }
  return value;
}

/** Python's str.format(*args, **kwargs). */
export function strFormat(
  template: string,
  args: unknown[],
  kwargs: Record<string, unknown>,
  getattr: AttributeGetter,
  getitem: ItemGetter,
): string {
  const autoIndex = { next: 0, manual: false, auto: false };
  const render = (text: string, depth: number): string => {
    let out = '';
    let i = 0;
    while (i < text.length) {
      const ch = text[i];
      if (ch === '{') {
        if (text[i + 1] === '{') {
          out += '{';
          i += 2;
          continue;
        }
        // Find the matching brace, allowing one level of nested fields in the spec.
        let level = 1;
        let j = i + 1;
        while (j < text.length && level > 0) {
          if (text[j] === '{') level++;
          else if (text[j] === '}') level--;
          if (level > 0) j++;
        }
        if (level > 0) throw pyError('ValueError', "Single '{' encountered in format string");
        const field = text.slice(i + 1, j);
        const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
        if (!m) throw pyError('ValueError', `invalid format field '{${field}}'`);
        let value = resolveField(m[1], args, kwargs, autoIndex, getattr, getitem);
        if (m[2] === 'r') value = pyRepr(value);
        else if (m[2] === 's') value = pyStr(value);
        else if (m[2] === 'a') value = pyRepr(value, true);
        let spec = m[3] ?? '';
        if (spec.includes('{')) {
          if (depth >= 1) throw pyError('ValueError', 'Max string recursion exceeded');
          spec = render(spec, depth + 1);
        }
        out += formatValue(value, spec);
        i = j + 1;
      } else if (ch === '}') {
        if (text[i + 1] === '}') {
          out += '}';
          i += 2;
          continue;
        }
        throw pyError('ValueError', "Single '}' encountered in format string");
      } else {
        out += ch;
        i++;
      }
    }
    return out;
  };
  return render(template, 0);
}

// ---------------------------------------------------------------- printf-style %

const printfPattern = /%(?:\(([^)]*)\))?([#0\- +]*)(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([diouxXeEfFgGcrsa%])?/gs;

function printfNumber(value: unknown, code: string): number | bigint {
  if (typeof value === 'bigint') return value;
  if (isNumeric(value)) return toNumber(value);
  throw pyError('TypeError', `%${code} format: a real number is required, not ${typeName(value)}`);
}

function printfOne(code: string, flags: string, width: number | undefined, precision: number | undefined, value: unknown): string {
  const left = flags.includes('-');
  const zero = flags.includes('0') && !left;
  const sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '-';
  const spec: FormatSpec = {
    fill: zero ? '0' : ' ',
    align: left ? '<' : zero ? '=' : '>',
    sign,
    alternate: flags.includes('#'),
    zero,
    width: width ?? 0,
    grouping: '',
    precision,
    type: '',
  };
  switch (code) {
    case 's':
    case 'r':
    case 'a': {
      let text = code === 's' ? pyStr(value) : pyRepr(value, code === 'a');
      if (precision !== undefined) text = Array.from(text).slice(0, precision).join('');
      return pad(text, '', { ...spec, fill: ' ', align: left ? '<' : '>' }, '>');
    }
    case 'c': {
      const text = isStr(value) ? strValue(value) : String.fromCodePoint(Number(printfNumber(value, code)));
      return pad(text, '', { ...spec, fill: ' ', align: left ? '<' : '>' }, '>');
    }
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X': {
      const number = printfNumber(value, code);
      const integer = typeof number === 'bigint' ? number : BigInt(Math.trunc(number));
      if (typeof number === 'number' && !Number.isFinite(number)) throw pyError('OverflowError', 'cannot convert float infinity to integer');
      const type = code === 'i' || code === 'u' ? 'd' : code;
      let digits = formatInteger(integer < 0n ? -integer : integer, { ...spec, width: 0, sign: '-', type, alternate: false });
      if (precision !== undefined) digits = digits.padStart(precision, '0');
      let prefix = signPrefix(integer < 0n, sign);
      if (spec.alternate && code !== 'd' && code !== 'i' && code !== 'u') prefix += code === 'o' ? '0o' : code === 'X' ? '0X' : '0x';
      return pad(digits, prefix, spec, '>');
    }
    default: {
      const x = toNumber(printfNumber(value, code));
      const body = formatFloatBody(x, code, precision ?? 6, spec.alternate);
      return pad(body, signPrefix(isNegative(x) && !Number.isNaN(x), sign), spec, '>');
    }
  }
}

/** Python's `format % values`. */
export function printfFormat(format: string, values: unknown): string {
  const usesNames = /%\([^)]*\)/.test(format);
  const mapping = usesNames && isDict(values) ? values : undefined;
  const args = values instanceof PyTuple ? [...values] : [values];
  let next = 0;
  const take = (): unknown => {
    if (next >= args.length) throw pyError('TypeError', 'not enough arguments for format string');
    return args[next++];
  };
  let out = '';
  let last = 0;
  for (const m of format.matchAll(printfPattern)) {
    out += format.slice(last, m.index);
    last = m.index! + m[0].length;
    const [, name, flags, widthText, precisionText, code] = m;
    if (code === undefined) throw pyError('ValueError', 'incomplete format');
    if (code === '%' && name === undefined) {
      out += '%';
      continue;
    }
    let width = widthText === '*' ? Number(take()) : widthText !== undefined ? Number(widthText) : undefined;
    const flagsOut = width !== undefined && width < 0 ? `${flags}-` : flags;
    if (width !== undefined && width < 0) width = -width;
    const precision = precisionText === '*' ? Number(take()) : precisionText !== undefined ? Number(precisionText) : undefined;
    let value: unknown;
    if (name !== undefined) {
      if (!mapping) throw pyError('TypeError', 'format requires a mapping');
      if (!Object.prototype.hasOwnProperty.call(mapping, name)) throw pyError('KeyError', pyRepr(name));
      value = mapping[name];
    } else value = take();
    out += code === '%' ? '%' : printfOne(code, flagsOut, width, precision, value);
  }
  out += format.slice(last);
  // CPython skips this check when the right side is mapping-like (a dict, or a list: anything
  // subscriptable that is not a tuple or a str).
  const mappingLike = isDict(values) || (Array.isArray(values) && !(values instanceof PyTuple) && !(values instanceof PyDictView));
  if (!mapping && !mappingLike && next < args.length) {
    throw pyError('TypeError', 'not all arguments converted during string formatting');
  }
  return out;
}

