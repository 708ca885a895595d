/**
 * The hooks value objects from the context use to behave like Python objects in templates: operators
 * (`__add__`, `__radd__`, `__sub__`, `__mul__`, `__neg__`), ordering (`__lt__`), truth (`__bool__`),
 * subscription (`__getitem__`), and callables that carry attributes (a class with class methods).
 */
import { describe, expect, it } from '@jest/globals';
import { NOT_IMPLEMENTED } from '../../src/templating/python-values.js';
import { render, renderError } from './render-helpers.js';

/** A toy value object: money in cents. */
class Money {
  constructor(readonly cents: number) {}
  __str__(): string {
    return `$${(this.cents / 100).toFixed(2)}`;
  }
  __add__(other: unknown): unknown {
    return other instanceof Money ? new Money(this.cents + other.cents) : NOT_IMPLEMENTED;
  }
  __radd__(other: unknown): unknown {
    return other === 0 ? this : NOT_IMPLEMENTED;
  }
  __sub__(other: unknown): unknown {
    return other instanceof Money ? new Money(this.cents - other.cents) : NOT_IMPLEMENTED;
  }
  __mul__(other: unknown): unknown {
    return typeof other === 'number' ? new Money(this.cents * other) : NOT_IMPLEMENTED;
  }
  __rmul__(other: unknown): unknown {
    return this.__mul__(other);
  }
  __neg__(): Money {
    return new Money(-this.cents);
  }
  __lt__(other: unknown): unknown {
    return other instanceof Money ? this.cents < other.cents : NOT_IMPLEMENTED;
  }
  __eq__(other: unknown): boolean {
    return other instanceof Money && other.cents === this.cents;
  }
  __bool__(): boolean {
    return this.cents !== 0;
  }
  __getitem__(key: unknown): unknown {
    return key === 'cents' || key === 0 ? this.cents : undefined;
  }
}

const context = { a: new Money(150), b: new Money(25), zero: new Money(0) };

describe('value objects in templates', () => {
  it("use their own operators, reflected ones included, and Python's TypeError when neither side handles one", () => {
    expect(render('{{ a + b }}|{{ a - b }}|{{ a * 2 }}|{{ 3 * b }}|{{ -a }}|{{ 0 + a }}', context)).toBe('$1.75|$1.25|$3.00|$0.75|$-1.50|$1.50');
    expect(renderError('{{ a + 1 }}', context).message).toBe("TypeError: unsupported operand type(s) for +: 'Money' and 'int'");
    expect(renderError('{{ a / b }}', context).message).toBe("TypeError: unsupported operand type(s) for /: 'Money' and 'Money'");
    expect(renderError('{{ a < 1 }}', context).message).toBe("TypeError: '<' not supported between instances of 'Money' and 'int'");
  });

  it('order, sort and compare through __lt__ and __eq__', () => {
    expect(render('{{ a < b }}{{ b < a }}{{ a <= a }}{{ a >= b }}|{{ [a, b, zero] | sort | join(",") }}|{{ [a, b] | max }}|{{ a == a }}{{ a != b }}', context)).toBe(
      'FalseTrueTrueTrue|$0.00,$0.25,$1.50|$1.50|TrueTrue',
    );
  });

  it('are true or false through __bool__', () => {
    expect(render('{% if zero %}yes{% else %}no{% endif %}|{{ a and "set" }}|{{ zero or "empty" }}', context)).toBe('no|set|empty');
  });

  it('subscribe through __getitem__, falling back to attributes for names it does not know', () => {
    expect(render("{{ a['cents'] }}|{{ a[0] }}|{{ a[5] is undefined }}|{{ a['__str__'] is undefined }}", context)).toBe('150|150|True|True');
  });

  it('keep the attributes of a callable found in a dict: a class with class methods', () => {
    const money = Object.assign((cents: number) => new Money(cents), { zero: () => new Money(0), currency: 'USD' });
    expect(render('{{ lib.Money(5) }}|{{ lib.Money.zero() }}|{{ lib.Money.currency }}', { lib: { Money: money } })).toBe('$0.05|$0.00|USD');
  });
});
