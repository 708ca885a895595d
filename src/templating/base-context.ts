/**
 * dbt's base context: what every template sees wherever dbt renders one — models and macros, but also
 * dbt_project.yml, YAML properties and profiles — before anything about a node or the warehouse:
 * `modules`, `run_started_at`, `invocation_id`, `return`, `log`, `fromjson`/`tojson`, `set`/`zip`, ….
 */
import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { SluiceError } from '../errors.js';
import { parseYaml } from '../project/yaml-file.js';
import { DBT_VERSION } from '../dbt-version.js';
import { bindArguments } from './call-args.js';
import { pyJsonDumps } from './jinja-filters.js';
import { runStartedAt as utcDatetime, pythonModules } from './python-modules.js';
import { PySet, PyTuple, pyIterate } from './python-values.js';
import { jinjaReturn, makeKeywordArgs, splitKeywordArgs } from './template.js';

export interface BaseContextOptions {
  runStartedAt: Date;
  invocationId: string;
  /** Where `log(msg, info=True)` and `print()` go. */
  log: (message: string) => void;
  /** The file errors name (the node being rendered, if any). */
  file: () => string | undefined;
}

export function baseContext(options: BaseContextOptions): Record<string, unknown> {
  const fail = (message: string) => new SluiceError(message, { file: options.file() });
  // dbt's set()/zip() give `default` for what Python cannot make a set/zip of; the _strict ones raise.
  const iterable = (value: unknown) => value !== undefined && value !== null && typeof value !== 'number' && typeof value !== 'boolean';
  const distinct = (items: unknown, strict: boolean, fallback: unknown = null) => {
    if (iterable(items)) return PySet.fromItems(pyIterate(items));
    if (strict) throw fail(`set_strict() got a ${items === null ? 'None' : typeof items}, which is not iterable`);
    return fallback;
  };
  const zipped = (raw: unknown[], strict: boolean) => {
    const { args: lists, kwargs } = splitKeywordArgs(raw);
    if (!lists.every(iterable)) {
      if (strict) throw fail('zip_strict() got an argument that is not iterable');
      return kwargs.default ?? null;
    }
    const items = lists.map((list) => pyIterate(list));
    const length = items.length ? Math.min(...items.map((list) => list.length)) : 0;
    return Array.from({ length }, (_, index) => PyTuple.fromItems(items.map((list) => list[index])));
  };
  return {
    return: jinjaReturn,
    log: (...args: unknown[]) => {
      const { msg, info } = bindArguments(args, ['msg', 'info']);
      if (info) options.log(String(msg));
      return '';
    },
    print: (message: unknown) => {
      options.log(String(message));
      return '';
    },
    modules: pythonModules(() => new Date()),
    run_started_at: utcDatetime(options.runStartedAt),
    invocation_id: options.invocationId,
    dbt_version: DBT_VERSION,
    thread_id: 'Thread-1',
    invocation_args_dict: {},
    dbt_metadata_envs: {},
    fromjson: (text: unknown, fallback?: unknown) => {
      try {
        return JSON.parse(String(text));
      } catch {
        return fallback ?? null;
      }
    },
    // json.dumps as dbt calls it: Python's separators, keys in their order.
    tojson: (...args: unknown[]) => {
      const { value, sort_keys } = bindArguments(args, ['value', 'default', 'sort_keys']);
      return pyJsonDumps(value, null, Boolean(sort_keys));
    },
    // dbt reads YAML with PyYAML everywhere, fromyaml() included.
    fromyaml: (text: unknown) => parseYaml(String(text), options.file() ?? '<fromyaml>').value,
    toyaml: (item: unknown) => YAML.stringify(item),
    local_md5: (text: unknown) => createHash('md5').update(String(text)).digest('hex'),
    zip: (...args: unknown[]) => zipped(args, false),
    zip_strict: (...args: unknown[]) => zipped(args, true),
    set: (...args: unknown[]) => {
      const { value: items, default: fallback } = bindArguments(args, ['value', 'default']);
      return distinct(items, false, fallback ?? null);
    },
    set_strict: (items: unknown) => distinct(items, true),
    try_or_compiler_error: (...args: unknown[]) => {
      const { args: positional, kwargs } = splitKeywordArgs(args);
      const [message, fn, ...rest] = positional;
      try {
        return (fn as (...inner: unknown[]) => unknown)(...rest, ...(Object.keys(kwargs).length ? [makeKeywordArgs(kwargs)] : []));
      } catch {
        throw fail(`Compilation error: ${String(message)}`);
      }
    },
    diff_of_two_dicts: (a: Record<string, unknown[]>, b: Record<string, unknown[]>) => {
      const diff: Record<string, unknown> = {};
      for (const key of Object.keys(a ?? {})) {
        if (b && key in b) {
          const other = new Set((b[key] ?? []).map((item) => String(item).toLowerCase()));
          const missing = (a[key] ?? []).filter((item) => !other.has(String(item).toLowerCase()));
          if (missing.length) diff[key] = missing;
        } else diff[key] = a[key];
      }
      return diff;
    },
  };
}
