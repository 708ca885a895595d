/** Binding a template's call to a JS function's parameters, the way Python binds them. */
import { splitKeywordArgs } from './template.js';

/** `bindArguments(args, ['name', 'default'])` → `{ name, default }`, from positional and keyword arguments. */
export function bindArguments(args: unknown[], names: string[]): Record<string, unknown> {
  const { args: positional, kwargs } = splitKeywordArgs(args);
  const bound: Record<string, unknown> = { ...kwargs };
  names.forEach((name, index) => {
    if (index < positional.length) bound[name] = positional[index];
  });
  return bound;
}
