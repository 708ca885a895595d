import { describe, expect, it } from '@jest/globals';
import {
  code,
  escapeHtml,
  escapeText,
  formatCount,
  formatDuration,
  formatPercent,
  formatRowChange,
  formatValue,
  link,
  tableRow,
  truncate,
} from '../../src/report/format.js';
import { tableCells } from './structure.js';

describe('numbers', () => {
  it('counts with thousands separators and never NaN or Infinity', () => {
    expect(formatCount(48_210)).toBe('48,210');
    expect(formatCount(1_234_567_890)).toBe('1,234,567,890');
    expect(formatCount(-108)).toBe('−108');
    expect(formatCount(Number.NaN)).toBe('—');
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatCount(null)).toBe('—');
  });

  it('percentages with as many decimals as their size needs', () => {
    expect(formatPercent(-0.224)).toBe('−0.22 %');
    expect(formatPercent(12.345)).toBe('+12.3 %');
    expect(formatPercent(1_250)).toBe('+1,250 %');
    expect(formatPercent(0.00001)).toBe('+<0.01 %');
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('row changes: base → PR with the difference and its percentage', () => {
    expect(formatRowChange({ base: 48_210, env: 48_102 })).toBe('48,210 → 48,102 (−108, −0.22 %)');
    expect(formatRowChange({ base: 5_000, env: 5_000 })).toBe('5,000 → 5,000');
    expect(formatRowChange({ base: 10, env: 15 })).toBe('10 → 15 (+5, +50.0 %)');
    expect(formatRowChange({ base: null, env: 1_250 })).toBe('1,250');
    expect(formatRowChange({ base: 12, env: null })).toBe('12 → —');
    // From an empty table: a difference, but no percentage of zero.
    expect(formatRowChange({ base: 0, env: 12 })).toBe('0 → 12 (+12)');
    expect(formatRowChange({ base: 10_000_000, env: 10_000_001 })).toBe('10,000,000 → 10,000,001 (+1, +<0.01 %)');
    expect(formatRowChange(null)).toBe('—');
  });

  it('durations', () => {
    expect(formatDuration(41.2)).toBe('41 s');
    expect(formatDuration(2.34)).toBe('2.3 s');
    expect(formatDuration(192)).toBe('3 min 12 s');
    expect(formatDuration(3_840)).toBe('1 h 4 min');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('escaping', () => {
  it('code spans show backticks, pipes and HTML as they are', () => {
    expect(code('dim_customers')).toBe('`dim_customers`');
    expect(code('use `rm`')).toBe('`` use `rm` ``');
    expect(code('a `b` c')).toBe('``a `b` c``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('a\nb')).toBe('`a↵b`');
  });

  it('a pipe inside a code span does not split a table cell', () => {
    const row = tableRow([code('a|b'), 'second']);
    expect(row).toBe('| `a\\|b` | second |');
    expect(tableCells(row)).toEqual(['`a\\|b`', 'second']);
  });

  it('free text: Markdown punctuation and HTML escaped, lines flattened, mentions defused', () => {
    expect(escapeText('a | b <script> *x* _y_ `z` [l](u)')).toBe('a \\| b &lt;script&gt; \\*x\\* \\_y\\_ \\`z\\` \\[l\\](u)');
    expect(escapeText('line one\nline two')).toBe('line one line two');
    expect(escapeText('ping @octocat')).toBe('ping @\u200boctocat');
    expect(escapeHtml('<b>"x" & @y</b>')).toBe('&lt;b&gt;&quot;x&quot; &amp; @\u200by&lt;/b&gt;');
  });

  it('sample values: null, empty, masked and long values', () => {
    expect(formatValue(null)).toBe('*null*');
    expect(formatValue('')).toBe('*empty*');
    expect(formatValue('•••')).toBe('`•••`');
    expect(formatValue(3)).toBe('`3`');
    expect(formatValue('x'.repeat(100), 10)).toBe(`\`${'x'.repeat(9)}…\``);
  });

  it('truncates by code points, never inside a surrogate pair', () => {
    expect(truncate('✈️✈️✈️😀😀😀', 4)).toBe('✈️✈…');
    expect(truncate('😀😀😀', 2)).toBe('😀…');
    expect(truncate('short', 10)).toBe('short');
  });

  it('links only to web addresses', () => {
    expect(link('job summary', 'https://github.com/acme/airline/actions/runs/1')).toBe('[job summary](https://github.com/acme/airline/actions/runs/1)');
    expect(link('job summary', 'javascript:alert(1)')).toBe('job summary');
    expect(link('job summary', 'https://x.test/a)b')).toBe('[job summary](https://x.test/a%29b)');
    expect(link('job summary', undefined)).toBe('job summary');
  });
});
