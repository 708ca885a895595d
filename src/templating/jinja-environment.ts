/**
 * The nunjucks Environment Sluice renders dbt's Jinja with.
 *
 * How the compatibility layer sits on nunjucks. Nothing in nunjucks is patched, so other nunjucks
 * users in the process are unaffected and creating many environments is safe:
 *   - jinja-parser.ts tokenizes and parses Jinja's grammar (with nunjucks' tokens and whitespace
 *     control, so templates read as they always did);
 *   - jinja-interpreter.ts runs the parsed template, calling jinja-runtime.ts for Python semantics
 *     (python-values.ts, python-methods.ts, python-format.ts);
 *   - the result is a nunjucks Template whose `root` runs it (template.ts);
 *   - this Environment holds Jinja's filters, tests and globals (jinja-filters.ts, jinja-tests.ts,
 *     jinja-globals.ts); more can be added with `env.addFilter(name, fn)` / `addGlobal`, or by
 *     setting `env.tests[name]`, using nunjucks' calling convention `fn(value, ...args, kwargs?)`.
 * Autoescaping is off, there is no loader (templates come from strings), and whitespace follows
 * Jinja's defaults: no trim_blocks, no lstrip_blocks, `{%-`/`-%}` control, one trailing newline
 * dropped. `env.renderString` goes through the same layer.
 */
import nunjucks from 'nunjucks';
import { SluiceError } from '../errors.js';
import { jinjaFilters } from './jinja-filters.js';
import { jinjaGlobals } from './jinja-globals.js';
import { jinjaTests } from './jinja-tests.js';
import type { EnvLike } from './jinja-runtime.js';
import { compileTemplate, renderTemplate } from './template.js';

export interface JinjaEnvironment extends nunjucks.Environment {
  filters: Record<string, unknown>;
  tests: Record<string, unknown>;
  globals: Record<string, unknown>;
}

const jinjaEnvironments = new WeakSet<object>();

export function isJinjaEnvironment(env: object): boolean {
  return jinjaEnvironments.has(env);
}

export function createJinjaEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: false, trimBlocks: false, lstripBlocks: false }) as JinjaEnvironment;
  // Only Jinja's names: nunjucks' own filters (dump, nl2br…) and globals are not Jinja's.
  env.filters = {};
  env.tests = {};
  env.globals = {};
  const envLike = env as unknown as EnvLike;
  for (const [name, fn] of Object.entries(jinjaFilters(envLike))) env.addFilter(name, fn);
  for (const [name, fn] of Object.entries(jinjaTests(envLike))) env.tests[name] = fn;
  for (const [name, fn] of Object.entries(jinjaGlobals())) env.addGlobal(name, fn);
  // Rendering a string goes through the Jinja compatibility layer too, never plain nunjucks.
  env.renderString = ((source: string, context?: object) =>
    renderTemplate(compileTemplate(env, source, '<string>'), context ?? {}, '<string>')) as nunjucks.Environment['renderString'];
  // No loader: a template that asks for another one by name gets a clear error.
  env.getTemplate = ((name: string) => {
    throw new SluiceError(`templates are compiled from strings; there is no template named '${name}' to load`);
  }) as nunjucks.Environment['getTemplate'];
  jinjaEnvironments.add(env);
  return env;
}
