/**
 * Compiling and rendering templates, and handing a file's macros to other templates.
 *
 * Compile once, render many: `compileTemplate` preprocesses, parses and checks a template eagerly
 * (syntax errors, unknown filters and tests surface at load, with file, line and column);
 * `renderTemplate` only runs it.
 *
 * Context objects are never copied. A render reads names from an object whose prototype is the
 * context passed in, so getters on it run at every lookup. Macros returned by `getExportedMacros`
 * keep reading the context object they were exported with: export every macro file once, with a
 * context whose getters read "the node rendering now", and put the macros into the contexts of other
 * templates (dbt makes every macro global).
 *
 * `return()`: `jinjaReturn` (a global of the environment; also put it in render contexts) throws a
 * `ReturnSignal`. Every top-level macro catches it and returns the value as is (a list, dict, string,
 * number or None), so its caller — a template, another macro in the same file, or JS — gets a native
 * value and keeps running. Nested macros and `{% call %}` bodies let it pass to the top-level macro
 * around them, as in dbt. Outside any macro it is an error.
 *
 * Calling convention for JS code: a macro is a function taking its positional arguments, then — when
 * there are keyword arguments — one object of them marked as keyword arguments (nunjucks'
 * convention). `callMacro(fn, args, kwargs)` builds that call. A macro returns its rendered text, or
 * the value it passed to `return()`. Context functions receive arguments the same way;
 * `splitKeywordArgs` separates them again. Values: `null` is None, `undefined` is Jinja's Undefined
 * (return `null` from a context function for None); python-values.ts describes the rest, and
 * `toNative` turns tuples, generators and integral floats back into plain JS.
 */
import nunjucks from 'nunjucks';
import { SluiceError } from '../errors.js';
import { compileJinja, type CompiledModule } from './jinja-interpreter.js';
import { TemplateSyntaxError } from './jinja-parser.js';
import {
  JinjaContext,
  MACRO_INFO,
  PY_CALL,
  ReturnSignal,
  TEMPLATE_TRACE,
  jinjaReturn,
  makeKeywordArgs,
  pyFunction,
  splitKeywordArgs,
  withUndefinedMode,
  type EnvLike,
  type JinjaFunction,
} from './jinja-runtime.js';
import { preprocessJinja } from './preprocess.js';
import { JinjaRuntimeError } from './python-values.js';

export { ReturnSignal, jinjaReturn, makeKeywordArgs, splitKeywordArgs };
export { toNative } from './python-values.js';
export type { JinjaFunction };

interface CompiledEntry {
  module: CompiledModule;
  env: EnvLike;
  file: string;
}

// The compiled module rides on the Template itself: with a WeakMap, every garbage collection traces
// the thousands of live templates of a project as ephemerons, which measurably slows compiling.
const COMPILED: unique symbol = Symbol('sluice.compiled');
type CompiledTemplate = nunjucks.Template & { [COMPILED]?: CompiledEntry };

