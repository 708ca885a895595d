/**
 * Python's `ast.literal_eval` for the text a native render produced: dbt renders YAML values with Jinja's
 * native mode, so `"{{ var('x', false) }}"` becomes the boolean False, `"{{ 1 + 1 }}"` the number 2 and
 * `"{{ ['a', 'b'] }}"` a list. Text that is not a Python literal stays text: `literalEval` then answers
 * `NOT_A_LITERAL`.
 */
import { PyTuple } from './python-values.js';

export const NOT_A_LITERAL: unique symbol = Symbol('sluice.notALiteral');

class LiteralReader {
  private index = 0;

  constructor(private readonly text: string) {}

  read(): unknown {
    this.space();
    const value = this.value();
    this.space();
    if (this.index !== this.text.length) throw new Error('trailing text');
    return value;
  }

  private space(): void {
    while (this.index < this.text.length && /\s/.test(this.text[this.index])) this.index++;
  }

  private peek(): string {
    return this.text[this.index] ?? '';
  }

  private expect(char: string): void {
    this.space();
    if (this.text[this.index] !== char) throw new Error(`expected ${char}`);
    this.index++;
  }

  private value(): unknown {
    this.space();
    const char = this.peek();
    if (char === '[') return this.sequence('[', ']');
    if (char === '(') {
      const items = this.sequence('(', ')', true);
      return items;
    }
    if (char === '{') return this.mapping();
    if (char === "'" || char === '"') return this.string();
    if (/[rRuU]/.test(char) && /['"]/.test(this.text[this.index + 1] ?? '')) {
      const raw = /[rR]/.test(char);
      this.index++;
      return this.string(raw);
    }
    if (char === '-' || char === '+' || /[0-9.]/.test(char)) return this.number();
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.index))?.[0];
    if (word === 'True' || word === 'False' || word === 'None') {
      this.index += word.length;
      return word === 'True' ? true : word === 'False' ? false : null;
    }
    throw new Error('not a literal');
  }

  private sequence(open: string, close: string, tuple = false): unknown[] {
    this.expect(open);
    const items: unknown[] = [];
    let trailingComma = false;
    this.space();
    while (this.peek() !== close) {
      items.push(this.value());
      this.space();
      trailingComma = false;
      if (this.peek() === ',') {
        this.index++;
        trailingComma = true;
        this.space();
      } else if (this.peek() !== close) throw new Error(`expected , or ${close}`);
    }
    this.index++;
    if (!tuple) return items;
    // `(x)` is x itself; `(x,)` and `()` are tuples.
    if (items.length === 1 && !trailingComma) return items[0] as unknown[];
    return PyTuple.fromItems(items);
  }

  private mapping(): Record<string, unknown> {
    this.expect('{');
    const out: Record<string, unknown> = {};
    this.space();
    while (this.peek() !== '}') {
      const key = this.value();
      if (typeof key !== 'string' && typeof key !== 'number') throw new Error('unsupported key');
      this.expect(':');
      Object.defineProperty(out, String(key), { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.space();
      if (this.peek() === ',') {
        this.index++;
        this.space();
      } else if (this.peek() !== '}') throw new Error('expected , or }');
    }
    this.index++;
    return out;
  }

  private string(raw = false): string {
    const quote = this.peek();
    const triple = this.text.startsWith(quote.repeat(3), this.index);
    const end = triple ? quote.repeat(3) : quote;
    this.index += end.length;
    let out = '';
    while (!this.text.startsWith(end, this.index)) {
      if (this.index >= this.text.length) throw new Error('unterminated string');
      const char = this.text[this.index++];
      if (char === '\n' && !triple) throw new Error('newline in string');
      if (char !== '\\' || raw) {
        out += char;
        continue;
      }
      const next = this.text[this.index++];
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\n': '' };
      if (next in simple) out += simple[next];
      else if (next === 'x' || next === 'u' || next === 'U') {
        const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
        const hex = this.text.slice(this.index, this.index + width);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== width) throw new Error('bad escape');
        out += String.fromCodePoint(parseInt(hex, 16));
        this.index += width;
      } else out += `\\${next}`;
    }
    this.index += end.length;
    // Adjacent literals concatenate, as in Python.
    this.space();
    if (this.peek() === "'" || this.peek() === '"') return out + this.string(raw);
    return out;
  }

  private number(): number {
    const match = /^[+-]?(?:0[xX][0-9A-Fa-f_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?|\d[\d_]*\.)/.exec(this.text.slice(this.index));
    if (!match || match[0] === '' || /^[+-]$/.test(match[0])) throw new Error('not a number');
    const text = match[0].replace(/_/g, '');
    this.index += match[0].length;
    const sign = text.startsWith('-') ? -1 : 1;
    const body = text.replace(/^[+-]/, '');
    // Python rejects leading zeros in decimal integers ("01"): such text is not a literal.
    if (/^0\d/.test(body) && !/[.eE]/.test(body)) throw new Error('leading zero');
    if (/^0[xX]/.test(body)) return sign * parseInt(body.slice(2), 16);
    if (/^0[oO]/.test(body)) return sign * parseInt(body.slice(2), 8);
    if (/^0[bB]/.test(body)) return sign * parseInt(body.slice(2), 2);
    return sign * Number(body);
  }
}

/** The value Python's literal_eval gives `text`, or NOT_A_LITERAL when it would raise. */
export function literalEval(text: string): unknown {
  try {
    return new LiteralReader(text).read();
  } catch {
    return NOT_A_LITERAL;
  }
}
