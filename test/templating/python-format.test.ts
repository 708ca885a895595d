/**
 * Python's string formatting: `'%s' % x` (while `%` on numbers stays modulo) and str.format, with
 * CPython's float rounding (half to even on the exact binary value). Expected outputs are Jinja2's
 * (3.1, sandboxed with do and loopcontrols, as dbt sets it up).
 */
import { describe, expect, it } from '@jest/globals';
import { render, renderError } from './render-helpers.js';

describe('Python string formatting', () => {
  const cases: Array<[string, string]> = [
    // printf-style %
    ["{{ '%s_%s' % ('a', 'b') }}|{{ '%s' % 'x' }}|{{ '%s' % [1, 2] }}|{{ '%s' % none }}|{{ '%s' % true }}|{{ '%s' % 1.0 }}|{{ '%r' % 'x' }}|{{ '%s%%' % 5 }}|{{ '100%' }}", "a_b|x|[1, 2]|None|True|1.0|'x'|5%|100%"],
    ["{{ '%d' % 3.7 }}|{{ '%i' % -2 }}|{{ '%5d|' % 42 }}|{{ '%-5d|' % 3 }}|{{ '%05d' % -42 }}|{{ '%+d' % 3 }}|{{ '% d' % 3 }}|{{ '%x' % 255 }}|{{ '%#x' % 255 }}|{{ '%X' % 255 }}|{{ '%o' % 8 }}|{{ '%c' % 65 }}", "3|-2|   42||3    ||-0042|+3| 3|ff|0xff|FF|10|A"],
    ["{{ '%f' % 1.5 }}|{{ '%.2f' % 3.14159 }}|{{ '%5.1f|' % 3.14159 }}|{{ '%05.1f' % -2.3 }}|{{ '%e' % 12345.678 }}|{{ '%.2E' % 0.000123 }}|{{ '%g' % 0.00001 }}|{{ '%g' % 123456789 }}|{{ '%g' % 100000.0 }}|{{ '%.3g' % 3.14159 }}", "1.500000|3.14|  3.1||-02.3|1.234568e+04|1.23E-04|1e-05|1.23457e+08|100000|3.14"],
    ["{{ '%(x)s-%(y)d' % {'x': 'a', 'y': 2} }}|{{ '%(x)s' % {'x': none, 'unused': 1} }}|{{ '%.3s' % 'abcdef' }}|{{ '%-4s|' % 'ab' }}|{{ '%5s|' % 'ab' }}|{{ '%*d' % (4, 7) }}", "a-2|None|abc|ab  ||   ab||   7"],
    ["{{ '%.2f' % 2.675 }}|{{ '%.2f' % 1.005 }}|{{ '%.1f' % 0.05 }}|{{ '%.0f' % 0.5 }}|{{ '%.0f' % 1.5 }}|{{ '%.0f' % 2.5 }}|{{ '%.1f' % 0.25 }}|{{ '%.3f' % 1e-10 }}|{{ '%f' % 1e22 }}", "2.67|1.00|0.1|0|2|2|0.2|0.000|10000000000000000000000.000000"],
    ["{{ 7 % 3 }}|{{ -7 % 3 }}|{{ 7 % -3 }}|{{ 7.5 % 2 }}|{{ 'no placeholders' % () }}|{{ 'a %s' % {'x': 1} }}", "1|2|-2|1.5|no placeholders|a {'x': 1}"],
    // str.format
    ["{{ '{:d}'.format(5) }}|{{ '{:x}'.format(255) }}|{{ '{:#b}'.format(5) }}|{{ '{:08.3f}'.format(-3.14159) }}|{{ '{:+}'.format(5) }}|{{ '{: }'.format(5) }}|{{ '{:e}'.format(1234.5) }}|{{ '{:E}'.format(0.5) }}", "5|ff|0b101|-003.142|+5| 5|1.234500e+03|5.000000E-01"],
    ["{{ '{:%}'.format(0.25) }}|{{ '{:.1%}'.format(0.125) }}|{{ '{:g}'.format(1e20) }}|{{ '{:g}'.format(0.0001) }}|{{ '{:.3}'.format(123.0) }}|{{ '{:.3}'.format(1.5) }}|{{ '{:10}'.format(1.5) }}|{{ '{}'.format(1e16) }}|{{ '{:.2f}'.format(2) }}", "25.000000%|12.5%|1e+20|0.0001|1.23e+02|1.5|       1.5|1e+16|2.00"],
    ["{{ '{:*^9}'.format('mid') }}|{{ '{:>6}'.format(true) }}|{{ '{}'.format(true) }}|{{ '{:_}'.format(1234567) }}|{{ '{:,.2f}'.format(1234567.891) }}|{{ '{0[1]}'.format([5, 6]) }}|{{ '{a.b}'.format(a={'b': 1}) if false else 'x' }}|{{ '{!s}'.format(none) }}|{{ '{:.2s}'.format('abc') }}", "***mid***|     1|True|1_234_567|1,234,567.89|6|x|None|ab"],
    ["{{ '{0}{0}'.format('r') }}|{{ '{:{w}}|'.format('a', w=4) }}|{{ '{:>{w}.{p}f}'.format(3.14159, w=8, p=2) }}", "rr|a   ||    3.14"],
    ["{{ 'a' % [1, 2] }}|{{ '%s' % [1, 2] }}|{{ 'x' % {'k': 1} }}", "a|[1, 2]|x"],
  ];

  it.each(cases)('%s', (source, expected) => {
    expect(render(source)).toBe(expected);
  });

  it('raises what Python raises', () => {
    expect(renderError("{{ '%s %s' % ('a',) }}").message).toBe('TypeError: not enough arguments for format string');
    expect(renderError("{{ '%s' % ('a', 'b') }}").message).toBe('TypeError: not all arguments converted during string formatting');
    expect(renderError("{{ '%d' % 'x' }}").message).toBe('TypeError: %d format: a real number is required, not str');
    expect(renderError("{{ '%(a)s' % {'b': 1} }}").message).toBe("KeyError: 'a'");
    expect(renderError("{{ '{} {}'.format(1) }}").message).toBe('IndexError: Replacement index 1 out of range for positional args tuple');
    expect(renderError("{{ '{:d}'.format(1.5) }}").message).toBe("ValueError: Unknown format code 'd' for object of type 'float'");
    expect(renderError("{{ '{0} {}'.format(1, 2) }}").message).toBe('ValueError: cannot switch from manual field specification to automatic field numbering');
    expect(renderError('{{ 5 % 0 }}').message).toBe('ZeroDivisionError: integer modulo by zero');
  });
});
