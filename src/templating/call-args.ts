/**
 * nunjucks passes keyword arguments to a JS function as a trailing object marked `__keywords`.
 * These helpers turn a call into named parameters the way Python binds them.
 */
export type Keywords = Record<string, unknown> & { __keywords?: boolean };

export function splitArguments(args: unknown[]): { positional: unknown[]; keywords: Record<string, unknown> } {
  const last = args[args.length - 1] as Keywords | undefined;
  if (last && typeof last === 'object' && last.__keywords) {
    const { __keywords: _marker, ...keywords } = last;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

/** Binds a call to parameter names: `bindArguments(args, ['name', 'default'])` → `{ name, default }`. */
export function bindArguments(args: unknown[], names: string[]): Record<string, unknown> {
  const { positional, keywords } = splitArguments(args);
  const bound: Record<string, unknown> = { ...keywords };
  names.forEach((name, index) => {
    if (index < positional.length) bound[name] = positional[index];
  });
  return bound;
}

/** A kwargs object nunjucks recognises, for calling macros from JS. */
export function keywordArguments(values: Record<string, unknown>): Keywords {
  return { ...values, __keywords: true };
}