/** Jinja reads \r\n and \r as \n and drops one trailing newline (keep_trailing_newline=False). */
function normalizeNewlines(source: string): string {
  const text = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

function traceHint(error: unknown): string | undefined {
  const trace = (error as { [TEMPLATE_TRACE]?: string[] })?.[TEMPLATE_TRACE];
  return trace?.length ? `called from ${trace.join(', called from ')}` : undefined;
}

const REPORTED: unique symbol = Symbol('sluice.reported');

function withTrace(hint: string | undefined, error: unknown): string | undefined {
  const trace = traceHint(error);
  return [hint, trace].filter(Boolean).join('; ') || undefined;
}

/**
 * Any error out of compiling or rendering, as a SluiceError with the template place. `final` adds
 * the "called from" trail to the hint; macros called from JS convert without it, so an outer render
 * can still extend the trail.
 */
export function toSluiceError(error: unknown, file: string, final = true): SluiceError {
  let converted: SluiceError;
  if (error instanceof SluiceError) converted = error;
  else if (error instanceof ReturnSignal) {
    converted = new SluiceError('return() called outside a macro', { file, hint: 'return() ends a macro; a model renders its SQL instead' });
  } else if (error instanceof TemplateSyntaxError) {
    converted = new SluiceError(error.message, { file, line: error.line, column: error.column, hint: error.hint });
  } else if (error instanceof JinjaRuntimeError) {
    // A SluiceError raised inside the template (env_var(), a compiler error) keeps its code through the wrapping.
    const raised = error.cause instanceof SluiceError ? error.cause : undefined;
    converted = new SluiceError(error.message, { file: error.file ?? file, line: error.line, column: error.column, hint: error.hint, code: raised?.code, details: raised && { ...raised.details } });
    (converted as Error).cause = error.cause ?? error;
    const trace = (error as { [TEMPLATE_TRACE]?: string[] })[TEMPLATE_TRACE];
    if (trace) (converted as { [TEMPLATE_TRACE]?: string[] })[TEMPLATE_TRACE] = trace;
  } else {
    const raw = error instanceof Error ? error.message : String(error);
    // nunjucks decorates its messages with "(path) [Line x, Column y]"; keep the message only.
    const place = /\[Line (\d+)(?:, Column (\d+))?\]/.exec(raw);
    const message = raw.replace(/^\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?\s*/, '').trim();
    converted = new SluiceError(message, { file, line: place ? Number(place[1]) : undefined, column: place?.[2] ? Number(place[2]) : undefined });
    (converted as Error).cause = error;
  }
  const mutable = converted as { file?: string; hint?: string; [REPORTED]?: boolean };
  if (!mutable.file) mutable.file = file;
  if (final && !mutable[REPORTED]) {
    mutable.hint = withTrace(mutable.hint, converted);
    mutable[REPORTED] = true;
  }
  return converted;
}

/** Preprocesses and compiles a template now; syntax errors are SluiceErrors naming file and line. */
export function compileTemplate(env: nunjucks.Environment, source: string, file: string): nunjucks.Template {
  const envLike = env as unknown as EnvLike;
  let module: CompiledModule;
  try {
    module = compileJinja(envLike, normalizeNewlines(preprocessJinja(source, file).source), file);
  } catch (error) {
    throw toSluiceError(error, file);
  }
  const template = new nunjucks.Template({ type: 'code', obj: { root: module.root } } as unknown as string, env, file, true);
  (template as CompiledTemplate)[COMPILED] = { module, env: envLike, file };
  return template;
}

function entryOf(template: nunjucks.Template): CompiledEntry {
  const entry = (template as CompiledTemplate)[COMPILED];
  if (!entry) throw new SluiceError('this template was not compiled with compileTemplate()');
  return entry;
}

export interface RenderOptions {
  /**
   * Undefined as dbt's parse-time render has it (capture_macros): attributes, items and calls of an
   * undefined value give Undefined instead of failing; printing gives '', iterating nothing, and
   * arithmetic and ordering comparisons still fail. It holds for the macros the render calls too.
   * Off by default: execute-time renders keep Jinja's default Undefined.
   */
  lenientUndefined?: boolean;
}

/** Renders a compiled template against a context object (read live, never copied). */
export function renderTemplate(template: nunjucks.Template, context: object, file?: string, options?: RenderOptions): string {
  const entry = entryOf(template);
  try {
    // Every render states its mode, so a strict render nested in a lenient one stays strict.
    return withUndefinedMode(options?.lenientUndefined === true, () => entry.module.render(entry.env, new JinjaContext(entry.env.globals, context)));
  } catch (error) {
    throw toSluiceError(error, file ?? entry.file);
  }
}

/**
 * The template's top-level macros (as dbt loads a macro file: the rest of the file does not run),
 * bound to `context`. Errors from calling them from JS are SluiceErrors with the macro's file/line.
 */
export function getExportedMacros(template: nunjucks.Template, context: object, file?: string): Record<string, JinjaFunction> {
  const entry = entryOf(template);
  const macroFile = file ?? entry.file;
  const ctx = new JinjaContext(entry.env.globals, context);
  try {
    entry.module.defineMacros(entry.env, ctx);
  } catch (error) {
    throw toSluiceError(error, macroFile);
  }
  const macros: Record<string, JinjaFunction> = {};
  // Every top-level macro, `_private` ones included: dbt registers each macro of a file on its own, so
  // Jinja's rule that a module does not export underscore names does not apply (`dbt_utils._is_relation`).
  const names = [...ctx.exported, ...Object.keys(ctx.vars).filter((name) => name[0] === '_' && (ctx.vars[name] as JinjaFunction)?.[MACRO_INFO])];
  for (const name of names) {
    const macro = ctx.vars[name] as JinjaFunction;
    const impl = macro[PY_CALL]!;
    const wrapped = pyFunction(name, (args, kwargs) => {
      try {
        return impl(args, kwargs);
      } catch (error) {
        throw toSluiceError(error, macroFile, false);
      }
    });
    wrapped[MACRO_INFO] = macro[MACRO_INFO];
    macros[name] = wrapped;
  }
  return macros;
}

/** Calls a macro (or any template function) from JS with positional and keyword arguments. */
export function callMacro(fn: (...args: unknown[]) => unknown, args: unknown[] = [], kwargs: Record<string, unknown> = {}): unknown {
  const py = (fn as JinjaFunction)[PY_CALL];
  if (py) return py(args, kwargs);
  return Object.keys(kwargs).length ? fn(...args, makeKeywordArgs(kwargs)) : fn(...args);
}
